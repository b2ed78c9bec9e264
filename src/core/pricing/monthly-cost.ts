/**
 * Monthly cost of a workload with tiered duration pricing.
 *
 * @module core/pricing/monthly-cost
 */
import { lambdaFreeTier } from './price-catalog.js';
import type { LambdaPrice, MonthlyCost } from './types.js';

/**
 * Cost of `invocationsPerMonth` invocations of `gbSecondsPerInvocation`
 * each, applying the monthly duration tiers cumulatively (x86: first 6B
 * GB-s, next 9B at −10%, the rest at −20%) and, with `freeTier`, Lambda's
 * free 1M requests and 400,000 GB-s (shared by the whole account, so off by
 * default).
 *
 * @example
 * monthlyCost({ gbSecondsPerInvocation: 0.125, invocationsPerMonth: 10_000_000, price, includeRequestCharge: true }).total;
 */
const monthlyCost = ({
  gbSecondsPerInvocation,
  invocationsPerMonth,
  price,
  freeTier = false,
  includeRequestCharge = true,
}: {
  gbSecondsPerInvocation: number;
  invocationsPerMonth: number;
  price: Pick<LambdaPrice, 'pricePerGbSecond' | 'requestPrice' | 'tiers'>;
  freeTier?: boolean;
  includeRequestCharge?: boolean;
}): MonthlyCost => {
  const free = freeTier ? lambdaFreeTier() : { requestsPerMonth: 0, gbSecondsPerMonth: 0 };
  const gbSeconds = Math.max(0, gbSecondsPerInvocation * invocationsPerMonth - free.gbSecondsPerMonth);
  const tiers =
    price.tiers.length > 0 ? price.tiers : [{ upToGbSeconds: null, pricePerGbSecond: price.pricePerGbSecond }];
  let computeCost = 0;
  let billedSoFar = 0;
  for (const tier of tiers) {
    if (billedSoFar >= gbSeconds) break;
    const tierEnd = tier.upToGbSeconds ?? Number.POSITIVE_INFINITY;
    const inTier = Math.min(gbSeconds, tierEnd) - billedSoFar;
    if (inTier > 0) {
      computeCost += inTier * tier.pricePerGbSecond;
      billedSoFar += inTier;
    }
  }
  const lastTier = tiers.at(-1);
  if (billedSoFar < gbSeconds && lastTier) computeCost += (gbSeconds - billedSoFar) * lastTier.pricePerGbSecond;
  const requestCost = includeRequestCharge
    ? Math.max(0, invocationsPerMonth - free.requestsPerMonth) * price.requestPrice
    : 0;
  return { gbSeconds, computeCost, requestCost, total: computeCost + requestCost };
};

export { monthlyCost };
