/**
 * Constraints and goals: keep the sizes that meet them.
 *
 * @module core/search/apply-constraints
 */
import { formatPrice } from '../format/format-money.js';
import type { PowerStats } from '../types.js';
import { SEARCH_DEFAULTS } from './constants.js';
import type { SearchConstraints } from './types.js';

/** Digits shown for milliseconds in reasons. */
const MS_DECIMALS = 1;

/** A size left out, and why (one sentence a user can act on). */
interface RejectedSize {
  power: number;
  reason: string;
}

/**
 * Why a size with these point estimates breaks the constraints, or
 * `undefined` when it meets them all. Shared by `filterByConstraints`
 * (finished results) and the search planner (running estimates).
 *
 * @example
 * constraintViolation({ durationPercentileMs: 1200, costPerMillion: 2, constraints: { maxDurationMs: 1000 } });
 * // 'p95 duration 1200.0 ms is above the 1000 ms limit'
 */
const constraintViolation = ({
  durationPercentileMs,
  costPerMillion,
  constraints,
  currency = 'USD',
}: {
  durationPercentileMs: number;
  costPerMillion: number;
  constraints: SearchConstraints | undefined;
  currency?: string;
}): string | undefined => {
  if (constraints === undefined) return undefined;
  const { maxDurationMs, maxCostPerMillion, percentile = SEARCH_DEFAULTS.percentile } = constraints;
  const reasons: string[] = [];
  if (maxDurationMs !== undefined && durationPercentileMs > maxDurationMs) {
    reasons.push(
      `${percentile} duration ${durationPercentileMs.toFixed(MS_DECIMALS)} ms is above the ${maxDurationMs} ms limit`,
    );
  }
  if (maxCostPerMillion !== undefined && costPerMillion > maxCostPerMillion) {
    // Four significant digits (not cents), so a cost just over the limit does not read as equal to it.
    reasons.push(
      `cost per 1M invocations ${formatPrice(costPerMillion, currency)} is above the ${formatPrice(maxCostPerMillion, currency)} limit`,
    );
  }
  return reasons.length > 0 ? reasons.join('; ') : undefined;
};

/**
 * Splits measured sizes into those that may be recommended (status `ok` and
 * within every constraint, judged on the measured figures: the chosen
 * percentile of warm `Duration` and `costPerMillion`) and those that may
 * not, each with a reason. `analyze` picks the strategy's best among
 * `eligible`; when it is empty, the reasons say why nothing qualifies.
 *
 * @example
 * const { eligible, rejected } = filterByConstraints({
 *   sizes: result.sizes,
 *   constraints: { maxDurationMs: 1000, percentile: 'p95', maxCostPerMillion: 5 },
 * });
 * // rejected: [{ power: 128, reason: 'p95 duration 3520.0 ms is above the 1000 ms limit' }]
 */
const filterByConstraints = ({
  sizes,
  constraints,
  currency = 'USD',
}: {
  sizes: readonly PowerStats[];
  constraints?: SearchConstraints;
  currency?: string;
}): { eligible: PowerStats[]; rejected: RejectedSize[] } => {
  const eligible: PowerStats[] = [];
  const rejected: RejectedSize[] = [];
  const percentile = constraints?.percentile ?? SEARCH_DEFAULTS.percentile;
  for (const size of sizes) {
    if (size.status !== 'ok') {
      rejected.push({ power: size.value, reason: `failed: ${size.failureReason ?? 'no successful invocation'}` });
      continue;
    }
    const reason = constraintViolation({
      durationPercentileMs: size.duration[percentile],
      costPerMillion: size.costPerMillion,
      constraints,
      currency,
    });
    if (reason === undefined) eligible.push(size);
    else rejected.push({ power: size.value, reason });
  }
  return { eligible, rejected };
};

/**
 * One sentence for a result where no size meets the constraints.
 *
 * @example
 * describeNoEligibleSize({ rejected });
 * // 'No memory size meets the constraints: 128 MB: p95 duration … Relax --max-duration / --max-cost-per-million or try other sizes.'
 */
const describeNoEligibleSize = ({ rejected }: { rejected: readonly RejectedSize[] }): string =>
  `No memory size meets the constraints: ${rejected.map(({ power, reason }) => `${power} MB: ${reason}`).join('; ')}. ` +
  'Relax --max-duration / --max-cost-per-million, or measure other sizes.';

export { constraintViolation, describeNoEligibleSize, filterByConstraints };
export type { RejectedSize };
