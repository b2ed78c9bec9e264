/**
 * Price shapes.
 *
 * @module core/pricing/types
 */
import type { Architecture } from '../types.js';

/** One monthly usage tier of Lambda duration pricing. */
interface PriceTier {
  /** Cumulative GB-seconds per month up to which this tier applies; `null` = unbounded. */
  upToGbSeconds: number | null;
  pricePerGbSecond: number;
}

/** Lambda prices for one region and architecture, in `currency`. */
interface LambdaPrice {
  region: string;
  architecture: Architecture;
  /** `USD`, or `CNY` in the China regions. */
  currency: string;
  /** First-tier price per GB-second (what a tuning run's invocations cost). */
  pricePerGbSecond: number;
  tiers: PriceTier[];
  /** Price of one request (e.g. 2e-7 = $0.20 per million). */
  requestPrice: number;
  /** True when some price was not known for this region and another region's was used. */
  estimated: boolean;
  /** Why the price is estimated, or other caveats. */
  note?: string;
}

/** Monthly cost of a workload, by component. */
interface MonthlyCost {
  /** GB-seconds billed after the free tier. */
  gbSeconds: number;
  computeCost: number;
  requestCost: number;
  total: number;
}

/** The subset of `lambda-prices.json` the catalog reads. */
interface PriceCatalogData {
  globalRules: {
    lambdaFreeTier: { requestsPerMonth: number; gbSecondsPerMonth: number };
  };
  regions: Record<
    string,
    {
      currency: string;
      x86_64?: { tiers: Array<{ upToGbSeconds: number | null; pricePerGbSecond: number | null }> | null };
      arm64?: { tiers: Array<{ upToGbSeconds: number | null; pricePerGbSecond: number | null }> | null };
      requestPer1M?: number | null;
      stepFunctionsStandardPer1000Transitions?: number | null;
    }
  >;
}

export type { LambdaPrice, MonthlyCost, PriceCatalogData, PriceTier };
