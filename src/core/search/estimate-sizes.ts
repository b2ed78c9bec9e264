/**
 * From raw observations to per-size estimates with 95% intervals.
 *
 * @module core/search/estimate-sizes
 */
import { DEFAULT_DISCARD_TOP_BOTTOM, INVOCATIONS_PER_MILLION, PERCENT } from '../constants.js';
import { invocationCost } from '../pricing/invocation-cost.js';
import { percentile as percentileOf } from '../statistics/percentile.js';
import { compareForStrategy, STRATEGY_TABLE } from '../strategies/strategy-table.js';
import type { StrategyPoint } from '../strategies/strategy-table.js';
import type { Strategy } from '../types.js';
import { trimmedMeanInterval, wilsonInterval } from '../statistics/confidence-interval.js';
import type { Interval } from '../statistics/confidence-interval.js';
import { constraintViolation } from './apply-constraints.js';
import { PERCENTILE_RANK, SEARCH_DEFAULTS } from './constants.js';
import type { ConstraintVerdict, SearchConstraints, SearchObservation, SearchPrice, SizeEstimate } from './types.js';

/** Options shared by `estimateSizes` and `recommendFromObservations`. */
interface EstimateOptions {
  observations: readonly SearchObservation[];
  strategy: Strategy;
  balancedWeight?: number;
  constraints?: SearchConstraints;
  price: SearchPrice;
  includeRequestCharge?: boolean;
  /** Share of samples dropped at each end of every average (default 0.2, like the reference and `analyze`). */
  discardTopBottom?: number;
}

interface Grouped {
  power: number;
  invocations: number;
  durations: number[];
  costs: number[];
  billed: number[];
  firstError?: string;
}

const groupByPower = ({
  observations,
  price,
  includeRequestCharge,
}: Pick<EstimateOptions, 'observations' | 'price' | 'includeRequestCharge'>): Grouped[] => {
  const groups = new Map<number, Grouped>();
  for (const observation of observations) {
    let group = groups.get(observation.power);
    if (group === undefined) {
      group = { power: observation.power, invocations: 0, durations: [], costs: [], billed: [] };
      groups.set(observation.power, group);
    }
    group.invocations += 1;
    if (observation.error !== undefined) {
      group.firstError ??= observation.error;
      continue;
    }
    if (observation.coldStart === true) continue;
    group.durations.push(observation.durationMs);
    group.billed.push(observation.billedDurationMs);
    group.costs.push(
      invocationCost({
        billedDurationMs: observation.billedDurationMs,
        memoryMB: observation.power,
        price,
        includeRequestCharge,
      }),
    );
  }
  return [...groups.values()].sort((a, b) => a.power - b.power);
};

/** Verdict on the constraints with 95% confidence (Wilson for percentiles, t for the mean cost). */
const constraintVerdict = ({
  durations,
  cost,
  constraints,
}: {
  durations: readonly number[];
  cost: Interval;
  constraints: SearchConstraints | undefined;
}): ConstraintVerdict => {
  if (constraints === undefined) return 'satisfied';
  const verdicts: ConstraintVerdict[] = [];
  const { maxDurationMs, maxCostPerMillion, percentile = SEARCH_DEFAULTS.percentile } = constraints;
  if (maxDurationMs !== undefined) {
    const share = PERCENTILE_RANK[percentile] / PERCENT;
    const within = durations.filter((duration) => duration <= maxDurationMs).length;
    const { low, high } = wilsonInterval({ successes: within, trials: durations.length });
    verdicts.push(low >= share ? 'satisfied' : high < share ? 'violated' : 'undecided');
  }
  if (maxCostPerMillion !== undefined && durations.length > 0) {
    const perMillion = { low: cost.low * INVOCATIONS_PER_MILLION, high: cost.high * INVOCATIONS_PER_MILLION };
    verdicts.push(
      perMillion.low > maxCostPerMillion
        ? 'violated'
        : perMillion.high <= maxCostPerMillion
          ? 'satisfied'
          : 'undecided',
    );
  }
  if (verdicts.includes('violated')) return 'violated';
  return verdicts.every((verdict) => verdict === 'satisfied') ? 'satisfied' : 'undecided';
};

/**
 * Per-size estimates of duration, billed duration, cost per invocation and
 * the strategy's metric: trimmed means (`discardTopBottom`, 0.2 by default,
 * like the reference's averages and `analyze`) with 95% Yuen intervals over
 * the warm, successful observations. Cold starts (and warm-ups) count as
 * invocations but stay out of the statistics; any error marks the size
 * failed. The balanced metric is the reference's score computed per
 * invocation, `w × cost / maxCost + (1 − w) × duration / maxDuration`,
 * normalised by the largest average cost and duration among the sizes that
 * did not fail (with no trimming its mean is exactly the score of the means).
 *
 * @example
 * estimateSizes({ observations, strategy: 'cost', price }).map((size) => [size.power, size.metric.mean]);
 */
const estimateSizes = ({
  observations,
  strategy,
  balancedWeight = SEARCH_DEFAULTS.balancedWeight,
  constraints,
  price,
  includeRequestCharge = true,
  discardTopBottom = DEFAULT_DISCARD_TOP_BOTTOM,
}: EstimateOptions): SizeEstimate[] => {
  const groups = groupByPower({ observations, price, includeRequestCharge });
  const interval = (values: readonly number[]): Interval => trimmedMeanInterval(values, discardTopBottom);
  const mean = (values: readonly number[]): number => interval(values).mean;
  const usable = groups.filter((group) => group.firstError === undefined && group.durations.length > 0);
  const maxCost = Math.max(0, ...usable.map((group) => mean(group.costs)));
  const maxDuration = Math.max(0, ...usable.map((group) => mean(group.durations)));
  const weight = Math.min(Math.max(balancedWeight, 0), 1);
  const percentile = constraints?.percentile ?? SEARCH_DEFAULTS.percentile;

  return groups.map((group): SizeEstimate => {
    const duration = interval(group.durations);
    const billedDuration = interval(group.billed);
    const cost = interval(group.costs);
    let metricValues: number[];
    const { metric } = STRATEGY_TABLE[strategy];
    if (metric === 'cost') metricValues = group.costs;
    else if (metric === 'duration') metricValues = group.durations;
    else {
      metricValues = group.costs.map(
        (value, i) =>
          weight * (maxCost > 0 ? value / maxCost : 0) +
          (1 - weight) * (maxDuration > 0 ? (group.durations[i] ?? 0) / maxDuration : 0),
      );
    }
    const sorted = [...group.durations].sort((a, b) => a - b);
    const durationPercentile = percentileOf(sorted, PERCENTILE_RANK[percentile]);
    const failed = group.firstError !== undefined;
    let rejectionReason: string | undefined;
    if (failed) rejectionReason = `failed: ${group.firstError}`;
    else if (group.durations.length === 0) rejectionReason = 'no warm, successful invocation yet';
    else {
      rejectionReason = constraintViolation({
        durationPercentileMs: durationPercentile,
        costPerMillion: cost.mean * INVOCATIONS_PER_MILLION,
        constraints,
      });
    }
    const estimate: SizeEstimate = {
      power: group.power,
      invocations: group.invocations,
      samples: group.durations.length,
      failed,
      duration,
      billedDuration,
      cost,
      metric: interval(metricValues),
      durationPercentile,
      constraint: failed ? 'violated' : constraintVerdict({ durations: group.durations, cost, constraints }),
      eligible: rejectionReason === undefined,
    };
    if (failed && group.firstError !== undefined) estimate.failureReason = group.firstError;
    if (rejectionReason !== undefined) estimate.rejectionReason = rejectionReason;
    return estimate;
  });
};

/**
 * A size estimate as the strategy table sees it: mean cost and duration, and
 * the strategy's metric with its 95% interval.
 *
 * @example
 * toStrategyPoint(estimate).metric.high;
 */
const toStrategyPoint = (estimate: SizeEstimate): StrategyPoint & { estimate: SizeEstimate } => ({
  estimate,
  power: estimate.power,
  cost: estimate.cost.mean,
  duration: estimate.duration.mean,
  metric: estimate.metric,
});

/**
 * Orders estimates best first by the strategy table's order
 * (`STRATEGY_TABLE[strategy].tieBreak`, as `selectOptimal` does for a
 * finished run): cost → lower duration → lower memory; speed → lower cost →
 * lower memory; balanced → lower memory.
 *
 * @example
 * const [best] = rankEstimates({ estimates, strategy: 'speed' });
 */
const rankEstimates = ({
  estimates,
  strategy,
}: {
  estimates: readonly SizeEstimate[];
  strategy: Strategy;
}): SizeEstimate[] =>
  estimates
    .map(toStrategyPoint)
    .sort(compareForStrategy(strategy))
    .map((point) => point.estimate);

export { estimateSizes, rankEstimates, toStrategyPoint };
export type { EstimateOptions };
