/**
 * The price catalog: Lambda and Step Functions prices per region and
 * architecture, from `lambda-prices.json` (sources and caveats in
 * /shared/reference/lambda-prices.md; copied here unchanged as data).
 *
 * @module core/pricing/price-catalog
 */
import type { Architecture } from '../types.js';
import {
  FALLBACK_PRICE_REGION,
  REFERENCE_STEP_FUNCTIONS_COSTS,
  REQUESTS_PER_MILLION,
  TRANSITIONS_PER_PRICE_UNIT,
} from './constants.js';
import prices from './lambda-prices.json' with { type: 'json' };
import type { LambdaPrice, PriceCatalogData, PriceTier } from './types.js';

const catalog = prices as unknown as PriceCatalogData;
/** Significant digits kept when converting quoted prices to per-unit prices. */
const PRICE_PRECISION = 12;

const firstTierPrice = (region: string, architecture: Architecture): number | undefined => {
  const value = catalog.regions[region]?.[architecture]?.tiers?.[0]?.pricePerGbSecond;
  return typeof value === 'number' ? value : undefined;
};

const requestPriceOf = (region: string): number | undefined => {
  const value = catalog.regions[region]?.requestPer1M;
  // toPrecision drops float noise: 0.2 / 1e6 would be 2.0000000000000002e-7.
  return typeof value === 'number' ? Number((value / REQUESTS_PER_MILLION).toPrecision(PRICE_PRECISION)) : undefined;
};

/** Tiers with unknown prices inherit the tier before (no discount assumed). */
const tiersOf = (region: string, architecture: Architecture): { tiers: PriceTier[]; filled: boolean } => {
  const raw = catalog.regions[region]?.[architecture]?.tiers ?? [];
  let previous = 0;
  let filled = false;
  const tiers = raw.map(({ upToGbSeconds, pricePerGbSecond }) => {
    if (typeof pricePerGbSecond === 'number') previous = pricePerGbSecond;
    else filled = true;
    return { upToGbSeconds, pricePerGbSecond: previous };
  });
  return { tiers, filled };
};

/**
 * Lambda prices for a region and architecture. Never throws: an unknown
 * region (or one whose price is not in the catalog) gets us-east-1's prices
 * with `estimated: true` and a `note`, and so does a missing request price.
 *
 * @example
 * getLambdaPrice({ region: 'us-east-1', architecture: 'x86_64' }).pricePerGbSecond; // 0.0000166667
 * getLambdaPrice({ region: 'xx-nowhere-1', architecture: 'arm64' }).estimated;     // true
 */
const getLambdaPrice = ({ region, architecture }: { region: string; architecture: Architecture }): LambdaPrice => {
  const notes: string[] = [];
  let estimated = false;
  let priceRegion = region;
  if (firstTierPrice(region, architecture) === undefined) {
    priceRegion = FALLBACK_PRICE_REGION;
    estimated = true;
    notes.push(
      `No ${architecture} Lambda price is known for ${region}; ${FALLBACK_PRICE_REGION} prices are used as an estimate.`,
    );
  }
  const { tiers, filled } = tiersOf(priceRegion, architecture);
  if (filled) notes.push(`Monthly tier discounts are unknown in ${priceRegion}; no discount is assumed.`);
  let requestPrice = requestPriceOf(priceRegion);
  if (requestPrice === undefined) {
    requestPrice = requestPriceOf(FALLBACK_PRICE_REGION) ?? 0;
    estimated = true;
    notes.push(`No request price is known for ${priceRegion}; ${FALLBACK_PRICE_REGION}'s is used as an estimate.`);
  }
  const price: LambdaPrice = {
    region,
    architecture,
    currency: catalog.regions[priceRegion]?.currency ?? 'USD',
    pricePerGbSecond: firstTierPrice(priceRegion, architecture) ?? 0,
    tiers,
    requestPrice,
    estimated,
  };
  if (notes.length > 0) price.note = notes.join(' ');
  return price;
};

/**
 * Price of one Standard state transition in a region; the reference's
 * default (0.000025) when the catalog has none.
 *
 * @example
 * stepFunctionsTransitionPrice('us-east-1'); // 0.000025
 */
const stepFunctionsTransitionPrice = (region: string): number => {
  const per1000 = catalog.regions[region]?.stepFunctionsStandardPer1000Transitions;
  return typeof per1000 === 'number'
    ? Number((per1000 / TRANSITIONS_PER_PRICE_UNIT).toPrecision(PRICE_PRECISION))
    : REFERENCE_STEP_FUNCTIONS_COSTS.default;
};

/**
 * Cost of `transitions` Standard state transitions in a region (not rounded).
 *
 * @example
 * stepFunctionsCost({ region: 'us-east-1', transitions: 36 }); // 0.0009
 */
const stepFunctionsCost = ({ region, transitions }: { region: string; transitions: number }): number =>
  stepFunctionsTransitionPrice(region) * transitions;

/**
 * Lambda's monthly free tier (requests and GB-seconds).
 *
 * @example
 * lambdaFreeTier().gbSecondsPerMonth; // 400000
 */
const lambdaFreeTier = (): { requestsPerMonth: number; gbSecondsPerMonth: number } => ({
  ...catalog.globalRules.lambdaFreeTier,
});

/**
 * Regions the catalog knows (some with partial prices).
 *
 * @example
 * catalogRegions().includes('eu-west-1'); // true
 */
const catalogRegions = (): string[] => Object.keys(catalog.regions);

export { catalogRegions, getLambdaPrice, lambdaFreeTier, stepFunctionsCost, stepFunctionsTransitionPrice };
