import { describe, expect, it } from 'vitest';
import {
  meanInterval,
  tQuantile95,
  trimmedMeanInterval,
  wilsonInterval,
} from '../../../../src/core/statistics/confidence-interval.js';

describe('Function: tQuantile95', () => {
  // Published two-sided 95% Student-t quantiles.
  it.each([
    [1, 12.706],
    [4, 2.776],
    [9, 2.262],
    [30, 2.042],
    [40, 2.021],
    [60, 2.0],
    [120, 1.98],
    [100_000, 1.96],
  ])('returns the published quantile for %i degrees of freedom', (df, expected) => {
    expect(tQuantile95(df)).toBeCloseTo(expected, 2);
  });

  it('returns infinity when there are no degrees of freedom', () => {
    expect(tQuantile95(0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('Function: meanInterval', () => {
  it('returns the mean ± t(4) × s / √n for five values', () => {
    // Prepare: mean 11, sample variance 2.5 → s/√n = √0.5; t(4) = 2.776
    const halfWidth = 2.776 * Math.sqrt(0.5);
    // Act
    const interval = meanInterval([10, 12, 11, 13, 9]);
    // Assess
    expect(interval.mean).toBe(11);
    expect(interval.low).toBeCloseTo(11 - halfWidth, 6);
    expect(interval.high).toBeCloseTo(11 + halfWidth, 6);
  });

  it.each([
    [[], { mean: 0, low: 0, high: 0 }],
    [[42], { mean: 42, low: 42, high: 42 }],
    [[7, 7, 7], { mean: 7, low: 7, high: 7 }],
  ])('returns a collapsed interval when %j has no spread to estimate', (values, expected) => {
    expect(meanInterval(values)).toEqual(expected);
  });
});

describe('Function: trimmedMeanInterval', () => {
  it("keeps the whole series' spread when trimming leaves one value, instead of a zero-width interval", () => {
    // Prepare: five values trimmed by 40% at each end keep only 12
    const values = [10, 11, 12, 13, 100];
    // Act
    const interval = trimmedMeanInterval(values, 0.4);
    // Assess: centred on the kept value, as wide as the mean's interval
    const whole = meanInterval(values);
    expect(interval.mean).toBe(12);
    expect(interval.high - interval.low).toBeCloseTo(whole.high - whole.low, 10);
    expect(interval.low).toBeLessThan(12);
  });

  it('returns the Yuen interval of the 20% trimmed mean, computed by hand', () => {
    // Prepare: k = 1; kept [11, 12, 13] → mean 12; winsorized [11, 11, 12, 13, 13]
    // has variance 1; SE = 1 / (0.6 × √5); df = 2 → t = 4.303.
    const halfWidth = (4.303 * 1) / (0.6 * Math.sqrt(5));
    // Act
    const interval = trimmedMeanInterval([100, 10, 12, 11, 13], 0.2);
    // Assess
    expect(interval.mean).toBe(12);
    expect(interval.low).toBeCloseTo(12 - halfWidth, 6);
    expect(interval.high).toBeCloseTo(12 + halfWidth, 6);
  });

  it('returns the plain mean interval when nothing is trimmed', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(trimmedMeanInterval(values, 0)).toEqual(meanInterval(values));
    expect(trimmedMeanInterval(values.slice(0, 4), 0.2)).toEqual(meanInterval(values.slice(0, 4)));
  });

  it('returns a much narrower interval than the mean when one slow outlier is present', () => {
    // Prepare: 19 steady invocations and one 3× slower one
    const values = [...Array.from({ length: 19 }, (_, i) => 100 + (i % 5)), 300];
    // Act
    const trimmed = trimmedMeanInterval(values, 0.2);
    const plain = meanInterval(values);
    // Assess
    expect(trimmed.high - trimmed.low).toBeLessThan((plain.high - plain.low) / 5);
    expect(trimmed.mean).toBeGreaterThanOrEqual(100);
    expect(trimmed.mean).toBeLessThanOrEqual(104);
  });
});

describe('Function: wilsonInterval', () => {
  it.each([
    // n / (n + z²) and z² / (n + z²) with z² = 3.8415
    [{ successes: 5, trials: 5 }, 5 / 8.8415, 1],
    [{ successes: 0, trials: 10 }, 0, 3.8415 / 13.8415],
  ])('returns the Wilson bounds for %j', (counts, low, high) => {
    const interval = wilsonInterval(counts);
    expect(interval.low).toBeCloseTo(low, 3);
    expect(interval.high).toBeCloseTo(high, 3);
  });

  it('returns an interval around the observed share that narrows with more trials', () => {
    const small = wilsonInterval({ successes: 9, trials: 10 });
    const large = wilsonInterval({ successes: 900, trials: 1000 });
    expect(small.low).toBeLessThan(0.9);
    expect(small.high).toBeGreaterThan(0.9);
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 5);
  });

  it('returns the whole range when nothing was tried', () => {
    expect(wilsonInterval({ successes: 0, trials: 0 })).toEqual({ low: 0, high: 1 });
  });
});
