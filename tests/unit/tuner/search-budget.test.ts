import { describe, expect, it } from 'vitest';
import { searchInvocationBudget } from '../../../src/tuner/search-budget.js';

describe('Function: searchInvocationBudget', () => {
  it.each([
    [
      'the user’s budget, whatever the search',
      { powerValues: 'auto', num: 'auto', maxInvocations: 90 },
      1,
      { maxInvocations: 90, isDefault: false },
    ],
    [
      'the six-size list’s 6 × (10 + 1) for --power auto',
      { powerValues: 'auto', num: 'auto' },
      1,
      { maxInvocations: 66, isDefault: true },
    ],
    [
      'the list’s depth with more warm-ups',
      { powerValues: 'auto', num: 'auto' },
      3,
      { maxInvocations: 78, isDefault: true },
    ],
    [
      'none with a fixed num (the list’s budget would end it after its first pass)',
      { powerValues: 'auto', num: 20 },
      1,
      undefined,
    ],
    ['none for --num auto over the user’s own list', { powerValues: 'list', num: 'auto' }, 1, undefined],
  ] as const)('gives %s', (_name, search, warmup, expected) => {
    expect(searchInvocationBudget({ search: { granularityMB: 64, ...search }, warmup })).toEqual(expected);
  });
});
