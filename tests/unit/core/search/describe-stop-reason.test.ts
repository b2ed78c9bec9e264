import { describe, expect, it } from 'vitest';
import { describeStopReason } from '../../../../src/core/index.js';

describe('Function: describeStopReason', () => {
  it.each([
    ['separated', 'every other size is clearly worse than the best (95% intervals apart)'],
    ['tied-within-band', 'the sizes still in the race are tied with the best within 2% (none can beat it by more)'],
    [
      'inseparable',
      'the sizes still in the race cannot be told apart from the best after 10 invocations each, and the sample cap could not settle them',
    ],
    ['num-reached', 'every contender has its num samples'],
    ['max-samples', 'the contenders reached the sample cap per size without being told apart'],
    ['budget-invocations', 'the invocation budget ran out'],
    ['budget-cost', 'the cost budget ran out'],
    ['no-viable-size', 'no measured size can be recommended'],
  ])('says why the search stopped for %s, in words', (reason, words) => {
    // Act
    const text = describeStopReason({ reason, bandPercent: 2 });

    // Assess
    expect(text).toBe(words);
  });

  it('passes a reason it does not know through unchanged, rather than hiding it', () => {
    expect(describeStopReason({ reason: 'some-new-reason', bandPercent: 2 })).toBe('some-new-reason');
  });
});
