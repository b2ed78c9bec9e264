import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanInterval, trimmedMeanInterval } from '../../../../src/core/statistics/confidence-interval.js';
import type { SearchConstraints, SearchPlannerOptions } from '../../../../src/core/search/index.js';
import { createSeededRandom } from '../../../../src/core/statistics/create-seeded-random.js';
import { percentile } from '../../../../src/core/statistics/percentile.js';
import { trimmedMean } from '../../../../src/core/statistics/trimmed-mean.js';
import { costOf, drivePlanner } from './drive-planner.js';
import type { FakeFunction } from './drive-planner.js';

const normal = (random: () => number): number =>
  Math.sqrt(-2 * Math.log(Math.max(random(), Number.MIN_VALUE))) * Math.cos(2 * Math.PI * random());

/** A function family: floor + scaling part ∝ (128/p)^exponent up to 1,769 MB, lognormal noise, OOM below `minMemory`. */
const curve = fc.record({
  floorMs: fc.double({ min: 1, max: 500, noNaN: true }),
  scaleMs: fc.double({ min: 0, max: 20_000, noNaN: true }),
  exponent: fc.double({ min: 0, max: 1.4, noNaN: true }),
  sigma: fc.double({ min: 0, max: 0.4, noNaN: true }),
  minMemory: fc.constantFrom(0, 0, 300, 700, 20_000),
  errorRate: fc.constantFrom(0, 0.03, 0.1),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});
type Curve = typeof curve extends fc.Arbitrary<infer T> ? T : never;

const fakeFunction = (c: Curve): FakeFunction => {
  const random = createSeededRandom(c.seed);
  return (power) => {
    const durationMs =
      (c.floorMs + c.scaleMs * (128 / Math.min(power, 1769)) ** c.exponent) * Math.exp(c.sigma * normal(random));
    if (power < c.minMemory) return { durationMs, error: 'Runtime.OutOfMemory' };
    if (random() < c.errorRate) return { durationMs, error: 'Error' };
    return { durationMs };
  };
};

const plannerOptions = fc.record({
  strategy: fc.constantFrom('cost' as const, 'speed' as const, 'balanced' as const),
  balancedWeight: fc.double({ min: 0, max: 1, noNaN: true }),
  granularityMB: fc.constantFrom(1, 64, 256, 1000),
  num: fc.oneof(fc.constant('auto' as const), fc.integer({ min: 2, max: 15 })),
  maxInvocations: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
  maxDurationMs: fc.option(fc.double({ min: 1, max: 30_000, noNaN: true }), { nil: undefined }),
  percentile: fc.constantFrom('p50' as const, 'p90' as const, 'p95' as const, 'p99' as const),
  maxCostPerMillion: fc.option(fc.double({ min: 0.2, max: 500, noNaN: true }), { nil: undefined }),
});

describe('Property: adaptive search', () => {
  it('recommends only a measured size that never failed and meets the constraints, within the invocation budget', () => {
    fc.assert(
      fc.property(curve, plannerOptions, (c, o) => {
        // Prepare
        const constraints: SearchConstraints = { percentile: o.percentile };
        if (o.maxDurationMs !== undefined) constraints.maxDurationMs = o.maxDurationMs;
        if (o.maxCostPerMillion !== undefined) constraints.maxCostPerMillion = o.maxCostPerMillion;
        const options: Omit<SearchPlannerOptions, 'price'> = {
          strategy: o.strategy,
          balancedWeight: o.balancedWeight,
          granularityMB: o.granularityMB,
          num: o.num,
          constraints,
          ...(o.maxInvocations === undefined ? {} : { budget: { maxInvocations: o.maxInvocations } }),
        };
        // Act
        const { state, final, observations, invocations } = drivePlanner(options, fakeFunction(c));
        // Assess
        expect(final.kind).toBe('done');
        if (o.maxInvocations !== undefined) expect(invocations).toBeLessThanOrEqual(o.maxInvocations);
        const { power } = state.recommendation;
        if (power === undefined) return;
        const atPower = observations.filter((obs) => obs.power === power);
        expect(atPower.length).toBeGreaterThan(0);
        expect(atPower.some((obs) => obs.error !== undefined)).toBe(false);
        const warm = atPower.filter((obs) => obs.coldStart !== true);
        const durations = warm.map((obs) => obs.durationMs).sort((a, b) => a - b);
        const rank = { p50: 50, p90: 90, p95: 95, p99: 99 }[o.percentile];
        if (o.maxDurationMs !== undefined) expect(percentile(durations, rank)).toBeLessThanOrEqual(o.maxDurationMs);
        if (o.maxCostPerMillion !== undefined) {
          const perMillion =
            trimmedMean(
              warm.map((obs) => costOf(power, obs.billedDurationMs)),
              0.2,
            ) * 1e6;
          expect(perMillion).toBeLessThanOrEqual(o.maxCostPerMillion * (1 + 1e-9));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never spends more than the cost budget on a function whose duration does not grow with memory', () => {
    fc.assert(
      fc.property(
        curve.map((c) => ({ ...c, sigma: 0, errorRate: 0 as const })),
        fc.double({ min: 1e-6, max: 0.05, noNaN: true }),
        (c, maxCostUsd) => {
          const { observations, final } = drivePlanner({ strategy: 'cost', budget: { maxCostUsd } }, fakeFunction(c));
          const spent = observations.reduce((sum, obs) => sum + costOf(obs.power, obs.billedDurationMs), 0);
          expect(final.kind).toBe('done');
          // The one-invocation probe that prices the search is the only spend allowed past a tiny budget.
          const probe = observations.slice(0, 2).reduce((sum, obs) => sum + costOf(obs.power, obs.billedDurationMs), 0);
          expect(spent).toBeLessThanOrEqual(Math.max(maxCostUsd, probe) * (1 + 1e-9));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('Property: confidence intervals', () => {
  it('are narrower on average with 4n samples than with n (over many seeds)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 25 }),
        fc.double({ min: 0.01, max: 0.6, noNaN: true }),
        fc.double({ min: 1, max: 10_000, noNaN: true }),
        fc.constantFrom(0, 0.1, 0.2),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (n, sigma, median, trim, seed) => {
          const random = createSeededRandom(seed);
          const width = (count: number): number => {
            const seeds = 200;
            let total = 0;
            for (let s = 0; s < seeds; s += 1) {
              const values = Array.from({ length: count }, () => median * Math.exp(sigma * normal(random)));
              const interval = trim === 0 ? meanInterval(values) : trimmedMeanInterval(values, trim);
              total += interval.high - interval.low;
            }
            return total / seeds;
          };
          const few = width(n);
          const many = width(4 * n);
          // Expected ratio is about 1/2 (√4) times t-quantile shrinkage.
          expect(many).toBeLessThan(few * 0.75);
        },
      ),
      { numRuns: 40 },
    );
  });
});
