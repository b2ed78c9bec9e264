/**
 * The payloads of a run: inline (`payload`, weighted or not) or from S3
 * (`payloadS3`, which wins when both are given, like the reference).
 *
 * @module tuner/resolve-payloads
 */
import { generatePayloads } from '../core/index.js';
import type { TuningInput } from '../core/index.js';
import { createS3PayloadSource } from '../lambda/index.js';
import type { PayloadSource } from '../lambda/index.js';

/**
 * Reads (from S3 if asked) and encodes the `num` payloads of a size, in the
 * reference's order (weighted payloads in contiguous blocks).
 *
 * @example
 * const payloads = await resolvePayloads({ input, num: input.num });
 */
const resolvePayloads = async ({
  input,
  num = input.num,
  payloadSource,
  region,
}: {
  input: TuningInput;
  num?: number;
  payloadSource?: PayloadSource;
  /** Region for the default S3 client. */
  region?: string;
}): Promise<string[]> => {
  if (input.payloadS3 !== undefined) {
    const source = payloadSource ?? createS3PayloadSource({ ...(region !== undefined ? { region } : {}) });
    return generatePayloads({ payload: await source.fetch(input.payloadS3), num });
  }
  return generatePayloads({ payload: input.payload, num });
};

export { resolvePayloads };
