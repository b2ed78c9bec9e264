/**
 * The one home of the strategies: what each minimises, how it orders sizes
 * that measure exactly alike, which size it prefers among sizes that are
 * statistically tied, and which interval decides significance. Every place
 * that ranks sizes — the fixed list (`analyze` via `selectOptimal`), the
 * adaptive search (`estimate-sizes`, `recommend-from-observations`, the
 * planner) and `check` — reads this table through the functions below.
 *
 * **Ties are results.** Two sizes are tied for a strategy when their 95%
 * intervals of the strategy's metric overlap *and* their means differ by at
 * most the indifference band (default 2% of the best mean). The sizes tied
 * with the best form the tie band; the recommendation is the size inside it
 * that the table's `withinTie` key prefers:
 *
 * | strategy | metric | tie-break order | within the band | significance |
 * | --- | --- | --- | --- | --- |
 * | cost | cost per invocation | cost → duration → memory | the fastest | cost interval |
 * | speed | average duration | duration → cost → memory | the cheapest | duration interval |
 * | balanced | balanced score | score → memory | the smallest memory | score interval |
 *
 * Balanced prefers the smallest memory: its score already weighs cost
 * against speed, so among sizes scoring the same there is no second goal
 * left to favour; the smallest one is deterministic and reserves least.
 *
 * Decision: the fixed list and the adaptive search use this same tie rule
 * (the search's old 1% "practical tie" is gone). The search also stops with
 * it: a contender whose interval overlaps the best's and whose mean lies
 * within the band is settled (an indifference-zone rule), so a flat curve
 * does not make it race sizes whose difference would not change the answer.
 *
 * @module core/strategies/strategy-table
 */
import { formatMemory, groupThousands } from '../format/format-numbers.js';
import { compareNumbers } from '../statistics/compare-numbers.js';
import type { Strategy } from '../types.js';
import { PERCENT } from '../constants.js';

/** The quantity a strategy minimises (and the `tieBand.metric` of a result). */
type StrategyMetric = 'cost' | 'duration' | 'balanced';

/** A key sizes are ordered by; lower is better on every key. */
type RankKey = 'metric' | 'cost' | 'duration' | 'memory';

/** How one strategy ranks sizes. */
interface StrategyRule {
  /** What the strategy minimises. */
  metric: StrategyMetric;
  /** Keys compared in order when ranking; `memory` last makes every order total. */
  tieBreak: readonly RankKey[];
  /** Among sizes tied within the indifference band, the lowest on this key wins. */
  withinTie: Exclude<RankKey, 'metric'>;
  /** The interval whose separation makes a winner significant and whose overlap makes a tie. */
  significance: StrategyMetric;
  /** Words for a tie band: "512–1,536 MB cost the same within 2%". */
  tiedVerb: string;
  /** Words for the within-tie choice: "1,536 MB is the fastest of them". */
  preferredAdjective: string;
}

/** The strategy table (see the module comment for the reasons). */
const STRATEGY_TABLE: Readonly<Record<Strategy, StrategyRule>> = Object.freeze({
  cost: {
    metric: 'cost',
    tieBreak: ['metric', 'duration', 'memory'],
    withinTie: 'duration',
    significance: 'cost',
    tiedVerb: 'cost the same',
    preferredAdjective: 'the fastest',
  },
  speed: {
    metric: 'duration',
    tieBreak: ['metric', 'cost', 'memory'],
    withinTie: 'cost',
    significance: 'duration',
    tiedVerb: 'run equally fast',
    preferredAdjective: 'the cheapest',
  },
  balanced: {
    metric: 'balanced',
    tieBreak: ['metric', 'memory'],
    withinTie: 'memory',
    significance: 'balanced',
    tiedVerb: 'balance cost and speed the same',
    preferredAdjective: 'the smallest',
  },
});

/** Indifference band defaults and limits, in percent of the best mean. */
const INDIFFERENCE_BAND = { defaultPercent: 2, minPercent: 0, maxPercent: 25 } as const;

/** A mean with its 95% interval. */
interface MetricInterval {
  mean: number;
  low: number;
  high: number;
}

/** One size as the strategies see it: means of cost and duration, and the strategy's metric with its interval. */
interface StrategyPoint {
  power: number;
  /** Mean cost of one invocation. */
  cost: number;
  /** Mean duration (ms). */
  duration: number;
  /** The strategy's metric (cost, duration or balanced score) with its 95% interval. */
  metric: MetricInterval;
}

const keyOf = (point: StrategyPoint, key: RankKey): number => {
  switch (key) {
    case 'metric':
      return point.metric.mean;
    case 'cost':
      return point.cost;
    case 'duration':
      return point.duration;
    default:
      return point.power;
  }
};

/**
 * The strategy's order: lower first on each `tieBreak` key in turn
 * (measured numbers compare with `compareNumbers`, memory exactly).
 *
 * @example
 * points.sort(compareForStrategy('cost'));
 */
const compareForStrategy =
  (strategy: Strategy) =>
  (a: StrategyPoint, b: StrategyPoint): number => {
    for (const key of STRATEGY_TABLE[strategy].tieBreak) {
      const order = key === 'memory' ? a.power - b.power : compareNumbers(keyOf(a, key), keyOf(b, key));
      if (order !== 0) return order;
    }
    return a.power - b.power;
  };

/**
 * True when `candidate` and `best` are statistically indistinguishable for
 * the strategy: their metric intervals overlap and their means differ by at
 * most `bandPercent` % of the best mean.
 *
 * @example
 * isTiedWithin({ candidate, best, bandPercent: 2 });
 */
const isTiedWithin = ({
  candidate,
  best,
  bandPercent,
}: {
  candidate: MetricInterval;
  best: MetricInterval;
  bandPercent: number;
}): boolean =>
  candidate.low <= best.high &&
  best.low <= candidate.high &&
  Math.abs(candidate.mean - best.mean) <= (bandPercent / PERCENT) * Math.abs(best.mean);

/** True when `winner`'s interval lies wholly below (better than) `other`'s. */
const isSeparated = (winner: MetricInterval, other: MetricInterval): boolean => winner.high < other.low;

/** The decision of a strategy over measured sizes. */
interface StrategyDecision<T extends StrategyPoint> {
  /** The best mean by the strategy's order. */
  best: T;
  /** The size recommended: the table's within-tie preference among `tied`. */
  winner: T;
  /** Every size tied with `best` (itself included), ascending by memory; one entry when nothing ties. */
  tied: T[];
  /** All points, best first. */
  ranking: T[];
  /** The best point that is not the winner. */
  runnerUp?: T;
}

/**
 * Ranks `points` by the strategy, finds the sizes tied with the best within
 * the indifference band, and picks the winner among them by the table's
 * `withinTie` key (then by the strategy's own order). Returns undefined for
 * no points.
 *
 * @example
 * decideStrategy({ points, strategy: 'cost', bandPercent: 2 })?.winner.power; // e.g. 1024
 */
const decideStrategy = <T extends StrategyPoint>({
  points,
  strategy,
  bandPercent,
}: {
  points: readonly T[];
  strategy: Strategy;
  bandPercent: number;
}): StrategyDecision<T> | undefined => {
  const compare = compareForStrategy(strategy);
  const ranking = [...points].sort(compare);
  const [best] = ranking;
  if (best === undefined) return undefined;
  const tied = ranking
    .filter((point) => point === best || isTiedWithin({ candidate: point.metric, best: best.metric, bandPercent }))
    .sort((a, b) => a.power - b.power);
  const { withinTie } = STRATEGY_TABLE[strategy];
  const winner = tied.reduce<T>((chosen, point) => {
    const order =
      withinTie === 'memory'
        ? point.power - chosen.power
        : compareNumbers(keyOf(point, withinTie), keyOf(chosen, withinTie));
    return order < 0 || (order === 0 && compare(point, chosen) < 0) ? point : chosen;
  }, best);
  const runnerUp = ranking.find((point) => point !== winner);
  return runnerUp === undefined ? { best, winner, tied, ranking } : { best, winner, tied, ranking, runnerUp };
};

/**
 * The tie band in words: "512–1,536 MB cost the same within 2%; 1,536 MB is
 * the fastest of them".
 *
 * @example
 * describeTieBand({ strategy: 'cost', bandPercent: 2, lowMB: 512, highMB: 1536, winner: 1536 });
 */
const describeTieBand = ({
  strategy,
  bandPercent,
  lowMB,
  highMB,
  winner,
}: {
  strategy: Strategy;
  bandPercent: number;
  lowMB: number;
  highMB: number;
  winner: number;
}): string => {
  const { tiedVerb, preferredAdjective } = STRATEGY_TABLE[strategy];
  return `${groupThousands(lowMB)}–${formatMemory(highMB)} ${tiedVerb} within ${bandPercent}%; ${formatMemory(winner)} is ${preferredAdjective} of them`;
};

export {
  compareForStrategy,
  decideStrategy,
  describeTieBand,
  INDIFFERENCE_BAND,
  isSeparated,
  isTiedWithin,
  STRATEGY_TABLE,
};
export type { MetricInterval, RankKey, StrategyDecision, StrategyMetric, StrategyPoint, StrategyRule };
