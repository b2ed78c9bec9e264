/**
 * The reference's average: a trimmed mean.
 *
 * @module core/statistics/trimmed-mean
 */
import { MAX_DISCARD_TOP_BOTTOM } from '../constants.js';

/**
 * How many values the trimmed mean drops from each end of `count` values:
 * `floor(count × discardTopBottom)`, the share clamped to 0..0.4 like the
 * reference's executor (so at least one value always remains).
 *
 * @example
 * trimCount(10, 0.2); // 2
 * trimCount(10, 0.9); // 4
 */
const trimCount = (count: number, discardTopBottom: number): number => {
  const share = Math.min(Math.max(Number.isFinite(discardTopBottom) ? discardTopBottom : 0, 0), MAX_DISCARD_TOP_BOTTOM);
  return Math.floor(count * share);
};

/**
 * Mean after dropping `k = floor(n × discardTopBottom)` values from each end
 * of the sorted series, exactly as the `computeAverageDuration` of
 * AWS Lambda Power Tuning (the reference tool). `discardTopBottom` is clamped to 0..0.4 like the
 * reference's executor, so at least one value always remains. Empty → 0.
 * The input array is not modified.
 *
 * @example
 * trimmedMean([1, 2, 3, 4, 2000], 0.2); // 3
 */
const trimmedMean = (values: readonly number[], discardTopBottom: number): number => {
  if (values.length === 0) return 0;
  const k = trimCount(values.length, discardTopBottom);
  const kept = [...values].sort((a, b) => a - b).slice(k, values.length - k);
  return kept.reduce((sum, value) => sum + value, 0) / kept.length;
};

export { trimCount, trimmedMean };
