/**
 * Summary statistics of one series of measurements.
 *
 * @module core/statistics/summarize
 */
import type { SeriesStats } from '../types.js';
import { trimmedMeanInterval } from './confidence-interval.js';
import { percentile } from './percentile.js';

/** Percentiles reported for every series. */
const PERCENTILES = { p50: 50, p90: 90, p95: 95, p99: 99 } as const;

const EMPTY: SeriesStats = {
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
};

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Summarises a series: count, mean, the reference's trimmed mean, min, max,
 * p50/p90/p95/p99 (linear interpolation), sample standard deviation (n − 1)
 * and the 95% confidence interval of the trimmed mean — the average the
 * result reports (of the mean when `discardTopBottom` is 0), by Yuen's
 * method (`trimmedMeanInterval`, the interval the adaptive search decides
 * on). An interval of the plain mean could leave out the average it stood
 * beside, and one slow invocation of ten stretched it. The same values
 * always give the same interval. Fewer than two values → `ci95 = [mean,
 * mean]`, `stddev = 0`; empty → all zeros.
 *
 * @example
 * summarize([102, 98, 101, 350, 99], { discardTopBottom: 0.2 }).trimmedMean; // 100.66…
 */
const summarize = (values: readonly number[], { discardTopBottom }: { discardTopBottom: number }): SeriesStats => {
  if (values.length === 0) return { ...EMPTY, ci95: [0, 0] };
  const sorted = [...values].sort((a, b) => a - b);
  const average = mean(sorted);
  const interval = trimmedMeanInterval(sorted, discardTopBottom);
  const variance =
    sorted.length < 2 ? 0 : sorted.reduce((sum, value) => sum + (value - average) ** 2, 0) / (sorted.length - 1);
  return {
    count: sorted.length,
    mean: average,
    trimmedMean: interval.mean,
    min: sorted[0] ?? 0,
    max: sorted.at(-1) ?? 0,
    p50: percentile(sorted, PERCENTILES.p50),
    p90: percentile(sorted, PERCENTILES.p90),
    p95: percentile(sorted, PERCENTILES.p95),
    p99: percentile(sorted, PERCENTILES.p99),
    stddev: Math.sqrt(variance),
    // The interval of the average the result reports (the trimmed mean; the mean when nothing is trimmed).
    ci95: [interval.low, interval.high],
  };
};

export { summarize };
