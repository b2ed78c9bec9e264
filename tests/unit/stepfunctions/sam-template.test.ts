import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  HANDLER_IAM_ACTIONS,
  HANDLER_NAMES,
  S3_PAYLOAD_HANDLERS,
  SUBSTITUTION_KEYS,
} from '../../../src/stepfunctions/constants.js';

const TEMPLATE = new URL('../../../deploy/sam/template.yml', import.meta.url).pathname;
const ASL = new URL('../../../deploy/statemachine/powertune.asl.json', import.meta.url).pathname;

const hasCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasCfnLint)
  console.warn('NOTICE: cfn-lint is not installed; the SAM template tests are skipped (pip install cfn-lint).');

type Json = Record<string, unknown>;

/** The template as JSON, decoded by cfn-lint's own YAML loader (it understands !Ref, !If…). */
const loadTemplate = (): Json => {
  const script =
    'import json,sys\nfrom cfnlint.decode import decode\nt,m=decode(sys.argv[1])\nprint(json.dumps(t, default=str))';
  return JSON.parse(execFileSync('python3', ['-c', script, TEMPLATE], { encoding: 'utf8' })) as Json;
};

const capitalize = (name: string): string => `${name[0]?.toUpperCase()}${name.slice(1)}`;

describe.skipIf(!hasCfnLint)('File: deploy/sam/template.yml', () => {
  const template = hasCfnLint ? loadTemplate() : {};
  const resources = (template.Resources ?? {}) as Record<string, { Type: string; Properties: Json; Metadata?: Json }>;
  const globals = ((template.Globals as Json | undefined)?.Function ?? {}) as Json;

  it('passes cfn-lint', () => {
    // Act
    const lint = spawnSync('cfn-lint', [TEMPLATE], { encoding: 'utf8' });

    // Assess
    expect(`${lint.stdout}${lint.stderr}`).toBe('');
    expect(lint.status).toBe(0);
    // cfn-lint loads every resource spec: ~15 s alone, over 30 s on a loaded 2-core machine.
  }, 120_000);

  it('runs every handler on nodejs22.x, bundled by esbuild from its TypeScript entry point', () => {
    // Assess
    expect(globals.Runtime).toBe('nodejs22.x');
    for (const name of HANDLER_NAMES) {
      const fn = resources[`${capitalize(name)}Function`];
      expect(fn?.Type, name).toBe('AWS::Serverless::Function');
      expect(fn?.Properties.Handler, name).toBe(`${name}.handler`);
      expect(fn?.Metadata, name).toMatchObject({
        BuildMethod: 'esbuild',
        BuildProperties: { Format: 'esm', EntryPoints: [`dist/stepfunctions/handlers/${name}.js`] },
      });
    }
  });

  it('builds from what the npm package ships: the entry points are compiled files under a published folder', () => {
    // Prepare
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      files: string[];
    };
    // Act
    const entries = HANDLER_NAMES.map(
      (name) =>
        ((resources[`${capitalize(name)}Function`]?.Metadata?.BuildProperties as Json).EntryPoints as string[])[0] ??
        '',
    );
    // Assess
    expect(globals.CodeUri).toBe('../../');
    for (const entry of entries) {
      expect(
        pkg.files.some((folder) => entry.startsWith(`${folder}/`)),
        entry,
      ).toBe(true);
      // tsc compiles src/<path>.ts to dist/<path>.js
      expect(
        existsSync(new URL(`../../../${entry.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')}`, import.meta.url)),
        entry,
      ).toBe(true);
    }
  });

  it.each(HANDLER_NAMES.map((name) => [name]))(
    'grants the %s handler exactly its Lambda actions on lambdaResource',
    (name) => {
      // Prepare
      const policies = (resources[`${capitalize(name)}Function`]?.Properties.Policies ?? []) as Json[];

      // Act
      const statements = policies.flatMap((policy) => (policy.Statement ?? []) as Json[]);
      const lambdaActions = statements.flatMap((statement) => statement.Action as string[]);
      const conditionalS3 = policies.filter((policy) => 'Fn::If' in policy);

      // Assess
      expect(lambdaActions.sort()).toEqual([...HANDLER_IAM_ACTIONS[name]].sort());
      for (const statement of statements) expect(statement.Resource).toEqual({ Ref: 'lambdaResource' });
      expect(conditionalS3.length).toBe((S3_PAYLOAD_HANDLERS as readonly string[]).includes(name) ? 1 : 0);
      expect(JSON.stringify(policies)).not.toContain('lambda:*');
    },
  );

  it('gives every handler its own log group with the configured retention', () => {
    for (const name of HANDLER_NAMES) {
      const fn = resources[`${capitalize(name)}Function`];
      const logGroupRef = (fn?.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(resources[logGroupRef]?.Type, name).toBe('AWS::Logs::LogGroup');
      expect(resources[logGroupRef]?.Properties.RetentionInDays, name).toEqual({ Ref: 'logGroupRetentionInDays' });
    }
  });

  it('lets the state machine invoke only the six handlers, and substitutes every ARN placeholder of the definition', () => {
    // Prepare
    const machine = resources.PowerTuneStateMachine;
    const placeholders = [...readFileSync(ASL, 'utf8').matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]);

    // Act
    const policies = machine?.Properties.Policies as Array<{ LambdaInvokePolicy?: { FunctionName: { Ref: string } } }>;
    const substitutions = Object.keys(machine?.Properties.DefinitionSubstitutions as Json);

    // Assess
    expect(machine?.Properties.DefinitionUri).toBe('../statemachine/powertune.asl.json');
    expect(policies.map((policy) => policy.LambdaInvokePolicy?.FunctionName.Ref).sort()).toEqual(
      HANDLER_NAMES.map((name) => `${capitalize(name)}Function`).sort(),
    );
    expect(substitutions.sort()).toEqual(Object.values(SUBSTITUTION_KEYS).sort());
    expect([...new Set(placeholders)].sort()).toEqual(Object.values(SUBSTITUTION_KEYS).sort());
  });

  it('has the reference tool parameters and outputs the state machine ARN', () => {
    // Assess
    expect(Object.keys(template.Parameters as Json)).toEqual(
      expect.arrayContaining([
        'lambdaResource',
        'PowerValues',
        'totalExecutionTimeout',
        'permissionsBoundary',
        'payloadS3Bucket',
        'payloadS3Key',
        'logGroupRetentionInDays',
        'securityGroupIds',
        'subnetIds',
        'visualizationURL',
        'stateMachineNamePrefix',
      ]),
    );
    expect((template.Outputs as Json).StateMachineARN).toMatchObject({ Value: { Ref: 'PowerTuneStateMachine' } });
  });
});
