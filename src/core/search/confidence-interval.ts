/**
 * Small-sample confidence intervals used by the search. The search needs an
 * interval after every batch, for every size, so it uses the Student-t
 * interval of the mean (closed form) rather than the bootstrap `summarize`
 * reports: the bootstrap costs 1,000 resamples per size per round and is no
 * better at the 5–40 samples the search works with.
 *
 * @module core/search/confidence-interval
 */
import { MIN_SAMPLES_FOR_INTERVAL, Z_95 } from './constants.js';
import type { Interval } from './types.js';

/** Two-sided 95% Student-t quantiles (t₀.₉₇₅) for 1..30 degrees of freedom. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
] as const;

/** Cornish–Fisher expansion coefficients of t around z (Abramowitz & Stegun 26.7.5). */
const CF_FIRST_DIVISOR = 4;
const CF_SECOND_DIVISOR = 96;
const CF_FIFTH = 5;
const CF_THIRD = 16;
const CF_FIRST = 3;

/**
 * The 0.975 quantile of Student's t with `degreesOfFreedom` (table up to 30,
 * Cornish–Fisher beyond: error below 1e-3).
 *
 * @example
 * tQuantile95(4); // 2.776
 */
const tQuantile95 = (degreesOfFreedom: number): number => {
  if (degreesOfFreedom < 1) return Number.POSITIVE_INFINITY;
  const tabled = T_975[Math.floor(degreesOfFreedom) - 1];
  if (tabled !== undefined) return tabled;
  const z = Z_95;
  const df = degreesOfFreedom;
  return (
    z +
    (z ** 3 + z) / (CF_FIRST_DIVISOR * df) +
    (CF_FIFTH * z ** 5 + CF_THIRD * z ** 3 + CF_FIRST * z) / (CF_SECOND_DIVISOR * df ** 2)
  );
};

/**
 * Mean of `values` with its two-sided 95% Student-t interval. With fewer than
 * two values the interval collapses to the mean (nothing to estimate a
 * spread from) — callers that decide on intervals must check the count.
 * Empty → all zeros.
 *
 * @example
 * meanInterval([10, 12, 11, 13, 9]); // { mean: 11, low: 9.04, high: 12.96 }
 */
const meanInterval = (values: readonly number[]): Interval => {
  const n = values.length;
  if (n === 0) return { mean: 0, low: 0, high: 0 };
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  if (n < MIN_SAMPLES_FOR_INTERVAL) return { mean, low: mean, high: mean };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const halfWidth = tQuantile95(n - 1) * Math.sqrt(squares / (n - 1) / n);
  return { mean, low: mean - halfWidth, high: mean + halfWidth };
};

/**
 * Trimmed mean of `values` (drop `floor(n × discardTopBottom)` values at each
 * end, exactly like the reference's average) with its 95% interval by the
 * Tukey–McLaughlin / Yuen method: standard error from the winsorized
 * variance, `s_w / ((1 − 2g) √n)`, and Student t with `n − 2k − 1` degrees
 * of freedom. With `discardTopBottom` 0 it is `meanInterval`. Trimming makes
 * the comparison of two sizes robust to the rare slow invocation (a GC pause,
 * a network hiccup) that would otherwise widen both intervals; since such
 * outliers hit every size alike, ranking by trimmed means ranks by means.
 *
 * @example
 * trimmedMeanInterval([10, 11, 12, 13, 100], 0.2); // { mean: 12, low: 8.79, high: 15.21 }
 */
const trimmedMeanInterval = (values: readonly number[], discardTopBottom: number): Interval => {
  const n = values.length;
  const k = Math.floor(n * discardTopBottom);
  if (k === 0) return meanInterval(values);
  const sorted = [...values].sort((a, b) => a - b);
  const kept = sorted.slice(k, n - k);
  const mean = kept.reduce((sum, value) => sum + value, 0) / kept.length;
  const low = sorted[k] ?? mean;
  const high = sorted[n - k - 1] ?? mean;
  const winsorized = sorted.map((value) => Math.min(Math.max(value, low), high));
  const winsorizedMean = winsorized.reduce((sum, value) => sum + value, 0) / n;
  const winsorizedVariance = winsorized.reduce((sum, value) => sum + (value - winsorizedMean) ** 2, 0) / (n - 1);
  const degreesOfFreedom = kept.length - 1;
  if (degreesOfFreedom < 1) return { mean, low: mean, high: mean };
  const halfWidth =
    (tQuantile95(degreesOfFreedom) * Math.sqrt(winsorizedVariance)) / ((kept.length / n) * Math.sqrt(n));
  return { mean, low: mean - halfWidth, high: mean + halfWidth };
};

/**
 * Wilson score 95% interval of a proportion `successes / trials`
 * (trials = 0 → [0, 1]). Used for percentile constraints: "at least 95% of
 * invocations finish within 1,000 ms" is a proportion.
 *
 * @example
 * wilsonInterval({ successes: 5, trials: 5 }); // { low: 0.566, high: 1 }
 */
const wilsonInterval = ({
  successes,
  trials,
}: {
  successes: number;
  trials: number;
}): { low: number; high: number } => {
  if (trials <= 0) return { low: 0, high: 1 };
  const z2 = Z_95 ** 2;
  const p = successes / trials;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (Z_95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials ** 2))) / (1 + z2 / trials);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
};

export { meanInterval, tQuantile95, trimmedMeanInterval, wilsonInterval };
