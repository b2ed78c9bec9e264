/**
 * Builds the `num` payloads of one size's invocations, including the
 * reference's weighted distribution.
 *
 * @module core/payload/generate-payloads
 */
import { InputError } from '../errors.js';
import type { WeightedPayload } from '../types.js';
import { convertPayload } from './convert-payload.js';
import { isWeightedPayload } from './is-weighted-payload.js';

const FIELD = 'payload';

/**
 * How many invocations each weighted payload gets: `floor(weight × num /
 * total)`, the last one taking the remainder, as AWS Lambda Power Tuning does.
 *
 * @throws {InputError} when `num` is below the number of payloads, a weight is
 * not a positive number, or a payload would get less than one invocation
 * @example
 * weightedShares({ weights: [1, 1, 1], num: 20 }); // [6, 6, 8]
 */
const weightedShares = ({ weights, num }: { weights: readonly unknown[]; num: number }): number[] => {
  weights.forEach((weight, index) => {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
      throw new InputError({
        field: `${FIELD}[${index}].weight`,
        expected: 'must be a positive number',
        got: JSON.stringify(weight) ?? String(weight),
      });
    }
  });
  const numeric = weights as number[];
  if (num < numeric.length) {
    throw new InputError({
      field: FIELD,
      expected: `${numeric.length} weighted payloads need num >= ${numeric.length}`,
      got: `num ${num}`,
    });
  }
  const total = numeric.reduce((sum, weight) => sum + weight, 0);
  const shares: number[] = [];
  let done = 0;
  numeric.forEach((weight, index) => {
    let howMany = Math.floor((weight * num) / total);
    if (howMany < 1) {
      const minWeight = Math.min(...numeric);
      let needed = Math.max(numeric.length, Math.ceil(total / minWeight));
      while (Math.floor((minWeight * needed) / total) < 1) needed += 1;
      throw new InputError({
        field: FIELD,
        expected: `payload[${index}] (weight ${weight} of ${total}) would get less than one invocation; raise num to at least ${needed} or raise its weight`,
        got: `num ${num}`,
      });
    }
    if (index === numeric.length - 1) howMany = num - done;
    shares.push(howMany);
    done += howMany;
  });
  return shares;
};

/**
 * Returns the `num` encoded payloads of one size, in invocation order.
 * A plain payload is repeated; a weighted payload array is laid out in
 * contiguous blocks (AAA…BBB…C…), exactly like the reference. A missing
 * payload is sent as `"null"`, as the reference's executor does.
 *
 * @throws {InputError} on an invalid weighted payload (see `weightedShares`)
 * @example
 * generatePayloads({ payload: [{ payload: 'a', weight: 1 }, { payload: 'b', weight: 2 }], num: 3 });
 * // ['"a"', '"b"', '"b"']
 */
const generatePayloads = ({ payload, num }: { payload: unknown; num: number }): string[] => {
  if (!isWeightedPayload(payload)) {
    const encoded = convertPayload(payload) ?? 'null';
    return Array.from({ length: num }, () => encoded);
  }
  const entries: WeightedPayload[] = payload;
  const shares = weightedShares({ weights: entries.map((entry) => entry.weight), num });
  return entries.flatMap((entry, index) => {
    const encoded = convertPayload(entry.payload) ?? 'null';
    return Array.from({ length: shares[index] ?? 0 }, () => encoded);
  });
};

export { generatePayloads, weightedShares };
