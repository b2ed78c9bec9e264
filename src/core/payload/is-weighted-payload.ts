/**
 * Detects the reference's weighted payload arrays.
 *
 * @module core/payload/is-weighted-payload
 */
import type { WeightedPayload } from '../types.js';

/**
 * True when `payload` is a non-empty array whose every entry has a truthy
 * `weight` and a truthy `payload` (the reference tool's rule). Any other array is a
 * plain payload sent as a whole, as in the reference.
 *
 * @example
 * isWeightedPayload([{ payload: { a: 1 }, weight: 3 }]); // true
 * isWeightedPayload([{ weight: 1 }]);                   // false
 */
const isWeightedPayload = (payload: unknown): payload is WeightedPayload[] =>
  Array.isArray(payload) &&
  payload.length > 0 &&
  payload.every(
    (entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      Boolean((entry as Record<string, unknown>).weight) &&
      Boolean((entry as Record<string, unknown>).payload),
  );

export { isWeightedPayload };
