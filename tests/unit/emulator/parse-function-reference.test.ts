import { describe, expect, it } from 'vitest';
import { InvalidParameterValueError, ResourceNotFoundError, ValidationError } from '../../../src/emulator/errors.js';
import { parseFunctionReference } from '../../../src/emulator/parse-function-reference.js';

const where = { region: 'us-east-1', accountId: '123456789012' };

describe('Function: parseFunctionReference', () => {
  it.each([
    ['my-fn', undefined, { name: 'my-fn' }],
    ['my-fn:live', undefined, { name: 'my-fn', qualifier: 'live' }],
    ['my-fn', '3', { name: 'my-fn', qualifier: '3' }],
    ['my-fn:3', '3', { name: 'my-fn', qualifier: '3' }],
    ['123456789012:function:my-fn', undefined, { name: 'my-fn' }],
    ['123456789012:function:my-fn:$LATEST', undefined, { name: 'my-fn', qualifier: '$LATEST' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:my-fn', undefined, { name: 'my-fn' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:my-fn:7', undefined, { name: 'my-fn', qualifier: '7' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:my-fn', '', { name: 'my-fn' }],
  ])('returns the name and qualifier of %s (Qualifier %s)', (functionName, qualifier, expected) => {
    expect(parseFunctionReference({ functionName, qualifier, ...where })).toEqual(expected);
  });

  it.each([
    ['another region', 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn', undefined, ResourceNotFoundError],
    ['another account', 'arn:aws:lambda:us-east-1:999999999999:function:my-fn', undefined, ResourceNotFoundError],
    ['another account (partial ARN)', '999999999999:function:my-fn', undefined, ResourceNotFoundError],
    ['a name with spaces', 'my fn', undefined, ValidationError],
    ['a name over 64 characters', 'f'.repeat(65), undefined, ValidationError],
    ['conflicting qualifiers', 'my-fn:1', '2', InvalidParameterValueError],
  ])('throws for %s', (_case, functionName, qualifier, errorClass) => {
    expect(() => parseFunctionReference({ functionName, qualifier, ...where })).toThrow(errorClass);
  });

  it('throws InvalidParameterValueError when the operation takes no qualifier', () => {
    expect(() => parseFunctionReference({ functionName: 'my-fn:live', ...where, allowQualifier: false })).toThrow(
      InvalidParameterValueError,
    );
  });
});
