import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/index.js';
import { resolveEndpoint, resolveTarget } from '../../../src/lambda/index.js';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn';

describe('Function: resolveTarget', () => {
  it.each([
    [
      'a function name',
      { lambdaARN: 'my-fn', region: 'us-east-2' },
      { functionName: 'my-fn', displayName: 'my-fn', region: 'us-east-2' },
    ],
    ['a name with an alias', { lambdaARN: 'my-fn:live' }, { functionName: 'my-fn', qualifier: 'live' }],
    [
      'a full ARN',
      { lambdaARN: ARN },
      { functionName: ARN, displayName: 'my-fn', region: 'eu-west-1', accountId: '123456789012' },
    ],
    [
      'a qualified ARN with a version',
      { lambdaARN: `${ARN}:25` },
      { functionName: ARN, qualifier: '25', region: 'eu-west-1' },
    ],
    ['a qualified ARN with an alias', { lambdaARN: `${ARN}:prod` }, { functionName: ARN, qualifier: 'prod' }],
    ['$LATEST as qualifier (same as none)', { lambdaARN: `${ARN}:$LATEST` }, { functionName: ARN }],
    [
      'a China ARN',
      { lambdaARN: 'arn:aws-cn:lambda:cn-north-1:123456789012:function:f' },
      { functionName: 'arn:aws-cn:lambda:cn-north-1:123456789012:function:f', region: 'cn-north-1' },
    ],
  ])('resolves %s', (_label, options, expected) => {
    const target = resolveTarget({ ...options, env: {} });
    expect(target).toMatchObject(expected);
    if (!('qualifier' in expected)) expect(target.qualifier).toBeUndefined();
  });

  it('takes the region from AWS_REGION, then AWS_DEFAULT_REGION, when neither ARN nor option gives one', () => {
    expect(
      resolveTarget({ lambdaARN: 'f', env: { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'us-west-2' } }).region,
    ).toBe('ap-south-1');
    expect(resolveTarget({ lambdaARN: 'f', env: { AWS_DEFAULT_REGION: 'us-west-2' } }).region).toBe('us-west-2');
    expect(resolveTarget({ lambdaARN: 'f', env: {} }).region).toBeUndefined();
  });

  it('refuses a malformed target with an InputError (exit code 2)', () => {
    expect(() => resolveTarget({ lambdaARN: 'arn:aws:lambda:eu-west-1:function', env: {} })).toThrow(InputError);
  });
});

describe('Function: resolveEndpoint', () => {
  it.each([
    [{ endpoint: 'http://127.0.0.1:1', env: { AWS_ENDPOINT_URL_LAMBDA: 'http://x' } }, 'http://127.0.0.1:1'],
    [{ env: { AWS_ENDPOINT_URL_LAMBDA: 'http://lambda', AWS_ENDPOINT_URL: 'http://all' } }, 'http://lambda'],
    [{ env: { AWS_ENDPOINT_URL: 'http://all' } }, 'http://all'],
    [{ env: {} }, undefined],
  ])('resolves %o to %s', (options, expected) => {
    expect(resolveEndpoint(options)).toBe(expected);
  });
});
