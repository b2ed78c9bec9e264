import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../src/core/index.js';
import { runTuning } from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';

describe('Function: runTuning — INIT in the monthly bill', () => {
  it("prices each size's INIT from its warm-up cold start, which stays out of the warm statistics", async () => {
    // Prepare: every size's first invocation (its warm-up) is a 400 ms cold start, billed with its INIT.
    const lambda = createFakeLambdaPort({ durationModel: () => 100, initDurationMs: 400, billInit: true });
    // Act
    const result = await runTuning({
      input: validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: [128, 256], invocationsPerMonth: 1_000_000 }),
      lambda,
      runId: 'run1',
      sleep: async () => undefined,
      clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    });
    // Assess
    expect(result.sizes.map((s) => s.coldStarts.count)).toEqual([0, 0]);
    expect(result.sizes.map((s) => s.billedDuration.mean)).toEqual([100, 100]);
    const [small, large] = result.sizes.map((s) => s.monthly?.initCost ?? Number.NaN);
    expect(small).toBeGreaterThan(0);
    // The same 400 ms INIT at twice the memory costs twice as much.
    expect(large).toBeCloseTo(2 * (small ?? 0), 12);
    expect(result.recommendation.monthly).toMatchObject({ coldStartRate: 0.01 });
  });
});
