/**
 * Tie-tolerant ordering of measured numbers.
 *
 * @module core/statistics/compare-numbers
 */
import { TIE_RELATIVE_TOLERANCE } from '../constants.js';

/**
 * Compares two measured numbers, treating a relative difference below 1e-9
 * as a tie: prices computed from the same billed time at different sizes
 * (256 MB × 90 ms vs 512 MB × 45 ms) may differ in the last bit only.
 * Shared by `selectOptimal` (finished results) and the search's
 * `rankEstimates` (running estimates), so both break ties alike.
 *
 * @example
 * [3, 1, 2].sort(compareNumbers); // [1, 2, 3]
 * compareNumbers(0.1 + 0.2, 0.3); // 0
 */
const compareNumbers = (a: number, b: number): number => {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  if (scale === 0 || Math.abs(a - b) <= scale * TIE_RELATIVE_TOLERANCE) return 0;
  return a < b ? -1 : 1;
};

export { compareNumbers };
