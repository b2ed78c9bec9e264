import { describe, expect, it } from 'vitest';
import {
  countStateTransitions,
  referenceStateTransitions,
} from '../../../src/stepfunctions/count-state-transitions.js';

describe('Function: countStateTransitions', () => {
  it.each([
    // N, batches per size, prepare loops, ours (1 start + Initialize + Map + Cleanup + Analyze + Optimize + 2/loop + items)
    [1, 1, 1, 9],
    [6, 1, 1, 14],
    [46, 1, 1, 54],
    [46, 2, 1, 100],
    [46, 1, 3, 58],
  ])(
    'returns the transitions of a run with %i sizes, %i batches each, %i prepare loops',
    (sizes, batches, loops, expected) => {
      // Act
      const count = countStateTransitions({ powerValues: sizes, batchesPerSize: batches, prepareLoops: loops });

      // Assess
      expect(count).toBe(expected);
    },
  );

  it.each([2, 6, 10, 46, 100])('returns fewer transitions than the reference (6 + 3N) for N = %i', (sizes) => {
    // Act
    const ours = countStateTransitions({ powerValues: sizes });
    const reference = referenceStateTransitions({ powerValues: sizes });

    // Assess
    expect(reference).toBe(6 + 3 * sizes);
    expect(ours).toBeLessThan(reference);
  });

  it('returns as many transitions as the reference for a single size (9)', () => {
    // Act + Assess
    expect(countStateTransitions({ powerValues: 1 })).toBe(referenceStateTransitions({ powerValues: 1 }));
  });

  it('counts the exact Map items when batches differ per size', () => {
    // Act
    const count = countStateTransitions({ powerValues: 3, mapItems: 5 });

    // Assess
    expect(count).toBe(8 + 5);
  });
});
