/**
 * The one home of the strategies: what each minimises, how it orders sizes
 * that measure exactly alike, which size it prefers among sizes that are
 * statistically tied, and which interval decides significance. Every place
 * that ranks sizes — the fixed list (`analyze` via `selectOptimal`), the
 * adaptive search (`estimate-sizes`, `recommend-from-observations`, the
 * planner) and `check` — reads this table through the functions below.
 *
 * **Ties are results.** A size is tied with the best for a strategy when
 * the measurement cannot tell it apart from the best by more than the
 * indifference band (default 2% of the best mean): its 95% interval of the
 * strategy's metric overlaps the best's, or lies above it by at most the
 * band (`cannotBeToldApart`). The sizes tied with the best form the tie
 * band; the recommendation is the size inside it that the table's
 * `withinTie` key prefers:
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
 * Why "cannot be told apart" and not "means within the band": on a shared
 * host the run-to-run drift of one size's mean is larger than 2%, so a band
 * on the means alone turned the same flat curve into a different cheapest
 * size run after run (256, 512 or 1,024 MB for `prime-sieve`). The sizes the
 * data cannot separate are the stable answer; more invocations narrow the
 * intervals and the band with them.
 *
 * The adaptive search ties by a stricter rule (`isTiedWithin`, tie rule
 * `settled`): a contender is settled as tied when its interval overlaps the
 * best's *and* its mean lies within the band (an indifference-zone rule).
 * The search stops on it, so a flat curve does not make it race sizes whose
 * difference would not change the answer, and a noisy one makes it measure
 * until the difference is known; its recommendation uses the same rule.
 * With "cannot be told apart" a size the search measured only a few times
 * (a wide interval) would join the band and could win it: a regret of up to
 * 15% on the simulated patterns. A fixed list measures every size alike and
 * cannot measure more, so what it cannot separate is its honest answer.
 *
 * A band of 0 turns ties off under both rules: the best mean wins, as in the
 * reference tool.
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
  /** What a tie band is about: "512–1,536 MB cannot be told apart on cost". */
  tiedOn: string;
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
    tiedOn: 'cost',
    preferredAdjective: 'the fastest',
  },
  speed: {
    metric: 'duration',
    tieBreak: ['metric', 'cost', 'memory'],
    withinTie: 'cost',
    significance: 'duration',
    tiedOn: 'speed',
    preferredAdjective: 'the cheapest',
  },
  balanced: {
    metric: 'balanced',
    tieBreak: ['metric', 'memory'],
    withinTie: 'memory',
    significance: 'balanced',
    tiedOn: 'the balanced score',
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
 * True when `candidate` is settled as equal to `best` for the strategy:
 * their metric intervals overlap *and* their means differ by at most
 * `bandPercent` % of the best mean — the search's stopping rule, stricter
 * than the recommendation's tie rule (`cannotBeToldApart`).
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

/**
 * True when the measurement cannot tell `candidate` apart from `best` by
 * more than the band: the intervals overlap, or `candidate`'s lies above
 * `best`'s by at most `bandPercent` % of the best mean. The tie rule of a
 * recommendation (see the module comment).
 *
 * @example
 * cannotBeToldApart({ candidate: { mean: 108, low: 98, high: 118 }, best: { mean: 100, low: 92, high: 108 }, bandPercent: 2 }); // true
 * cannotBeToldApart({ candidate: { mean: 170, low: 160, high: 180 }, best: { mean: 100, low: 92, high: 108 }, bandPercent: 2 }); // false
 */
const cannotBeToldApart = ({
  candidate,
  best,
  bandPercent,
}: {
  candidate: MetricInterval;
  best: MetricInterval;
  bandPercent: number;
}): boolean =>
  Math.max(candidate.low - best.high, best.low - candidate.high) <= (bandPercent / PERCENT) * Math.abs(best.mean);

/** True when `winner`'s interval lies wholly below (better than) `other`'s. */
const isSeparated = (winner: MetricInterval, other: MetricInterval): boolean => winner.high < other.low;

/**
 * Which sizes tie with the best: `cannot-tell-apart` (the recommendation of
 * a fixed list, which cannot measure more) or `settled` (the adaptive
 * search, which keeps measuring until a contender is settled; see the
 * module comment).
 */
type TieRule = 'cannot-tell-apart' | 'settled';

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
 * Ranks `points` by the strategy, finds the sizes tied with the best
 * (`cannotBeToldApart` within the indifference band), and picks the winner among them by the table's
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
  tieRule = 'cannot-tell-apart',
}: {
  points: readonly T[];
  strategy: Strategy;
  bandPercent: number;
  tieRule?: TieRule;
}): StrategyDecision<T> | undefined => {
  const compare = compareForStrategy(strategy);
  const ranking = [...points].sort(compare);
  const [best] = ranking;
  if (best === undefined) return undefined;
  // A band of 0 turns ties off: only exactly equal means tie, and the best mean wins (the reference's rule).
  const isTied = tieRule === 'settled' || bandPercent === 0 ? isTiedWithin : cannotBeToldApart;
  const tied = ranking
    .filter((point) => point === best || isTied({ candidate: point.metric, best: best.metric, bandPercent }))
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
 * The tie band in words: "512–1,536 MB cannot be told apart on cost (95%
 * intervals, 2% band); 1,536 MB is the fastest of them".
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
  const { tiedOn, preferredAdjective } = STRATEGY_TABLE[strategy];
  return `${groupThousands(lowMB)}–${formatMemory(highMB)} cannot be told apart on ${tiedOn} (${tieBandBasis(bandPercent)}); ${formatMemory(winner)} is ${preferredAdjective} of them`;
};

/**
 * The tie band as a report line: "Tie band 128–1,536 MB: 128 MB, 256 MB and
 * 1,024 MB cannot be told apart from 1,536 MB on cost (95% intervals, 2%
 * band)." — the terminal, HTML and Markdown reports print it as is.
 *
 * @example
 * describeTieBandLine({ strategy: 'cost', power: 1536, tiedWith: [128, 1024], band: { percent: 2, lowMB: 128, highMB: 1536 } });
 */
const describeTieBandLine = ({
  strategy,
  power,
  tiedWith,
  band,
}: {
  strategy: Strategy;
  power: number;
  tiedWith: readonly number[];
  band: { percent: number; lowMB: number; highMB: number };
}): string => {
  const sizes = tiedWith.map((size) => formatMemory(size));
  const listed = sizes.length > 1 ? `${sizes.slice(0, -1).join(', ')} and ${sizes.at(-1) ?? ''}` : (sizes[0] ?? '');
  return `Tie band ${groupThousands(band.lowMB)}–${formatMemory(band.highMB)}: ${listed} cannot be told apart from ${formatMemory(power)} on ${STRATEGY_TABLE[strategy].tiedOn} (${tieBandBasis(band.percent)}).`;
};

/**
 * What a tie rests on, for legends: "95% intervals, 2% band".
 *
 * @example
 * tieBandBasis(2); // '95% intervals, 2% band'
 */
const tieBandBasis = (percent: number): string => `95% intervals, ${percent}% band`;

export {
  cannotBeToldApart,
  describeTieBandLine,
  tieBandBasis,
  compareForStrategy,
  decideStrategy,
  describeTieBand,
  INDIFFERENCE_BAND,
  isSeparated,
  isTiedWithin,
  STRATEGY_TABLE,
};
export type { MetricInterval, RankKey, TieRule, StrategyDecision, StrategyMetric, StrategyPoint, StrategyRule };
