import { describe, expect, it } from 'vitest';
import { RunTooLargeError } from '../../../src/stepfunctions/errors.js';
import { planBatches, type PlanBatchesOptions } from '../../../src/stepfunctions/plan-batches.js';

const base: PlanBatchesOptions = {
  powerValues: [128, 1024],
  num: 100,
  parallel: false,
  concurrency: 1,
  warmup: 1,
  invocationMs: () => 1000,
  budgetMs: 290_000,
  maxItems: 2000,
};

describe('Function: planBatches', () => {
  it.each([
    // label, options, expected batch counts per size
    ['fits one batch per size', {}, [100], [100]],
    [
      'serial: 10 s invocations → 28 per batch (+1 warm-up) → 4 balanced batches',
      { invocationMs: () => 10_000 },
      [25, 25, 25, 25],
      [25, 25, 25, 25],
    ],
    [
      'slower small sizes get more batches',
      { invocationMs: (p: number) => (p === 128 ? 20_000 : 1000) },
      [13, 13, 13, 13, 12, 12, 12, 12],
      [100],
    ],
    // 290 s / 60 s = 4 waves, one for the warm-up burst → 3 × 10 = 30 per batch → 4 balanced batches
    [
      'parallel: waves of `concurrency` after one warm-up burst',
      { parallel: true, concurrency: 10, invocationMs: () => 60_000 },
      [25, 25, 25, 25],
      [25, 25, 25, 25],
    ],
    [
      'an invocation longer than the budget still gets a batch of one',
      { num: 5, invocationMs: () => 400_000 },
      [1, 1, 1, 1, 1],
      [1, 1, 1, 1, 1],
    ],
  ])('%s', (_label, overrides, small, large) => {
    // Act
    const items = planBatches({ ...base, ...overrides });

    // Assess
    const counts = (power: number) => items.filter((item) => item.power === power).map((item) => item.count);
    expect(counts(128)).toEqual(small);
    expect(counts(1024)).toEqual(large);
  });

  it('gives each batch the start index of its first invocation, covering 0..num-1 exactly once', () => {
    // Act
    const items = planBatches({ ...base, num: 23, invocationMs: () => 50_000 });

    // Assess
    const ofSize = items.filter((item) => item.power === 128);
    const covered = ofSize.flatMap((item) => Array.from({ length: item.count }, (_, i) => item.start + i));
    expect(covered).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(ofSize.map((item) => item.batch)).toEqual(ofSize.map((_, i) => i));
    expect(ofSize.every((item) => item.warmup === 1)).toBe(true);
  });

  it('throws a RunTooLargeError naming the limit when more items than allowed are needed', () => {
    // Act + Assess
    expect(() => planBatches({ ...base, num: 1000, invocationMs: () => 400_000, maxItems: 1500 })).toThrow(
      RunTooLargeError,
    );
    expect(() => planBatches({ ...base, num: 1000, invocationMs: () => 400_000, maxItems: 1500 })).toThrow(
      /This run needs 2000 executor batches, more than one Step Functions execution allows \(1500\); each batch must finish within the executor timeout; raise totalExecutionTimeout/,
    );
  });
});
