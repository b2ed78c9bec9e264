import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PowerTuneStateMachine } from '../../../../src/stepfunctions/cdk/index.js';
import { HANDLER_IAM_ACTIONS, HANDLER_NAMES } from '../../../../src/stepfunctions/constants.js';

type Json = Record<string, unknown>;
const ENV = { account: '123456789012', region: 'eu-west-1' };
const LAMBDA_RESOURCE = 'arn:aws:lambda:eu-west-1:123456789012:function:checkout-*';

/** A tiny asset per handler: the real bundles are not needed to synthesize. */
const tinyBundles = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'powertune-cdk-'));
  for (const name of HANDLER_NAMES) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'index.mjs'), 'export const handler = async () => ({});\n');
  }
  return dir;
};

let basic: Template;
let custom: Template;
let synthError: unknown;
let tuner: PowerTuneStateMachine;
let bundleDirectory: string;

afterAll(() => {
  rmSync(bundleDirectory, { recursive: true, force: true });
});

// One app, two stacks, one synthesis (with cdk-nag) shared by every test.
beforeAll(() => {
  bundleDirectory = tinyBundles();
  // The cloud assembly goes inside the bundles' temp folder (CDK's default is a new temp folder nobody removes).
  const app = new App({ outdir: join(bundleDirectory, 'cdk.out') });
  const basicStack = new Stack(app, 'Basic', { env: ENV });
  tuner = new PowerTuneStateMachine(basicStack, 'PowerTune', { bundleDirectory });
  const customStack = new Stack(app, 'Custom', { env: ENV });
  const vpc = ec2.Vpc.fromVpcAttributes(customStack, 'Vpc', {
    vpcId: 'vpc-12345678',
    availabilityZones: ['eu-west-1a'],
    privateSubnetIds: ['subnet-12345678'],
  });
  new PowerTuneStateMachine(customStack, 'PowerTune', {
    bundleDirectory,
    lambdaResource: LAMBDA_RESOURCE,
    powerValues: [128, 1024],
    totalExecutionTimeout: Duration.minutes(10),
    maxConcurrency: 4,
    logRetention: 30,
    payloadS3Bucket: s3.Bucket.fromBucketName(customStack, 'Payloads', 'my-payloads'),
    payloadS3Key: 'events/*',
    vpc,
    securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(customStack, 'Sg', 'sg-12345678')],
    visualizationUrl: 'https://viz.example.com/',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  basic = Template.fromStack(basicStack);
  custom = Template.fromStack(customStack);
}, 60_000);

/** The IAM policy statements attached to the role of a handler. */
const handlerStatements = (template: Template, name: string): Json[] => {
  const roles = template.findResources('AWS::IAM::Role', { Properties: { Description: `powertune ${name} handler` } });
  const roleId = Object.keys(roles)[0];
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) => JSON.stringify((policy.Properties as Json).Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties as { PolicyDocument: { Statement: Json[] } }).PolicyDocument.Statement);
};

const actionsOf = (statement: Json): string[] => [statement.Action].flat() as string[];

describe('Class: PowerTuneStateMachine', () => {
  it('passes the cdk-nag AwsSolutions checks (every remaining finding is acknowledged with a reason)', () => {
    // Assess
    expect(synthError === undefined ? '' : String(synthError)).toBe('');
  });

  it('creates six nodejs22.x handlers with the timeout and environment of the props', () => {
    // Assess
    basic.resourceCountIs('AWS::Lambda::Function', 6);
    custom.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Timeout: 600,
      Environment: {
        Variables: Match.objectLike({
          POWERTUNE_DEFAULT_POWER_VALUES: '128,1024',
          POWERTUNE_MAX_CONCURRENCY: '4',
          POWERTUNE_HANDLER_TIMEOUT_SECONDS: '600',
          POWERTUNE_VISUALIZATION_URL: 'https://viz.example.com/',
        }),
      },
      VpcConfig: { SubnetIds: ['subnet-12345678'], SecurityGroupIds: ['sg-12345678'] },
    });
  });

  it('gives every handler its own log group with the configured retention', () => {
    // Assess
    basic.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 7 }, 7);
    custom.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 7);
    basic.allResourcesProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('logs') } },
    });
  });

  it.each(HANDLER_NAMES.map((name) => [name]))(
    'grants the %s handler exactly its Lambda actions on lambdaResource, and logs only to its log group',
    (name) => {
      // Act
      const statements = handlerStatements(custom, name);
      const lambdaStatements = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')));
      const logStatements = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));

      // Assess
      expect(lambdaStatements.flatMap(actionsOf).sort()).toEqual([...HANDLER_IAM_ACTIONS[name]].sort());
      for (const statement of lambdaStatements) expect(statement.Resource).toBe(LAMBDA_RESOURCE);
      expect(logStatements.flatMap(actionsOf).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      for (const statement of logStatements) expect(JSON.stringify(statement.Resource)).toContain('logs');
      expect(statements.flatMap(actionsOf).some((action) => action.endsWith(':*') || action === '*')).toBe(false);
    },
  );

  it('lets only the handlers that read payloads read the payload bucket', () => {
    // Act
    const readers = HANDLER_NAMES.filter((name) =>
      handlerStatements(custom, name).some((s) => actionsOf(s).some((a) => a.startsWith('s3:'))),
    );

    // Assess
    expect(readers.sort()).toEqual(['initialize', 'measure']);
    expect(JSON.stringify(handlerStatements(custom, 'measure'))).toContain('my-payloads/events/*');
  });

  it('lets the state machine invoke its six handlers and no other function', () => {
    // Prepare
    const functionIds = Object.keys(basic.findResources('AWS::Lambda::Function'));
    const machineRole = Object.entries(basic.findResources('AWS::IAM::Role')).find(([, role]) =>
      JSON.stringify(role).includes('states.amazonaws.com'),
    )?.[0];

    // Act
    const statements = Object.values(basic.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify((policy.Properties as Json).Roles).includes(`"${machineRole}"`))
      .flatMap((policy) => (policy.Properties as { PolicyDocument: { Statement: Json[] } }).PolicyDocument.Statement);
    const invoke = statements.filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    const targets = JSON.stringify(invoke.map((s) => s.Resource));

    // Assess
    expect(invoke.length).toBeGreaterThan(0);
    for (const id of functionIds) expect(targets).toContain(id);
    expect(targets).not.toMatch(/"\*"/);
  });

  it('uses the generated definition with the handler ARNs and exposes the state machine', () => {
    // Prepare
    const machine = Object.values(basic.findResources('AWS::StepFunctions::StateMachine'))[0];

    // Act
    const definition = JSON.stringify((machine?.Properties as Json).DefinitionString);

    // Assess
    expect(definition).toContain('AllSizesPrepared?');
    expect(definition).not.toContain('${InitializeFunctionArn}');
    expect(tuner.stateMachine.stateMachineArn).toBeDefined();
    basic.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });
});

describe('Class: PowerTuneStateMachine without bundleDirectory', () => {
  it("takes the handler bundles from its own package's deploy/sam/.build", () => {
    // Prepare: three folders up from src/stepfunctions/cdk (and from dist/stepfunctions/cdk once built).
    const expected = fileURLToPath(new URL('../../../../deploy/sam/.build/', import.meta.url));
    const outdir = mkdtempSync(join(tmpdir(), 'powertune-cdk-defaults-'));
    try {
      const stack = new Stack(new App({ outdir }), 'Defaults', { env: ENV });
      // Act
      const construct = ((): unknown => {
        try {
          return new PowerTuneStateMachine(stack, 'PowerTune');
        } catch (error) {
          return error;
        }
      })();
      // Assess: the bundles exist after `npm pack` (prepack writes them); either way the path is the package's own.
      if (existsSync(join(expected, 'initialize', 'index.mjs')))
        expect(construct).toBeInstanceOf(PowerTuneStateMachine);
      else expect((construct as Error).message).toBe(`Cannot find asset at ${join(expected, 'initialize')}`);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
