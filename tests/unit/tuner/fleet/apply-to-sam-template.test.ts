import { describe, expect, it } from 'vitest';
import { applyMemorySizes, listTemplateFunctions } from '../../../../src/tuner/fleet/index.js';

describe('Function: applyMemorySizes', () => {
  it('replaces an existing MemorySize and nothing else', () => {
    const text =
      "Resources:\n  Fn: # the API\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: 'api'\n      MemorySize: 1024   # old\n";
    expect(applyMemorySizes({ text, sizes: new Map([['Fn', 512]]) })).toBe(text.replace('1024', '512'));
  });

  it('adds MemorySize above the first property and its comments when there is none', () => {
    const text =
      'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      # named by hand\n      FunctionName: api\n';
    expect(applyMemorySizes({ text, sizes: new Map([['Fn', 2048]]) })).toBe(
      'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: 2048\n      # named by hand\n      FunctionName: api\n',
    );
  });

  it('edits a JSON template as JSON', () => {
    const text =
      '{\n  "Resources": {\n    "A": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "a", "MemorySize": 128}},\n    "B": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "b"}}\n  }\n}\n';
    const after = applyMemorySizes({
      text,
      sizes: new Map([
        ['A', 256],
        ['B', 512],
      ]),
    });
    expect(JSON.parse(after)).toEqual({
      Resources: {
        A: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'a', MemorySize: 256 } },
        B: { Type: 'AWS::Lambda::Function', Properties: { MemorySize: 512, FunctionName: 'b' } },
      },
    });
  });

  it('lists functions with literal names only, and ignores other resources', () => {
    const text =
      "Resources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: !Sub '${AWS::StackName}-a'\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: b\n      MemorySize: 256\n  Q:\n    Type: AWS::SQS::Queue\n";
    expect(listTemplateFunctions(text)).toEqual([
      { logicalId: 'A' },
      { logicalId: 'B', functionName: 'b', memoryMB: 256 },
    ]);
  });
});
