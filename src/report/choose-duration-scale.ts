/**
 * Linear or logarithmic duration axis.
 *
 * @module report/choose-duration-scale
 */
import { LOG_SCALE_RATIO } from './constants.js';

/**
 * `logarithmic` when the largest plotted duration is more than 20× the
 * smallest, so that the fast sizes do not flatten into the x axis.
 *
 * @example
 * chooseDurationScale([11_936, 330]); // 'logarithmic'
 */
const chooseDurationScale = (durations: number[]): 'linear' | 'logarithmic' => {
  const positive = durations.filter((d) => Number.isFinite(d) && d > 0);
  if (positive.length < 2) return 'linear';
  return Math.max(...positive) / Math.min(...positive) > LOG_SCALE_RATIO ? 'logarithmic' : 'linear';
};

export { chooseDurationScale };
