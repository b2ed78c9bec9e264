/**
 * The exact cost of invocations.
 *
 * @module core/pricing/invocation-cost
 */
import { MB_PER_GB, MS_PER_SECOND } from '../constants.js';
import type { LambdaPrice } from './types.js';

/**
 * Cost of one invocation: billed seconds × configured GB × first-tier price
 * per GB-second, plus the request charge unless `includeRequestCharge` is
 * false (reference parity). Lambda bills in 1 ms steps, and `Billed Duration`
 * is already rounded, so no rounding happens here. The reference instead
 * uses a rounded 2.1e-9 $/ms at 128 MB and no request charge; the exact
 * us-east-1 x86 figure is 0.0000166667 / 8 / 1000 ≈ 2.0833e-9 (see
 * `referenceInvocationCost`).
 *
 * @example
 * invocationCost({ billedDurationMs: 100, memoryMB: 1024, price, includeRequestCharge: true });
 * // 0.1 s × 1 GB × 0.0000166667 + 0.0000002 = 0.00000186667
 */
const invocationCost = ({
  billedDurationMs,
  memoryMB,
  price,
  includeRequestCharge = true,
}: {
  billedDurationMs: number;
  memoryMB: number;
  price: Pick<LambdaPrice, 'pricePerGbSecond' | 'requestPrice'>;
  includeRequestCharge?: boolean;
}): number =>
  (billedDurationMs / MS_PER_SECOND) * (memoryMB / MB_PER_GB) * price.pricePerGbSecond +
  (includeRequestCharge ? price.requestPrice : 0);

export { invocationCost };
