import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/index.js';
import { buildSfnInput } from '../../../src/stepfunctions/build-sfn-input.js';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn';

describe('Function: buildSfnInput', () => {
  it('returns the reference input JSON with power values normalised and unset options dropped', () => {
    // Act
    const input = buildSfnInput({
      lambdaARN: ARN,
      num: 20,
      powerValues: '1024,128-512:128',
      strategy: undefined,
      maxConcurrency: 4,
    });

    // Assess
    expect(input).toEqual({ lambdaARN: ARN, num: 20, powerValues: [128, 256, 384, 512, 1024], maxConcurrency: 4 });
  });

  it('keeps a reference input unchanged', () => {
    // Prepare
    const reference = {
      lambdaARN: ARN,
      num: 10,
      payload: { id: 1 },
      parallelInvocation: true,
      strategy: 'balanced',
      balancedWeight: 0.3,
    };

    // Act + Assess
    expect(buildSfnInput(reference)).toEqual(reference);
  });

  it.each([
    [{ lambdaARN: ARN, num: 3 }, 'num: must be an integer >= 5; got 3'],
    [{ lambdaARN: ARN, num: 10, maxConcurrency: -1 }, 'maxConcurrency: must be an integer >= 0 (0 = no limit); got -1'],
    [
      { lambdaARN: ARN, num: 10, enableParallel: true },
      /enableParallel: unknown option; did you mean "parallelInvocation"\?/,
    ],
  ])('throws an InputError for %j', (options, message) => {
    // Act + Assess
    expect(() => buildSfnInput(options)).toThrow(InputError);
    expect(() => buildSfnInput(options)).toThrow(message);
  });
});
