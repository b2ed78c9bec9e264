import { describe, expect, it } from 'vitest';
import { InputError, isValidRegion, parseFunctionTarget, partitionOfRegion } from '../../../../src/core/index.js';

describe('Function: parseFunctionTarget', () => {
  it.each([
    ['my-fn', { functionName: 'my-fn' }],
    ['my_fn-2', { functionName: 'my_fn-2' }],
    ['my-fn:live', { functionName: 'my-fn', qualifier: 'live' }],
    ['my-fn:7', { functionName: 'my-fn', qualifier: '7' }],
    [
      'arn:aws:lambda:us-east-1:123456789012:function:my-fn',
      { functionName: 'my-fn', region: 'us-east-1', accountId: '123456789012', partition: 'aws' },
    ],
    [
      'arn:aws:lambda:eu-west-1:123456789012:function:api:live',
      { functionName: 'api', region: 'eu-west-1', accountId: '123456789012', partition: 'aws', qualifier: 'live' },
    ],
    [
      'arn:aws:lambda:eu-west-1:123456789012:function:api:25',
      { functionName: 'api', region: 'eu-west-1', accountId: '123456789012', partition: 'aws', qualifier: '25' },
    ],
    [
      'arn:aws:lambda:eu-west-1:123456789012:function:api:$LATEST',
      { functionName: 'api', region: 'eu-west-1', accountId: '123456789012', partition: 'aws', qualifier: '$LATEST' },
    ],
    [
      'arn:aws-cn:lambda:cn-north-1:123456789012:function:fn',
      { functionName: 'fn', region: 'cn-north-1', accountId: '123456789012', partition: 'aws-cn' },
    ],
    [
      'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn',
      { functionName: 'fn', region: 'us-gov-west-1', accountId: '123456789012', partition: 'aws-us-gov' },
    ],
    ['123456789012:function:my-fn', { functionName: 'my-fn', accountId: '123456789012' }],
    ['123456789012:function:my-fn:prod', { functionName: 'my-fn', accountId: '123456789012', qualifier: 'prod' }],
  ])('parses %s', (value, expected) => {
    expect(parseFunctionTarget(value)).toEqual(expected);
  });

  it('fills in the region option for a bare name', () => {
    expect(parseFunctionTarget('my-fn', { region: 'ap-south-1' })).toEqual({
      functionName: 'my-fn',
      region: 'ap-south-1',
    });
  });

  it.each([
    [''],
    ['arn:aws'],
    ['arn:aws:lambda:us-east-1:XXX:function:YYY'],
    ['arn:aws:lambda:us-east-1:123456789012:function:'],
    ['arn:aws:lambda:us-east-1:123456789012:layer:my-layer'],
    ['arn:aws-cn:lambda:us-east-1:123456789012:function:fn'],
    ['a'.repeat(65)],
    ['my fn'],
    ['my-fn:live:extra'],
  ])('refuses %j with an InputError naming the field', (value) => {
    expect(() => parseFunctionTarget(value, { field: 'preProcessorARN' })).toThrow(InputError);
    expect(() => parseFunctionTarget(value, { field: 'preProcessorARN' })).toThrow(/^preProcessorARN: /);
  });

  it('explains a partition that does not match the region', () => {
    expect(() => parseFunctionTarget('arn:aws:lambda:cn-north-1:123456789012:function:fn')).toThrow(
      'lambdaARN: partition aws does not match region cn-north-1 (expected aws-cn); got "arn:aws:lambda:cn-north-1:123456789012:function:fn"',
    );
  });
});

describe('Function: isValidRegion', () => {
  it.each([
    ['us-east-1', true],
    ['cn-north-1', true],
    ['us-gov-west-1', true],
    ['ap-southeast-7', true],
    ['eu-central-2', true],
    ['US-EAST-1', false],
    ['us-east', false],
    ['useast1', false],
    ['', false],
  ])('returns %s → %s', (region, expected) => {
    expect(isValidRegion(region)).toBe(expected);
  });

  it.each([
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['eu-west-1', 'aws'],
  ])('puts %s in partition %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
  });
});
