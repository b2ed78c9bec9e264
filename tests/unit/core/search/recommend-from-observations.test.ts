import { describe, expect, it } from 'vitest';
import { recommendFromObservations } from '../../../../src/core/search/index.js';
import type { SearchObservation } from '../../../../src/core/search/index.js';
import { costOf, PRICE } from './drive-planner.js';

/** `count` warm observations at `power` around `durationMs` (±spread, alternating). */
const warm = (power: number, durationMs: number, count = 6, spread = 0): SearchObservation[] =>
  Array.from({ length: count }, (_, i) => {
    const duration = durationMs + (i % 2 === 0 ? spread : -spread);
    return { power, durationMs: duration, billedDurationMs: Math.ceil(duration) };
  });

// CPU-bound: 128 MB 1000 ms, 256 MB 480 ms (cheapest), 1024 MB 130 ms, 2048 MB 100 ms (fastest).
const CPU_BOUND = [...warm(128, 1000), ...warm(256, 480), ...warm(1024, 130), ...warm(2048, 100)];

describe('Function: recommendFromObservations', () => {
  it.each([
    ['cost', 256],
    ['speed', 2048],
  ] as const)('returns the best size for the %s strategy', (strategy, expected) => {
    const { power } = recommendFromObservations({ observations: CPU_BOUND, strategy, price: PRICE });
    expect(power).toBe(expected);
  });

  it.each([
    [1, 256],
    [0, 2048],
  ])('returns the cost winner with balancedWeight 1 and the speed winner with 0 (w=%d)', (balancedWeight, expected) => {
    const { power } = recommendFromObservations({
      observations: CPU_BOUND,
      strategy: 'balanced',
      balancedWeight,
      price: PRICE,
    });
    expect(power).toBe(expected);
  });

  it('returns every measured size with its invocations, warm samples and intervals', () => {
    // Prepare: one cold start at 128 MB on top of the warm ones
    const observations = [{ power: 128, durationMs: 5000, billedDurationMs: 5000, coldStart: true }, ...CPU_BOUND];
    // Act
    const { sizes } = recommendFromObservations({ observations, strategy: 'cost', price: PRICE });
    // Assess
    expect(sizes.map((s) => s.power)).toEqual([128, 256, 1024, 2048]);
    const small = sizes[0];
    expect(small?.invocations).toBe(7);
    expect(small?.samples).toBe(6);
    expect(small?.duration.mean).toBe(1000);
    expect(small?.cost.mean).toBeCloseTo(costOf(128, 1000), 15);
  });

  it('keeps cold starts out of the statistics', () => {
    const observations = [...warm(512, 100), { power: 512, durationMs: 900, billedDurationMs: 1200, coldStart: true }];
    const { sizes } = recommendFromObservations({ observations, strategy: 'speed', price: PRICE });
    expect(sizes[0]?.duration.mean).toBe(100);
  });

  it('never recommends a size that failed, even when it looks best', () => {
    // Prepare: 128 MB would be cheapest but one invocation ran out of memory
    const observations = [
      ...warm(128, 10),
      { power: 128, durationMs: 3, billedDurationMs: 3, error: 'Runtime.OutOfMemory' },
      ...warm(256, 10),
    ];
    // Act
    const { power, sizes } = recommendFromObservations({ observations, strategy: 'cost', price: PRICE });
    // Assess
    expect(power).toBe(256);
    expect(sizes[0]).toMatchObject({
      power: 128,
      failed: true,
      eligible: false,
      rejectionReason: 'failed: Runtime.OutOfMemory',
    });
  });

  it('returns the best size within the constraints', () => {
    const { power, sizes } = recommendFromObservations({
      observations: CPU_BOUND,
      strategy: 'cost',
      price: PRICE,
      constraints: { maxDurationMs: 200 },
    });
    expect(power).toBe(1024);
    expect(sizes.find((s) => s.power === 256)?.rejectionReason).toBe('p95 duration 480.0 ms is above the 200 ms limit');
  });

  it('returns no power and a reason naming every size when none meets the constraints', () => {
    const result = recommendFromObservations({
      observations: CPU_BOUND,
      strategy: 'speed',
      price: PRICE,
      constraints: { maxDurationMs: 50 },
    });
    expect(result.power).toBeUndefined();
    expect(result.reason).toMatch(
      /^no measured size is eligible: 128 MB: p95 duration 1000\.0 ms is above the 50 ms limit;/,
    );
    expect(result.reason).toContain('2048 MB');
  });

  it('returns no power when nothing was measured', () => {
    expect(recommendFromObservations({ observations: [], strategy: 'cost', price: PRICE })).toMatchObject({
      significant: false,
      reason: 'nothing was measured',
      sizes: [],
    });
  });

  it.each([
    ['far apart', 100, 200, true],
    ['overlapping', 100, 101, false],
  ])('reports significance when the winner and runner-up are %s', (_label, fast, slow, expected) => {
    const observations = [...warm(1024, fast, 10, 2), ...warm(2048, slow, 10, 2)];
    const { power, runnerUp, significant } = recommendFromObservations({
      observations,
      strategy: 'speed',
      price: PRICE,
    });
    expect([power, runnerUp]).toEqual([1024, 2048]);
    expect(significant).toBe(expected);
  });

  it.each([
    // [label, 1,769 MB mean, 5,307 MB mean, noise, winner, tiedWith, significant]
    ['overlapping intervals, means 0.2% apart: a tie, the cheaper wins', 2004, 2000, 20, 1769, [5307], false],
    ['overlapping intervals, means 5% apart: no tie, the faster wins', 2100, 2000, 200, 5307, undefined, false],
    ['means 0.2% apart but intervals apart (a real, tiny difference): no tie', 2004, 2000, 0.5, 5307, undefined, true],
  ] as const)(
    "applies the strategy table's tie rule for speed: %s",
    (_label, slow, fast, noise, winner, tiedWith, significant) => {
      // Prepare: single-threaded code on its plateau above one vCPU
      const observations = [...warm(1769, slow, 20, noise), ...warm(5307, fast, 20, noise)];
      // Act
      const result = recommendFromObservations({ observations, strategy: 'speed', price: PRICE });
      // Assess
      expect(result.power).toBe(winner);
      expect(result.tiedWith).toEqual(tiedWith);
      expect(result.significant).toBe(significant);
    },
  );

  it('treats nothing but exact equals as a tie when bandPercent is 0', () => {
    const observations = [...warm(1769, 2004, 20, 20), ...warm(5307, 2000, 20, 20)];
    const { power, tiedWith } = recommendFromObservations({
      observations,
      strategy: 'speed',
      price: PRICE,
      bandPercent: 0,
    });
    expect(power).toBe(5307);
    expect(tiedWith).toBeUndefined();
  });

  it('breaks exact cost ties by speed, as selectOptimal does', () => {
    // 256 MB × 100 ms and 512 MB × 50 ms cost the same
    const observations = [...warm(256, 100), ...warm(512, 50)];
    const { power } = recommendFromObservations({
      observations,
      strategy: 'cost',
      price: PRICE,
      includeRequestCharge: false,
    });
    expect(power).toBe(512);
  });
});
