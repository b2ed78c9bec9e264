import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom, percentile, summarize, trimmedMean } from '../../../../src/core/index.js';

const SERIES = [0.2, 0.5, 2, 3, 3, 4, 4.5, 10, 50, 200];

describe('Function: trimmedMean', () => {
  it.each([
    // Reference executor golden series (discardTopBottom, as clamped to 0..0.4)
    [SERIES, 0.2, 4.416666666666667],
    [SERIES, 0, 27.72],
    [SERIES, 0.4, 3.5],
    [SERIES, 0.7, 3.5],
    // Reference computeAverageDuration golden values
    [[1, 2, 3, 4, 2000], 0.2, 3],
    [[1, 2, 3, 4, 2000], 0.4, 3],
    [[1, 2, 3, 4, 2000], 0, 402],
    [[1], 0.4, 1],
    [[], 0.2, 0],
  ])('returns the reference value for %j with %s', (values, share, expected) => {
    expect(trimmedMean(values, share)).toBe(expected);
  });

  it('returns the same value whatever the input order and leaves the input untouched', () => {
    const shuffled = [200, 3, 0.5, 50, 4, 0.2, 10, 3, 4.5, 2];
    const copy = [...shuffled];
    expect(trimmedMean(shuffled, 0.2)).toBe(4.416666666666667);
    expect(shuffled).toEqual(copy);
  });

  it('stays between the smallest and the largest value (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        (values, share) => {
          const mean = trimmedMean(values, share);
          const tolerance = 1e-9 * Math.max(1, ...values);
          return mean >= Math.min(...values) - tolerance && mean <= Math.max(...values) + tolerance;
        },
      ),
    );
  });
});

describe('Function: percentile', () => {
  it.each([
    [[10, 20, 30, 40], 50, 25],
    [[10, 20, 30, 40], 0, 10],
    [[10, 20, 30, 40], 100, 40],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9.1],
    [[7], 99, 7],
    [[], 50, 0],
  ])('returns the linear-interpolation percentile of %j at p%s', (sorted, p, expected) => {
    expect(percentile(sorted, p)).toBeCloseTo(expected, 10);
  });

  it('never decreases as p grows (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, a, b) => {
          const sorted = [...values].sort((x, y) => x - y);
          const [low, high] = a <= b ? [a, b] : [b, a];
          return percentile(sorted, low) <= percentile(sorted, high) + 1e-9;
        },
      ),
    );
  });
});

describe('Function: createSeededRandom', () => {
  it('returns the same sequence for the same seed and another for another seed', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const c = createSeededRandom(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('Function: summarize', () => {
  it('returns count, mean, trimmed mean, extremes, percentiles and sample stddev', () => {
    // Prepare
    const values = [102, 98, 101, 350, 99];
    // Act
    const stats = summarize(values, { discardTopBottom: 0.2 });
    // Assess
    expect(stats).toMatchObject({ count: 5, mean: 150, min: 98, max: 350, p50: 101 });
    expect(stats.trimmedMean).toBeCloseTo((99 + 101 + 102) / 3, 10);
    // sample variance: deviations -48,-52,-49,200,-51 → (2304+2704+2401+40000+2601)/4 = 12502.5
    expect(stats.stddev).toBeCloseTo(Math.sqrt(12502.5), 10);
    expect(stats.p99).toBeCloseTo(102 + 0.96 * (350 - 102), 10);
  });

  it('returns a 95% interval that contains the average it reports and is reproducible', () => {
    const values = Array.from({ length: 40 }, (_, i) => 100 + (i % 7) * 3);
    const first = summarize(values, { discardTopBottom: 0.2 });
    const second = summarize(values, { discardTopBottom: 0.2 });
    expect(first.ci95).toEqual(second.ci95);
    expect(first.ci95[0]).toBeLessThanOrEqual(first.trimmedMean);
    expect(first.ci95[1]).toBeGreaterThanOrEqual(first.trimmedMean);
    expect(first.ci95[1] - first.ci95[0]).toBeGreaterThan(0);
    expect(first.ci95[1] - first.ci95[0]).toBeLessThan(first.max - first.min);
  });

  it('bounds the trimmed mean, not the mean, so one slow invocation does not stretch the interval', () => {
    // Prepare: ten invocations around 100 ms, the first one slow (a warm-up that did not finish the JIT's work)
    const values = [400, 100, 101, 99, 102, 98, 100, 101, 99, 100];
    // Act
    const trimmed = summarize(values, { discardTopBottom: 0.2 });
    const untrimmed = summarize(values, { discardTopBottom: 0 });
    // Assess: the plain mean's interval is pulled towards 400 (to 190 here); the trimmed mean's much less
    expect(trimmed.ci95[0]).toBeLessThanOrEqual(trimmed.trimmedMean);
    expect(trimmed.ci95[1]).toBeGreaterThanOrEqual(trimmed.trimmedMean);
    expect(trimmed.ci95[1]).toBeLessThan(0.85 * untrimmed.ci95[1]);
  });

  it('holds the true trimmed mean about 95% of the time at ten invocations of a noisy function', () => {
    // Prepare: 2,000 runs of ten invocations with 12% log-normal noise around 100 ms (a shared host's
    // spread); the true trimmed mean from a million draws. A percentile bootstrap held it 91% of the time.
    const random = createSeededRandom(11);
    const draw = (): number =>
      100 *
      Math.exp(
        0.12 * Math.sqrt(-2 * Math.log(Math.max(random(), Number.MIN_VALUE))) * Math.cos(2 * Math.PI * random()),
      );
    const truth = trimmedMean(
      Array.from({ length: 1_000_000 }, () => draw()),
      0.2,
    );
    // Act
    let covered = 0;
    const runs = 2_000;
    for (let run = 0; run < runs; run += 1) {
      const { ci95 } = summarize(
        Array.from({ length: 10 }, () => draw()),
        { discardTopBottom: 0.2 },
      );
      if (ci95[0] <= truth && truth <= ci95[1]) covered += 1;
    }
    // Assess
    expect(covered / runs).toBeGreaterThan(0.925);
    expect(covered / runs).toBeLessThan(0.975);
  });

  it('returns ci95 = [mean, mean] and stddev 0 for a single value', () => {
    expect(summarize([42], { discardTopBottom: 0.2 })).toMatchObject({ count: 1, mean: 42, stddev: 0, ci95: [42, 42] });
  });

  it('returns all zeros with count 0 for an empty series', () => {
    expect(summarize([], { discardTopBottom: 0.2 })).toEqual({
      count: 0,
      mean: 0,
      trimmedMean: 0,
      min: 0,
      max: 0,
      p50: 0,
      p90: 0,
      p95: 0,
      p99: 0,
      stddev: 0,
      ci95: [0, 0],
    });
  });
});
