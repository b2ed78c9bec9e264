/**
 * The three strategies: pick the cheapest, the fastest, or the best balance.
 *
 * @module core/strategies/select-optimal
 */
import { NoViableSizeError } from '../errors.js';
import type { PowerStats, Strategy } from '../types.js';
import { compareForStrategy, STRATEGY_TABLE } from './strategy-table.js';

/** Outcome of a strategy over the measured sizes. */
interface Selection {
  winner: PowerStats;
  runnerUp?: PowerStats;
  /** Viable sizes, best first. */
  ranking: PowerStats[];
}

/**
 * The reference's balanced score: `w × cost / maxCost + (1 − w) × duration /
 * maxDuration` (lower is better). Exported for charts and explanations.
 *
 * @example
 * balancedScore({ cost: 1, duration: 100, maxCost: 2, maxDuration: 100, balancedWeight: 0.5 }); // 0.75
 */
const balancedScore = ({
  cost,
  duration,
  maxCost,
  maxDuration,
  balancedWeight,
}: {
  cost: number;
  duration: number;
  maxCost: number;
  maxDuration: number;
  balancedWeight: number;
}): number =>
  balancedWeight * (maxCost > 0 ? cost / maxCost : 0) +
  (1 - balancedWeight) * (maxDuration > 0 ? duration / maxDuration : 0);

/**
 * Ranks the sizes with status `ok` and a positive average duration and
 * returns the best, in the order of the strategy table
 * (`STRATEGY_TABLE[strategy].tieBreak`): `cost`: lowest averagePrice, ties →
 * lower duration, then lower memory. `speed`: lowest averageDuration, ties →
 * lower price, then lower memory. `balanced`: lowest `balancedScore` (weight
 * clamped to 0..1 like the reference), ties → lower memory. The final
 * tie-break makes every strategy deterministic whatever the input order.
 * This is the ranking on means alone; `analyze` adds the intervals and the
 * indifference band through `decideStrategy`.
 *
 * @throws {NoViableSizeError} when no size qualifies
 * @example
 * selectOptimal({ sizes, strategy: 'cost', balancedWeight: 0.5 }).winner.value; // e.g. 512
 */
const selectOptimal = ({
  sizes,
  strategy,
  balancedWeight = 0.5,
}: {
  sizes: readonly PowerStats[];
  strategy: Strategy;
  balancedWeight?: number;
}): Selection => {
  const viable = sizes.filter((size) => size.status === 'ok' && size.averageDuration > 0);
  const [first] = viable;
  if (first === undefined) throw new NoViableSizeError({ candidates: sizes.map((size) => size.value) });
  const weight = Math.min(Math.max(balancedWeight, 0), 1);
  const maxCost = Math.max(...viable.map((size) => size.averagePrice));
  const maxDuration = Math.max(...viable.map((size) => size.averageDuration));
  const metricOf = (size: PowerStats): number => {
    const { metric } = STRATEGY_TABLE[strategy];
    if (metric === 'cost') return size.averagePrice;
    if (metric === 'duration') return size.averageDuration;
    return balancedScore({
      cost: size.averagePrice,
      duration: size.averageDuration,
      maxCost,
      maxDuration,
      balancedWeight: weight,
    });
  };
  const points = viable.map((size) => {
    const mean = metricOf(size);
    return {
      size,
      power: size.value,
      cost: size.averagePrice,
      duration: size.averageDuration,
      metric: { mean, low: mean, high: mean },
    };
  });
  const ranking = points.sort(compareForStrategy(strategy)).map((point) => point.size);
  const [winner = first, runnerUp] = ranking;
  return runnerUp === undefined ? { winner, ranking } : { winner, runnerUp, ranking };
};

export { balancedScore, selectOptimal };
export type { Selection };
