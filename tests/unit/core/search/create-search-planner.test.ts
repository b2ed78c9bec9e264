import { describe, expect, it } from 'vitest';
import { createSearchPlanner, SearchOptionError } from '../../../../src/core/search/index.js';
import type { SearchPlannerOptions } from '../../../../src/core/search/index.js';
import { createSeededRandom } from '../../../../src/core/statistics/create-seeded-random.js';
import { costOf, drivePlanner, PRICE } from './drive-planner.js';
import type { FakeFunction } from './drive-planner.js';

const VCPU = [1769, 3538, 5307, 7076, 8845];
/** The sizes an exhaustive sweep at `step` MB (plus the vCPU boundaries) would try. */
const sweep = (step: number): number[] => {
  const sizes = new Set(VCPU);
  for (let size = 128; size <= 10240; size += step) sizes.add(size);
  sizes.add(10240);
  return [...sizes].sort((a, b) => a - b);
};
/** Brute force: the swept size with the lowest cost (or duration) of a noiseless function. */
const bruteForce = (fn: FakeFunction, sizes: number[], metric: 'cost' | 'speed'): number => {
  const value = (power: number): number => {
    const { durationMs, error } = fn(power, 1);
    if (error !== undefined) return Number.POSITIVE_INFINITY;
    return metric === 'cost' ? costOf(power, Math.ceil(durationMs)) : durationMs;
  };
  return sizes.reduce((best, size) => (value(size) < value(best) ? size : best));
};

// Network-bound that scales with power (3 DynamoDB queries): cheapest near 340 MB.
const dynamo: FakeFunction = (power) => ({ durationMs: 25 + 325 * (128 / Math.min(power, 1769)) ** 1.27 });
// CPU-bound, 85% parallel: keeps getting faster up to 10,240 MB; cheapest at 1,769 MB.
const multiThread: FakeFunction = (power) => ({
  durationMs: 10_000 * (128 / Math.min(power, 1769)) ** 1.05 * (0.15 + 0.85 / Math.max(1, power / 1769)),
});
// Downloads 150 MB: runs out of memory below 460 MB, ~5 s above.
const download: FakeFunction = (power) =>
  power < 460
    ? { durationMs: 300, error: 'Runtime.OutOfMemory' }
    : { durationMs: 4000 + 1500 * (512 / Math.min(power, 1769)) ** 0.8 };
/** Adds ±`share` alternating noise (deterministic). */
const jitter =
  (fn: FakeFunction, share: number): FakeFunction =>
  (power, call) => {
    const { durationMs, error } = fn(power, call);
    const factor = 1 + share * (call % 2 === 0 ? 1 : -1) * ((call % 5) / 4);
    return error === undefined ? { durationMs: durationMs * factor } : { durationMs, error };
  };

describe('Function: createSearchPlanner', () => {
  describe('Method: next', () => {
    it('asks first for the coarse pass: 128 MB to 3,538 MB with the first two vCPU boundaries, one warm-up each', () => {
      // Act
      const step = createSearchPlanner({ strategy: 'cost', price: PRICE }).next([]);
      // Assess
      expect(step).toEqual({
        kind: 'measure',
        phase: 'coarse',
        requests: [128, 256, 512, 1024, 1769, 3538].map((power) => ({
          power,
          invocations: 5,
          warmup: 1,
        })),
      });
    });

    it.each([
      ['single-threaded code (no faster at 3,538 MB)', dynamo, []],
      ['multi-threaded code (faster at every boundary)', multiThread, [5307, 7076, 8845, 10240]],
    ] as const)('measures the vCPU boundaries above 3,538 MB only while each is faster: %s', (_label, fn, above) => {
      // Act
      const { state } = drivePlanner({ strategy: 'speed' }, jitter(fn, 0.02));
      // Assess
      const measured = state.recommendation.sizes.map((size) => size.power);
      expect(measured.filter((power) => [5307, 7076, 8845, 10240].includes(power))).toEqual(above);
    });

    it.each([
      ['cost', dynamo],
      ['speed', dynamo],
      ['cost', multiThread],
      ['speed', multiThread],
    ] as const)(
      'finds the best 64 MB size for %s of a noiseless curve, measuring a small share of the sweep',
      (strategy, fn) => {
        // Act: tolerance 0 asks for the exact optimum (no practical ties)
        const { state, final } = drivePlanner({ strategy, tolerance: 0 }, fn);
        // Assess
        expect(final.kind).toBe('done');
        expect(state.recommendation.power).toBe(bruteForce(fn, sweep(64), strategy));
        expect(state.recommendation.sizes.length).toBeLessThan(sweep(64).length / 5);
      },
    );

    it('returns the fastest of the sizes tied with the cheapest within the band, and says they are tied', () => {
      // Act: with the default band (2%), sizes whose intervals overlap the cheapest's and whose means are within 2% tie
      const { state, final } = drivePlanner({ strategy: 'cost' }, jitter(dynamo, 0.05));
      // Assess
      const { power, sizes, tiedWith = [] } = state.recommendation;
      expect(tiedWith.length).toBeGreaterThan(0);
      const band = sizes.filter((s) => s.power === power || tiedWith.includes(s.power));
      const cheapest = Math.min(...sizes.filter((s) => s.eligible).map((s) => s.metric.mean));
      for (const size of band) expect(size.metric.mean / cheapest - 1).toBeLessThanOrEqual(0.02);
      expect(power).toBe(band.reduce((a, b) => (b.duration.mean < a.duration.mean ? b : a)).power);
      expect(final).toEqual({ kind: 'done', reason: 'tied-within-band' });
    });

    it.each([
      ['1% noise', 0.01],
      ['3% noise, seed 3', 0.03],
    ])('needs no more invocations than the six-size list (6 × (10 + 1)) on a flat cost curve (%s)', (_label, noise) => {
      // Prepare: single-threaded, 30 ms at 1,769 MB: cost is flat up to one vCPU and rises above it
      const random = createSeededRandom(noise === 0.01 ? 1 : 3);
      const flat: FakeFunction = (power) => ({
        durationMs: ((30 * 1769) / Math.min(power, 1769)) * (1 + noise * 1.7 * (2 * random() - 1)),
      });
      // Act
      const { invocations, final, state } = drivePlanner({ strategy: 'cost' }, flat);
      // Assess
      expect(invocations).toBeLessThanOrEqual(66);
      expect(final).toEqual({ kind: 'done', reason: 'tied-within-band' });
      expect(state.recommendation.tiedWith).toContain(128);
    });

    it('stops racing a noisy plateau once 10 samples each cannot tell it apart and 40 would not either', () => {
      // Prepare: the same flat curve with ±20% noise per invocation (a memory-bound sieve on a shared host)
      const random = createSeededRandom(7);
      const noisy: FakeFunction = (power) => ({
        durationMs: ((30 * 1769) / Math.min(power, 1769)) * (1 + 0.2 * (2 * random() - 1)),
      });
      // Act
      const { invocations, final, state } = drivePlanner({ strategy: 'cost' }, noisy);
      // Assess: without the futility rule every plateau size raced to 40 samples (over 300 invocations)
      expect(final).toEqual({ kind: 'done', reason: 'inseparable' });
      expect(invocations).toBeLessThan(150);
      const plateau = state.recommendation.sizes.filter((size) => size.power <= 1769);
      expect(Math.max(...plateau.map((size) => size.samples))).toBeLessThan(40);
    });

    it('does not probe between plateau sizes that 10 samples each cannot tell apart', () => {
      // Prepare: a sieve on a shared host: one thread, full speed for the first 20 ms period's quota
      // (so 256–1,024 MB cost alike and 1,536 MB a little more), lognormal noise σ 0.2 per invocation
      const sieve = (seed: number): FakeFunction => {
        const random = createSeededRandom(seed);
        return (power) => {
          const share = Math.min(1, power / 1769);
          const burst = Math.min(30, share * 20);
          const normal = Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
          return { durationMs: (burst + (30 - burst) / share) * Math.exp(0.2 * normal) };
        };
      };
      // Act
      const runs = Array.from({ length: 20 }, (_, i) => drivePlanner({ strategy: 'cost' }, sieve(i + 1)));
      // Assess: probing inside the band cost 124 invocations on average over these seeds (up to 208)
      const invocations = runs.map((run) => run.invocations);
      expect(invocations.reduce((a, b) => a + b, 0) / runs.length).toBeLessThan(100);
      expect(Math.max(...invocations)).toBeLessThan(150);
    });

    it('stops with separated when every contender is clearly worse', () => {
      // Prepare: network-bound and flat: 128 MB is clearly the cheapest
      const { final, state } = drivePlanner(
        { strategy: 'cost' },
        jitter(() => ({ durationMs: 300 }), 0.02),
      );
      // Assess
      expect(final).toEqual({ kind: 'done', reason: 'separated' });
      expect(state.recommendation.power).toBe(128);
      expect(state.recommendation.tiedWith).toBeUndefined();
    });

    it('finds a size within 0.1% of the cheapest megabyte with granularityMB 1, probing between 64 MB steps', () => {
      // Prepare: 1 ms billing makes the 1 MB cost curve bumpy, so a local minimum next to the global one is fine
      const cost = (power: number): number => costOf(power, Math.ceil(dynamo(power, 1).durationMs));
      const cheapest = cost(bruteForce(dynamo, sweep(1), 'cost'));
      // Act
      const { state } = drivePlanner({ strategy: 'cost', granularityMB: 1, tolerance: 0 }, dynamo);
      // Assess
      const power = state.recommendation.power ?? 0;
      expect(cost(power) / cheapest - 1).toBeLessThan(0.001);
      const measured = state.recommendation.sizes.map((s) => s.power);
      const offTheCoarserGrid = measured.filter((p) => (p - 128) % 64 !== 0 && !VCPU.includes(p));
      expect(offTheCoarserGrid.length).toBeGreaterThan(0);
      expect(measured.length).toBeLessThan(40);
    });

    it.each([
      [64, 512],
      [1, 460],
    ])(
      'finds the out-of-memory edge at granularity %i MB and recommends the smallest size that works',
      (granularityMB, expected) => {
        // Act
        const { state } = drivePlanner({ strategy: 'cost', granularityMB, tolerance: 0 }, download);
        // Assess
        expect(state.recommendation.power).toBe(expected);
        const failed = state.recommendation.sizes.filter((s) => s.failed).map((s) => s.power);
        expect(failed.length).toBeGreaterThan(0);
        expect(Math.max(...failed)).toBeLessThan(460);
      },
    );

    it('spends fewer invocations on sizes that are clearly worse', () => {
      // Act
      const { state } = drivePlanner({ strategy: 'cost' }, jitter(dynamo, 0.05));
      // Assess
      const { sizes, power } = state.recommendation;
      const samplesOf = (p: number): number => sizes.find((s) => s.power === p)?.samples ?? 0;
      expect(samplesOf(3538)).toBe(5);
      expect(samplesOf(power ?? 0)).toBeGreaterThan(5);
    });

    it.each([1, 7, 30, 61, 150])(
      'never asks for more than maxInvocations (%i), warm-ups included',
      (maxInvocations) => {
        // Act
        const { invocations, state, final } = drivePlanner(
          { strategy: 'cost', budget: { maxInvocations } },
          jitter(dynamo, 0.2),
        );
        // Assess
        expect(invocations).toBeLessThanOrEqual(maxInvocations);
        expect(state.plannedInvocations).toBe(invocations);
        expect(final.kind).toBe('done');
      },
    );

    it('stops with budget-invocations when the budget runs out before the answer is certain', () => {
      const { final, state } = drivePlanner({ strategy: 'cost', budget: { maxInvocations: 61 } }, jitter(dynamo, 0.2));
      expect(final).toEqual({ kind: 'done', reason: 'budget-invocations' });
      expect(state.doneReason).toBe('budget-invocations');
      expect(state.recommendation.power).toBeDefined();
    });

    it('prices the search with one probe invocation first when a cost budget is set, and stays within it', () => {
      // Prepare: half of what the search costs without a budget
      const unbounded = drivePlanner({ strategy: 'cost' }, multiThread);
      const maxCostUsd = unbounded.state.spentCostUsd / 2;
      // Act
      const result = drivePlanner({ strategy: 'cost', budget: { maxCostUsd } }, multiThread);
      // Assess
      expect(result.batches[0]).toEqual([{ power: 128, invocations: 1, warmup: 1 }]);
      const spent = result.observations.reduce((sum, o) => sum + costOf(o.power, o.billedDurationMs), 0);
      expect(spent).toBeLessThanOrEqual(maxCostUsd);
      expect(result.state.spentCostUsd).toBeCloseTo(spent, 12);
      expect(result.final).toEqual({ kind: 'done', reason: 'budget-cost' });
    });

    it('gives every contender exactly num samples with a fixed num, and clearly worse sizes fewer', () => {
      // Act
      const { state, final } = drivePlanner({ strategy: 'cost', num: 12 }, jitter(dynamo, 0.05));
      // Assess
      expect(final).toEqual({ kind: 'done', reason: 'num-reached' });
      const counts = state.recommendation.sizes.map((s) => s.samples);
      expect(Math.max(...counts)).toBe(12);
      expect(state.recommendation.sizes.find((s) => s.power === state.recommendation.power)?.samples).toBe(12);
      expect(counts.filter((count) => count < 12).length).toBeGreaterThan(0);
    });

    it('keeps every size at or below maxSamplesPerSize with num auto', () => {
      const { state } = drivePlanner({ strategy: 'speed', maxSamplesPerSize: 12 }, jitter(multiThread, 0.3));
      for (const size of state.recommendation.sizes) expect(size.samples).toBeLessThanOrEqual(12);
    });

    it('recommends the fastest size whose cost per million stays within the limit', () => {
      // Prepare: cost per 1M at 3538 MB is ~$1,066 — cap between the vCPU boundaries' costs
      const maxCostPerMillion = 1100;
      const affordable = sweep(64).filter(
        (p) => costOf(p, Math.ceil(multiThread(p, 1).durationMs)) * 1e6 <= maxCostPerMillion,
      );
      // Act
      const { state } = drivePlanner(
        { strategy: 'speed', tolerance: 0, constraints: { maxCostPerMillion } },
        multiThread,
      );
      // Assess
      expect(state.recommendation.power).toBe(bruteForce(multiThread, affordable, 'speed'));
    });

    it('recommends the cheapest size that meets a p95 duration limit', () => {
      const fast = sweep(64).filter((p) => multiThread(p, 1).durationMs <= 1000);
      const { state } = drivePlanner(
        { strategy: 'cost', tolerance: 0, constraints: { maxDurationMs: 1000, percentile: 'p95' } },
        multiThread,
      );
      expect(state.recommendation.power).toBe(bruteForce(multiThread, fast, 'cost'));
    });

    it('stops with no-viable-size and recommends nothing when every size fails', () => {
      const { final, state } = drivePlanner({ strategy: 'cost' }, () => ({
        durationMs: 5,
        error: 'Runtime.ExitError',
      }));
      expect(final).toEqual({ kind: 'done', reason: 'no-viable-size' });
      expect(state.recommendation.power).toBeUndefined();
      expect(state.recommendation.reason).toContain('128 MB: failed: Runtime.ExitError');
    });

    it('keeps answering done once it is done', () => {
      // Prepare
      const planner = createSearchPlanner({ strategy: 'cost', price: PRICE, budget: { maxInvocations: 1 } });
      planner.next([]);
      // Act
      const first = planner.next([]);
      const second = planner.next([{ power: 128, durationMs: 1, billedDurationMs: 1 }]);
      // Assess
      expect(first).toEqual({ kind: 'done', reason: 'budget-invocations' });
      expect(second).toEqual(first);
    });

    it('measures only the coarse sizes it is given, then refines between them', () => {
      const { batches } = drivePlanner(
        { strategy: 'cost', coarseSizes: [512, 1024, 2048], warmupInvocations: 0 },
        dynamo,
      );
      expect(batches[0]).toEqual([512, 1024, 2048].map((power) => ({ power, invocations: 5, warmup: 0 })));
      // 512 MB is cheapest: probe down to the edge (128 MB) and towards the clearly dearer 1024 MB
      expect(batches[1]?.map((r) => r.power)).toEqual([128, 768]);
    });
  });

  describe('Method: state', () => {
    it('returns the grid, planned invocations and the sizes still competing with the best', () => {
      // Prepare
      const planner = createSearchPlanner({ strategy: 'cost', price: PRICE });
      const step = planner.next([]);
      if (step.kind !== 'measure') throw new Error('expected a coarse pass');
      // Act: 128 and 256 MB cost the same within 0.5% (a tie: no race, no probe of 192 MB); 512 MB and up clearly more
      planner.next(
        step.requests.flatMap(({ power }) =>
          [0, 1, 2, 3, 4].map((i) => {
            const durationMs = (power <= 256 ? 40_000 / power : 400) + i;
            return { power, durationMs, billedDurationMs: Math.ceil(durationMs) };
          }),
        ),
      );
      const state = planner.state();
      // Assess
      expect(state.phase).toBe('done');
      expect(state.doneReason).toBe('tied-within-band');
      expect(state.plannedInvocations).toBe(36);
      expect(state.grid).toHaveLength(164);
      // The cost strategy takes the fastest of the tied sizes
      expect(state.recommendation.power).toBe(256);
      expect(state.recommendation.tiedWith).toEqual([128]);
      expect(state.contenders).toEqual([128]);
    });
  });

  describe('Validation', () => {
    const base: SearchPlannerOptions = { strategy: 'cost', price: PRICE };
    it.each([
      [{ strategy: 'Cost' as never }, 'strategy: expected one of cost, speed, balanced; got "Cost"'],
      [{ granularityMB: 0 }, 'granularityMB: expected an integer >= 1; got 0'],
      [{ granularityMB: 12.5 }, 'granularityMB: expected an integer >= 1; got 12.5'],
      [{ num: 1 }, 'num: expected "auto" or an integer >= 2; got 1'],
      [{ minSamples: 1 }, 'minSamples: expected an integer >= 2; got 1'],
      [{ minSamples: 8, maxSamplesPerSize: 6 }, 'maxSamplesPerSize: expected an integer >= minSamples (8); got 6'],
      [{ balancedWeight: 2 }, 'balancedWeight: expected a number in 0..1; got 2'],
      [{ tolerance: 1 }, 'tolerance: expected a number in [0, 1); got 1'],
      [{ discardTopBottom: 0.5 }, 'discardTopBottom: expected a number in 0..0.4; got 0.5'],
      [{ budget: { maxInvocations: 0 } }, 'budget.maxInvocations: expected an integer >= 1; got 0'],
      [{ budget: { maxCostUsd: -1 } }, 'budget.maxCostUsd: expected a number > 0; got -1'],
      [{ constraints: { maxDurationMs: 0 } }, 'constraints.maxDurationMs: expected a number > 0; got 0'],
      [
        { constraints: { percentile: 'p42' as never } },
        'constraints.percentile: expected one of p50, p90, p95, p99; got "p42"',
      ],
      [{ coarseSizes: [64, 512] }, 'coarseSizes: expected integers in 128..10240 (at least one); got 64'],
      [{ coarseSizes: [] }, 'coarseSizes: expected integers in 128..10240 (at least one); got []'],
    ])('throws SearchOptionError naming the option when given %j', (override, message) => {
      const create = (): unknown => createSearchPlanner({ ...base, ...override });
      expect(create).toThrow(SearchOptionError);
      expect(create).toThrow(message);
    });
  });
});
