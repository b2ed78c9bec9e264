/**
 * The sizes an adaptive search may try.
 *
 * @module core/search/candidate-grid
 */
import { LAMBDA_MAX_MEMORY_MB, LAMBDA_MIN_MEMORY_MB } from '../constants.js';
import { VCPU_BOUNDARIES_MB } from './constants.js';

/**
 * Every size the search may measure: 128 MB plus multiples of
 * `granularityMB`, 10,240 MB, the vCPU boundaries (1,769 MB × n) and any
 * `extraSizes` (the coarse pass), ascending and unique. Sizes outside
 * 128..10,240 MB are dropped.
 *
 * @example
 * buildCandidateGrid({ granularityMB: 1024 }).slice(0, 4); // [128, 1152, 1769, 2176]
 */
const buildCandidateGrid = ({
  granularityMB,
  extraSizes = [],
}: {
  granularityMB: number;
  extraSizes?: readonly number[];
}): number[] => {
  const sizes = new Set<number>([LAMBDA_MAX_MEMORY_MB, ...VCPU_BOUNDARIES_MB, ...extraSizes]);
  for (let size = LAMBDA_MIN_MEMORY_MB; size <= LAMBDA_MAX_MEMORY_MB; size += granularityMB) sizes.add(size);
  return [...sizes]
    .filter((size) => Number.isInteger(size) && size >= LAMBDA_MIN_MEMORY_MB && size <= LAMBDA_MAX_MEMORY_MB)
    .sort((a, b) => a - b);
};

/**
 * The grid point strictly between `from` and `to` closest to their midpoint
 * (ties → the smaller size), or `undefined` when they are adjacent on the
 * grid — i.e. the bracket is already at the search's granularity.
 *
 * @example
 * midpointBetween({ grid: [128, 192, 256, 320, 384], from: 128, to: 384 }); // 256
 */
const midpointBetween = ({
  grid,
  from,
  to,
}: {
  grid: readonly number[];
  from: number;
  to: number;
}): number | undefined => {
  const low = Math.min(from, to);
  const high = Math.max(from, to);
  const middle = (low + high) / 2;
  let best: number | undefined;
  for (const size of grid) {
    if (size <= low) continue;
    if (size >= high) break;
    if (best === undefined || Math.abs(size - middle) < Math.abs(best - middle)) best = size;
  }
  return best;
};

export { buildCandidateGrid, midpointBetween };
