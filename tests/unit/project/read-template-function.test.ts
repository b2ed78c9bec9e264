import { describe, expect, it } from 'vitest';
import {
  summarizeTemplateFunctions,
  parseTemplate,
  ProjectInputError,
  readTemplateFunction,
} from '../../../src/project/index.js';

const SAM = `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: dev }
  Size: { Type: Number, Default: 512 }
Globals:
  Function:
    Runtime: nodejs22.x
    Timeout: 10
    MemorySize: !Ref Size
    Environment:
      Variables:
        STAGE: !Ref Stage
        SHARED: from-globals
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: layers/common/ }
  Api:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Architectures: [arm64]
      Layers: [!Ref Layer]
      Environment:
        Variables:
          NAME: !Sub 'api-\${Stage}-\${AWS::Region}'
          JOINED: !Join ['-', [a, !Ref Stage]]
          SHARED: overridden
  Inline:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c):\\n    return 1\\n"
  Broken:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Environment:
        Variables:
          TABLE: !Ref Table
          ARN: !GetAtt Table.Arn
  Java:
    Type: AWS::Serverless::Function
    Properties: { Runtime: java21, Handler: a.B::handle, CodeUri: java/ }
  Image:
    Type: AWS::Serverless::Function
    Properties: { PackageType: Image, ImageUri: repo:tag }
`;

const template = parseTemplate({ text: SAM, file: 'template.yaml' });
const read = (
  logicalId: string,
  extra: Partial<Parameters<typeof readTemplateFunction>[0]> = {},
): ReturnType<typeof readTemplateFunction> =>
  readTemplateFunction({ template, file: 'template.yaml', logicalId, ...extra });

describe('Function: readTemplateFunction (SAM)', () => {
  it('merges Globals under the resource and resolves Ref, Fn::Sub and Fn::Join over parameters', () => {
    // Act
    const fn = read('Api');
    // Assess
    expect(fn).toEqual({
      logicalId: 'Api',
      runtime: 'nodejs22.x',
      handler: 'app.handler',
      code: { kind: 'folder', path: 'src/' },
      memorySize: 512,
      timeout: 10,
      architecture: 'arm64',
      environment: { STAGE: 'dev', SHARED: 'overridden', NAME: 'api-dev-us-east-1', JOINED: 'a-dev' },
      layers: [{ logicalId: 'Layer', path: 'layers/common/' }],
      bundle: false,
    });
  });

  it('takes --parameter-overrides over parameter defaults', () => {
    const fn = read('Api', { parameterOverrides: { Stage: 'prod', Size: '1024' } });
    expect(fn.environment.NAME).toBe('api-prod-us-east-1');
    expect(fn.memorySize).toBe(1024);
  });

  it('reads inline code', () => {
    expect(read('Inline').code).toEqual({ kind: 'inline', source: 'def handler(e, c):\n    return 1\n' });
  });

  it('names every value it cannot resolve in one message, with the property and the intrinsic', () => {
    expect(() => read('Broken')).toThrow(ProjectInputError);
    expect(() => read('Broken')).toThrow(
      /cannot resolve 2 values of Broken without deploying:\n {2}Resources\.Broken\.Properties\.Environment\.Variables\.TABLE: Ref — Ref to resource Table is known only after deploying; give it with --env TABLE=VALUE\n {2}Resources\.Broken\.Properties\.Environment\.Variables\.ARN: Fn::GetAtt/,
    );
  });

  it('lets --env stand in for a value that cannot be resolved', () => {
    const fn = read('Broken', { environmentOverrides: { TABLE: 'local-table', ARN: 'arn:local' } });
    expect(fn.environment).toMatchObject({ TABLE: 'local-table', ARN: 'arn:local', STAGE: 'dev' });
  });

  it.each([
    ['Nope', /template\.yaml has no resource "Nope"; its functions are: Api, Broken, Image, Inline, Java/],
    ['Table', /Table has type AWS::DynamoDB::Table, not a function .*; its functions are: Api, Broken/],
    [
      'Java',
      /Java uses runtime java21, which the local Lambda service cannot run; deploy it and tune it on AWS with --function <its ARN>/,
    ],
    [
      'Image',
      /Image is a container image \(PackageType: Image\), which the local Lambda service cannot run; .*--function <its ARN>/,
    ],
  ])('refuses %s with a message that says what to do', (logicalId, message) => {
    expect(() => read(logicalId)).toThrow(message);
  });
});

describe('Function: readTemplateFunction (CDK cloud assembly)', () => {
  const cdk = parseTemplate({
    file: 'Stack.template.json',
    text: JSON.stringify({
      Parameters: {
        BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
      },
      Resources: {
        HelloFn1A2B3C4D: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Code: {
              S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' },
              S3Key: 'abc.zip',
            },
            Handler: 'index.handler',
            Runtime: 'nodejs22.x',
            MemorySize: 256,
            Environment: { Variables: { MODE: 'cdk' } },
          },
          Metadata: {
            'aws:cdk:path': 'Stack/HelloFn/Resource',
            'aws:asset:path': 'asset.abc',
            'aws:asset:property': 'Code',
          },
        },
      },
    }),
  });

  it('takes the code from the asset folder the resource metadata names, found by logical ID or construct path', () => {
    for (const id of ['HelloFn1A2B3C4D', 'HelloFn', 'Stack/HelloFn']) {
      const fn = readTemplateFunction({ template: cdk, file: 'Stack.template.json', logicalId: id });
      expect(fn).toMatchObject({
        logicalId: 'HelloFn1A2B3C4D',
        code: { kind: 'folder', path: 'asset.abc' },
        memorySize: 256,
        environment: { MODE: 'cdk' },
      });
    }
  });
});

describe('Function: parseTemplate', () => {
  it('turns every YAML short form into its long form', () => {
    const parsed = parseTemplate({
      text: 'Resources:\n  A:\n    X: !GetAtt B.Arn\n    Y: !Sub ["${v}", { v: !Ref P }]\n    Z: !If [C, !Ref A, !Ref "AWS::NoValue"]\n',
      file: 't.yaml',
    });
    expect(parsed.Resources).toEqual({
      A: {
        X: { 'Fn::GetAtt': ['B', 'Arn'] },
        Y: { 'Fn::Sub': ['${v}', { v: { Ref: 'P' } }] },
        Z: { 'Fn::If': ['C', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] },
      },
    });
  });

  it.each([
    ['Resources: [\n', /--template: t\.yaml:\d+:\d+: not valid YAML or JSON/],
    [
      'Description: no resources\n',
      /--template: t\.yaml: expected a CloudFormation or SAM template with a Resources section/,
    ],
  ])('refuses %j', (text, message) => {
    expect(() => parseTemplate({ text, file: 't.yaml' })).toThrow(message);
  });

  it('lists only the functions of a template', () => {
    expect(summarizeTemplateFunctions(template).map((fn) => [fn.logicalId, fn.runtime, fn.code])).toEqual([
      ['Api', 'nodejs22.x', 'src/'],
      ['Broken', 'nodejs22.x', 'src/'],
      ['Image', '(image)', '(image)'],
      ['Inline', 'python3.12', '(inline)'],
      ['Java', 'java21', 'java/'],
    ]);
  });
});
