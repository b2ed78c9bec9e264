/**
 * The recommendation of a search, straight from its observations.
 *
 * @module core/search/recommend-from-observations
 */
import { MIN_SAMPLES_FOR_INTERVAL, SEARCH_DEFAULTS } from './constants.js';
import { estimateSizes, rankEstimates } from './estimate-sizes.js';
import type { EstimateOptions } from './estimate-sizes.js';
import type { SearchRecommendation, SizeEstimate } from './types.js';

/**
 * `candidate` is interchangeable with `best`: the 95% interval of the
 * difference of their averages (half-widths combined in quadrature) lies
 * inside ±`tolerance` × best. The same test stops the search's race.
 *
 * @example
 * isEquivalent({ candidate, best, tolerance: 0.02 });
 */
const isEquivalent = ({ candidate, best, tolerance }: { candidate: SizeEstimate; best: SizeEstimate; tolerance: number }): boolean => {
  if (candidate === best) return true;
  if (candidate.samples < MIN_SAMPLES_FOR_INTERVAL || best.samples < MIN_SAMPLES_FOR_INTERVAL) return false;
  const difference = candidate.metric.mean - best.metric.mean;
  const halfWidth = Math.hypot((candidate.metric.high - candidate.metric.low) / 2, (best.metric.high - best.metric.low) / 2);
  return Math.abs(difference) + halfWidth <= tolerance * Math.abs(best.metric.mean);
};

/** Among practically tied sizes, the one the other goal prefers: cheapest for speed, fastest for cost, smallest for balanced. */
const preferWithinTie = (tied: readonly SizeEstimate[], strategy: EstimateOptions['strategy']): SizeEstimate | undefined => {
  const key = (size: SizeEstimate): number =>
    strategy === 'speed' ? size.cost.mean : strategy === 'cost' ? size.duration.mean : size.power;
  return tied.reduce<SizeEstimate | undefined>((best, size) => (best === undefined || key(size) < key(best) ? size : best), undefined);
};

/**
 * Recommends the best eligible size (not failed, with warm samples, within
 * the constraints) by the strategy, and returns every measured size with its
 * invocation count and 95% intervals. Sizes shown to be within
 * `practicalTie` (default 1%) of the best (`isEquivalent`) are a practical
 * tie, broken by the other goal — the cheapest for `speed`, the fastest for `cost`, the smallest
 * for `balanced` — so a flat curve does not turn a 0.3% speed-up
 * into a recommendation three times as expensive. `significant` is true when
 * the winner's metric interval lies entirely below the runner-up's. When no
 * size is eligible, `power` is undefined and `reason` says why, size by size.
 *
 * @example
 * const { power, runnerUp, significant, sizes } = recommendFromObservations({
 *   observations, strategy: 'cost', price: { pricePerGbSecond: 0.0000166667, requestPrice: 2e-7 },
 * });
 */
const recommendFromObservations = ({
  practicalTie = SEARCH_DEFAULTS.practicalTie,
  ...options
}: EstimateOptions & { practicalTie?: number }): SearchRecommendation => {
  const sizes = estimateSizes(options);
  const ranked = rankEstimates({ estimates: sizes.filter((size) => size.eligible), strategy: options.strategy });
  const [first] = ranked;
  const tied = ranked.filter((size) => first !== undefined && isEquivalent({ candidate: size, best: first, tolerance: practicalTie }));
  const winner = preferWithinTie(tied, options.strategy);
  const runnerUp = ranked.find((size) => size !== winner);
  if (winner === undefined) {
    const reason =
      sizes.length === 0
        ? 'nothing was measured'
        : `no measured size is eligible: ${sizes.map((size) => `${size.power} MB: ${size.rejectionReason ?? 'not eligible'}`).join('; ')}`;
    return { significant: false, reason, sizes };
  }
  const recommendation: SearchRecommendation = {
    power: winner.power,
    significant:
      runnerUp !== undefined &&
      winner.samples >= MIN_SAMPLES_FOR_INTERVAL &&
      runnerUp.samples >= MIN_SAMPLES_FOR_INTERVAL &&
      winner.metric.high < runnerUp.metric.low,
    sizes,
  };
  if (runnerUp !== undefined) recommendation.runnerUp = runnerUp.power;
  return recommendation;
};

export { isEquivalent, recommendFromObservations };
