/**
 * The recommendation of a search, straight from its observations.
 *
 * @module core/search/recommend-from-observations
 */
import { decideStrategy, INDIFFERENCE_BAND, isSeparated, isTiedWithin } from '../strategies/strategy-table.js';
import { MIN_SAMPLES_FOR_INTERVAL } from '../statistics/confidence-interval.js';
import { estimateSizes, toStrategyPoint } from './estimate-sizes.js';
import type { EstimateOptions } from './estimate-sizes.js';
import type { SearchRecommendation, SizeEstimate } from './types.js';
import { PERCENT } from '../constants.js';

/**
 * `candidate` is interchangeable with `best` for the strategy: the strategy
 * table's settled rule (`isTiedWithin`: 95% intervals overlap and means
 * within the indifference band, `tolerance` as a fraction of the best mean).
 * Both need at least two warm samples. The same test makes the tie band of
 * the recommendation and, with more, settles a contender in the search's
 * race (`isResolved` in the planner).
 *
 * @example
 * isEquivalent({ candidate, best, tolerance: 0.02 });
 */
const isEquivalent = ({
  candidate,
  best,
  tolerance,
}: {
  candidate: SizeEstimate;
  best: SizeEstimate;
  tolerance: number;
}): boolean => {
  if (candidate === best) return true;
  if (candidate.samples < MIN_SAMPLES_FOR_INTERVAL || best.samples < MIN_SAMPLES_FOR_INTERVAL) return false;
  return isTiedWithin({ candidate: candidate.metric, best: best.metric, bandPercent: tolerance * PERCENT });
};

/**
 * Recommends the best eligible size (not failed, with warm samples, within
 * the constraints) by the strategy table, and returns every measured size
 * with its invocation count and 95% intervals. Sizes tied with the best
 * (`isEquivalent`: intervals overlap and means within `bandPercent`, default
 * 2%) form the tie band, and the table's within-tie preference picks in it —
 * the fastest for `cost`, the cheapest for `speed`, the smallest for
 * `balanced` — so a flat curve does not turn a 0.3% speed-up into a
 * recommendation three times as expensive. This is the same rule `analyze`
 * applies to a fixed list. `significant` is true when the winner's metric
 * interval lies entirely below the runner-up's. When no size is eligible,
 * `power` is undefined and `reason` says why, size by size.
 *
 * @example
 * const { power, runnerUp, significant, tiedWith, sizes } = recommendFromObservations({
 *   observations, strategy: 'cost', price: { pricePerGbSecond: 0.0000166667, requestPrice: 2e-7 },
 * });
 */
const recommendFromObservations = ({
  bandPercent = INDIFFERENCE_BAND.defaultPercent,
  ...options
}: EstimateOptions & { bandPercent?: number }): SearchRecommendation => {
  const sizes = estimateSizes(options);
  const eligible = sizes.filter((size) => size.eligible);
  // Sizes with fewer than two warm samples have no interval: they tie with nothing.
  const points = eligible.map((size) => {
    const point = toStrategyPoint(size);
    return size.samples < MIN_SAMPLES_FOR_INTERVAL
      ? { ...point, metric: { mean: size.metric.mean, low: Number.POSITIVE_INFINITY, high: Number.NEGATIVE_INFINITY } }
      : point;
  });
  const decision = decideStrategy({ points, strategy: options.strategy, bandPercent, tieRule: 'settled' });
  if (decision === undefined) {
    const reason =
      sizes.length === 0
        ? 'nothing was measured'
        : `no measured size is eligible: ${sizes.map((size) => `${size.power} MB: ${size.rejectionReason ?? 'not eligible'}`).join('; ')}`;
    return { significant: false, reason, sizes };
  }
  const winner = decision.winner.estimate;
  const runnerUp = decision.runnerUp?.estimate;
  const recommendation: SearchRecommendation = {
    power: winner.power,
    significant:
      runnerUp !== undefined &&
      winner.samples >= MIN_SAMPLES_FOR_INTERVAL &&
      runnerUp.samples >= MIN_SAMPLES_FOR_INTERVAL &&
      isSeparated(winner.metric, runnerUp.metric),
    sizes,
  };
  if (runnerUp !== undefined) recommendation.runnerUp = runnerUp.power;
  const tiedWith = decision.tied.filter((point) => point !== decision.winner).map((point) => point.power);
  if (tiedWith.length > 0) recommendation.tiedWith = tiedWith;
  return recommendation;
};

export { isEquivalent, recommendFromObservations };
