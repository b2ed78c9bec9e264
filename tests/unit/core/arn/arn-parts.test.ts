import { describe, expect, it } from 'vitest';
import { functionNameOfArn, regionOfArn, unqualifiedArn } from '../../../../src/core/index.js';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:api';

describe('Function: regionOfArn', () => {
  it.each([
    [ARN, 'eu-west-1'],
    [`${ARN}:live`, 'eu-west-1'],
    ['arn:aws:states:us-east-2:123456789012:stateMachine:tuner', 'us-east-2'],
    ['api', undefined],
    ['api:live', undefined],
    ['123456789012:function:api', undefined],
    ['arn:aws:lambda:eu-west-1', undefined],
  ])('returns the region of %s', (value, expected) => {
    expect(regionOfArn(value)).toBe(expected);
  });
});

describe('Function: unqualifiedArn', () => {
  it.each([
    [ARN, ARN],
    [`${ARN}:live`, ARN],
    [`${ARN}:7`, ARN],
    ['api', undefined],
    ['api:live', undefined],
    ['arn:aws:lambda:eu-west-1:123456789012:function', undefined],
  ])('returns the unqualified ARN of %s', (value, expected) => {
    expect(unqualifiedArn(value)).toBe(expected);
  });
});

describe('Function: functionNameOfArn', () => {
  it.each([
    [ARN, 'api'],
    [`${ARN}:live`, 'api'],
    ['123456789012:function:api:7', 'api'],
    ['api', undefined],
    ['api:live', undefined],
  ])('returns the function name of %s', (value, expected) => {
    expect(functionNameOfArn(value)).toBe(expected);
  });
});
