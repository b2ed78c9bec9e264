/**
 * Percentiles by linear interpolation.
 *
 * @module core/statistics/percentile
 */

/**
 * The `p`-th percentile (0..100) of an ascending series, by linear
 * interpolation between closest ranks: `h = (n − 1) × p / 100`, the value at
 * `h` interpolated between `sorted[floor(h)]` and `sorted[ceil(h)]` — numpy's
 * default ("linear", Hyndman & Fan type 7). `p` is clamped to 0..100.
 * Empty → 0. The series must already be sorted.
 *
 * @example
 * percentile([10, 20, 30, 40], 50); // 25
 */
const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const rank = ((sorted.length - 1) * Math.min(Math.max(p, 0), 100)) / 100;
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower] ?? 0;
  const high = sorted[upper] ?? low;
  return low + (rank - lower) * (high - low);
};

export { percentile };
