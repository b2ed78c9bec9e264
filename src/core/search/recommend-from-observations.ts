/**
 * The recommendation of a search, straight from its observations.
 *
 * @module core/search/recommend-from-observations
 */
import { MIN_SAMPLES_FOR_INTERVAL } from './constants.js';
import { estimateSizes, rankEstimates } from './estimate-sizes.js';
import type { EstimateOptions } from './estimate-sizes.js';
import type { SearchRecommendation } from './types.js';

/**
 * Recommends the best eligible size (not failed, with warm samples, within
 * the constraints) by the strategy, and returns every measured size with its
 * invocation count and 95% intervals. `significant` is true when the
 * winner's metric interval lies entirely below the runner-up's. When no
 * size is eligible, `power` is undefined and `reason` says why, size by size.
 *
 * @example
 * const { power, runnerUp, significant, sizes } = recommendFromObservations({
 *   observations, strategy: 'cost', price: { pricePerGbSecond: 0.0000166667, requestPrice: 2e-7 },
 * });
 */
const recommendFromObservations = (options: EstimateOptions): SearchRecommendation => {
  const sizes = estimateSizes(options);
  const ranked = rankEstimates({ estimates: sizes.filter((size) => size.eligible), strategy: options.strategy });
  const [winner, runnerUp] = ranked;
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

export { recommendFromObservations };
