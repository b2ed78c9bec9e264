/**
 * Analysis: measured invocations → the tuning result (statistics per size,
 * costs, recommendation, reference-compatible output).
 *
 * @module core/analysis/analyze
 */
import { DEFAULT_COLD_START_RATE, INVOCATIONS_PER_MILLION, MEMORY_WARNING_RATIO, PERCENT } from '../constants.js';
import { AllSizesFailedError, NoViableSizeError } from '../errors.js';
import { invocationCost } from '../pricing/invocation-cost.js';
import { stepFunctionsCost } from '../pricing/price-catalog.js';
import type { LambdaPrice } from '../pricing/types.js';
import { balancedScore } from '../strategies/select-optimal.js';
import {
  decideStrategy,
  describeTieBand,
  INDIFFERENCE_BAND,
  isSeparated,
  STRATEGY_TABLE,
} from '../strategies/strategy-table.js';
import type { MetricInterval, StrategyPoint } from '../strategies/strategy-table.js';
import { summarize } from '../statistics/summarize.js';
import type {
  Architecture,
  InvocationSample,
  PowerStats,
  Recommendation,
  RunFacts,
  TuningInput,
  TuningResult,
} from '../types.js';
import { buildVisualizationUrl } from '../visualization/visualization-url.js';
import { classifyPattern } from '../explain/classify-pattern.js';
import { LOOSE_MATCH_CONFIDENCE } from '../explain/constants.js';
import { explainRecommendation } from '../explain/explain-recommendation.js';
import { describeNoEligibleSize, filterByConstraints } from '../search/apply-constraints.js';
import { describeMonthlySaving, monthlyBill } from './monthly-bill.js';
import { recommendationSentence } from './recommendation-sentence.js';

/** Run facts the caller knows; the rest come from the input and the price. */
type AnalyzeFacts = Omit<
  RunFacts,
  'currency' | 'strategy' | 'balancedWeight' | 'num' | 'parallelInvocation' | 'onlyColdStarts' | 'includeRequestCharge'
>;

/** Options of `analyze`. */
interface AnalyzeOptions {
  /** Every counted sample of every size (warm-up invocations excluded). */
  samples: readonly InvocationSample[];
  input: TuningInput;
  price: LambdaPrice;
  /** Defaults to `facts.architecture`. */
  architecture?: Architecture;
  /** Defaults to `facts.region`; decides the visualization's currency. */
  region?: string;
  facts: AnalyzeFacts;
  visualizationBaseUrl?: string;
  /** State transitions of a Step Functions run (0 cost when absent). */
  stepFunctionsTransitions?: number;
  /** Include every counted sample (without `output`) in the result. Default true. */
  includeSamples?: boolean;
  /** Init Duration (ms) of the uncounted warm-up cold starts, by memory size: prices INIT in the monthly bill when no counted sample was a cold start. */
  warmupInitDurationsMs?: Readonly<Record<number, readonly number[]>>;
}

/** Confidence intervals kept next to a size's stats for the significance check. */
interface Intervals {
  cost: [number, number];
  duration: [number, number];
}

const OUT_OF_MEMORY_TYPE = 'Runtime.OutOfMemory';
const EXIT_ERROR_TYPE = 'Runtime.ExitError';
const KILLED_SIGNAL = /signal: killed/i;
const OUT_OF_MEMORY_MESSAGE = /out of memory/i;
const TIMEOUT_STATUS = 'timeout';
const ERROR_STATUS = 'error';

const totalDuration = (sample: InvocationSample): number =>
  (sample.report?.durationMs ?? 0) + (sample.report?.initDurationMs ?? 0) + (sample.report?.restoreDurationMs ?? 0);

const billedDuration = (sample: InvocationSample): number =>
  (sample.report?.billedDurationMs ?? 0) + (sample.report?.billedRestoreDurationMs ?? 0);

/** Cold when the tuner says so or the REPORT carries init or restore time (defensive: both should agree). */
const isCold = (sample: InvocationSample): boolean =>
  sample.coldStart || sample.report?.initDurationMs !== undefined || sample.report?.restoreDurationMs !== undefined;

/** The function error of a sample, including a timeout or crash seen only in the REPORT status. */
const effectiveError = (sample: InvocationSample): { type: string; message: string } | undefined => {
  if (sample.error) return sample.error;
  const status = sample.report?.status;
  if (status === TIMEOUT_STATUS) {
    return { type: 'Sandbox.Timedout', message: `the invocation timed out after ${sample.report?.durationMs ?? 0} ms` };
  }
  if (status === ERROR_STATUS) return { type: 'Runtime.Error', message: 'the REPORT record has status "error"' };
  return undefined;
};

const isOutOfMemory = ({ type, message }: { type: string; message: string }): boolean =>
  type === OUT_OF_MEMORY_TYPE ||
  OUT_OF_MEMORY_MESSAGE.test(message) ||
  (type === EXIT_ERROR_TYPE && KILLED_SIGNAL.test(message));

const memoryWarningOf = ({
  value,
  maxUsed,
  errors,
}: {
  value: number;
  maxUsed: number | undefined;
  errors: Array<{ type: string; message: string }>;
}): string | undefined => {
  const oom = errors.find(isOutOfMemory);
  if (oom) return `ran out of memory at ${value} MB (${oom.type}); use a larger size`;
  if (maxUsed !== undefined && maxUsed >= value * MEMORY_WARNING_RATIO) {
    return `max memory used ${maxUsed} MB is ${Math.round((maxUsed / value) * PERCENT)}% of ${value} MB; it may run out of memory at this size`;
  }
  return undefined;
};

const sizeStats = ({
  value,
  samples,
  input,
  price,
}: {
  value: number;
  samples: readonly InvocationSample[];
  input: TuningInput;
  price: LambdaPrice;
}): { stats: PowerStats; intervals: Intervals } => {
  const { discardTopBottom, includeRequestCharge, onlyColdStarts, allowedExceptions } = input;
  const reported = samples.filter((sample) => sample.report !== undefined);
  const errors = samples.map(effectiveError).filter((error) => error !== undefined);
  const fatal = samples.find((sample) => {
    const error = effectiveError(sample);
    return error !== undefined && !(sample.allowedError ?? allowedExceptions.includes(error.type));
  });
  const notes: string[] = [];

  // Warm statistics: cold starts are reported apart unless onlyColdStarts asks for them.
  // When every sample was cold (tiny num, no warm-up) they are used anyway, with a note.
  let used = onlyColdStarts ? reported : reported.filter((sample) => !isCold(sample));
  if (used.length === 0 && reported.length > 0) {
    used = reported;
    notes.push('every measured invocation was a cold start, so the averages include initialization time');
  }
  const totals = used.map(totalDuration);
  const billed = used.map(billedDuration);
  const cost = (billedDurationMs: number): number =>
    invocationCost({ billedDurationMs, memoryMB: value, price, includeRequestCharge });
  const summaryOptions = { discardTopBottom };
  const billedStats = summarize(billed, summaryOptions);
  const totalStats = summarize(totals, summaryOptions);
  const averagePrice = used.length === 0 ? 0 : cost(billedStats.trimmedMean);
  const cold = samples.filter(isCold);
  const inits = cold.flatMap((sample) =>
    sample.report?.initDurationMs === undefined ? [] : [sample.report.initDurationMs],
  );
  const maxUsedValues = reported.flatMap((sample) =>
    sample.report?.maxMemoryUsedMB === undefined ? [] : [sample.report.maxMemoryUsedMB],
  );
  const maxMemoryUsedMB = maxUsedValues.length > 0 ? Math.max(...maxUsedValues) : undefined;
  const errorCounts: Record<string, number> = {};
  for (const error of errors) errorCounts[error.type] = (errorCounts[error.type] ?? 0) + 1;

  const stats: PowerStats = {
    value,
    status: fatal === undefined && reported.length > 0 ? 'ok' : 'failed',
    invocations: reported.length,
    averagePrice,
    averageDuration: totalStats.trimmedMean,
    totalCost: reported.reduce((sum, sample) => sum + cost(billedDuration(sample)), 0),
    costPerMillion: averagePrice * INVOCATIONS_PER_MILLION,
    duration: summarize(
      used.map((sample) => sample.report?.durationMs ?? 0),
      summaryOptions,
    ),
    billedDuration: billedStats,
    coldStarts:
      inits.length > 0
        ? { count: cold.length, initDuration: summarize(inits, summaryOptions) }
        : { count: cold.length },
    errors: errorCounts,
    retries: samples.reduce((sum, sample) => sum + (sample.retries ?? 0), 0),
    throttles: samples.reduce((sum, sample) => sum + (sample.throttles ?? 0), 0),
  };
  if (fatal !== undefined) {
    const error = effectiveError(fatal);
    stats.failureReason = error === undefined ? 'unknown error' : `${error.type}: ${error.message}`;
  } else if (reported.length === 0) {
    stats.failureReason =
      samples.length === 0
        ? 'no invocation was measured'
        : `no REPORT record could be read from any invocation's log tail (${samples[0]?.parseError ?? 'no REPORT line found'})`;
  }
  if (maxMemoryUsedMB !== undefined) stats.maxMemoryUsedMB = maxMemoryUsedMB;
  const memoryWarning = memoryWarningOf({ value, maxUsed: maxMemoryUsedMB, errors });
  if (memoryWarning !== undefined) stats.memoryWarning = memoryWarning;
  if (notes.length > 0) stats.note = notes.join('; ');
  return {
    stats,
    intervals: { cost: [cost(billedStats.ci95[0]), cost(billedStats.ci95[1])], duration: totalStats.ci95 },
  };
};

/**
 * The sizes as the strategy table sees them: means, and the strategy's
 * metric with its 95% interval (the intervals of the trimmed billed duration,
 * priced, for cost; of total duration for speed; the balanced score at the
 * intervals' ends for balanced, normalised like the reference's score).
 */
const strategyPoints = ({
  viable,
  input,
  intervals,
}: {
  viable: readonly PowerStats[];
  input: TuningInput;
  intervals: Map<number, Intervals>;
}): Array<StrategyPoint & { size: PowerStats }> => {
  const maxCost = Math.max(...viable.map((size) => size.averagePrice));
  const maxDuration = Math.max(...viable.map((size) => size.averageDuration));
  const weight = Math.min(Math.max(input.balancedWeight, 0), 1);
  const { metric } = STRATEGY_TABLE[input.strategy];
  return viable.map((size) => {
    const ci = intervals.get(size.value) ?? {
      cost: [size.averagePrice, size.averagePrice],
      duration: [size.averageDuration, size.averageDuration],
    };
    const score = (cost: number, duration: number): number =>
      balancedScore({ cost, duration, maxCost, maxDuration, balancedWeight: weight });
    let interval: MetricInterval;
    if (metric === 'cost') interval = { mean: size.averagePrice, low: ci.cost[0], high: ci.cost[1] };
    else if (metric === 'duration')
      interval = { mean: size.averageDuration, low: ci.duration[0], high: ci.duration[1] };
    else {
      interval = {
        mean: score(size.averagePrice, size.averageDuration),
        low: score(ci.cost[0], ci.duration[0]),
        high: score(ci.cost[1], ci.duration[1]),
      };
    }
    // The interval must hold the figure the result reports beside it: a balanced score computed at the
    // intervals' ends need not, so widen it to hold the mean.
    interval = {
      ...interval,
      low: Math.min(interval.low, interval.mean),
      high: Math.max(interval.high, interval.mean),
    };
    return { size, power: size.value, cost: size.averagePrice, duration: size.averageDuration, metric: interval };
  });
};

/**
 * Turns the counted samples of a run into its `TuningResult`.
 *
 * Per size: `failed` when any sample has a function error not listed in
 * `allowedExceptions` (or a REPORT status of timeout/error), or no sample has
 * a REPORT; else `ok`. Warm statistics use samples without a cold start
 * (all samples with `onlyColdStarts`; if every sample was cold they are used
 * anyway and `note` says so). `averageDuration` is the trimmed mean of total
 * duration (duration + init + restore) and `averagePrice` the cost at the
 * trimmed-mean billed duration, trimmed independently like the reference.
 * `totalCost` sums the exact cost of every sample with a REPORT, cold ones
 * included. Failed sizes are shown but never recommended; `lambdaCost` sums
 * every size's `totalCost`, failed ones too (they were paid for).
 *
 * Issue-6 extensions: with `input.constraints` the strategy picks among the
 * sizes that meet them (`filterByConstraints`); when none does, `power`
 * stays the strategy's best overall but `recommendation.constraints.satisfied`
 * is false and the sentence says why, size by size. With
 * `input.invocationsPerMonth` every ok size gets its tiered `monthly` bill
 * and the sentence the saving versus `facts.originalMemoryMB`. Every result
 * gets the curve's `pattern` and, when a size qualifies, an `explanation`.
 *
 * @throws {AllSizesFailedError} when no size completed
 * @example
 * const result = analyze({ samples, input, price, facts });
 * result.recommendation.sentence; // '1536 MB: 14.2x faster and 13.9% cheaper than 128 MB'
 */
const analyze = ({
  samples,
  input,
  price,
  architecture,
  region,
  facts,
  visualizationBaseUrl,
  stepFunctionsTransitions,
  includeSamples = true,
  warmupInitDurationsMs = {},
}: AnalyzeOptions): TuningResult => {
  const runRegion = region ?? facts.region;
  const values = [...new Set([...input.powerValues, ...samples.map((sample) => sample.power)])].sort((a, b) => a - b);
  const intervals = new Map<number, Intervals>();
  const sizes = values.map((value) => {
    const { stats, intervals: ci } = sizeStats({
      value,
      samples: samples.filter((sample) => sample.power === value),
      input,
      price,
    });
    intervals.set(value, ci);
    return stats;
  });
  const ok = sizes.filter((size) => size.status === 'ok');
  if (ok.length === 0) {
    throw new AllSizesFailedError({
      reasons: sizes.map((size) => ({ power: size.value, reason: size.failureReason ?? 'failed' })),
    });
  }
  const coldStartRate = input.coldStartRate ?? DEFAULT_COLD_START_RATE;
  if (input.invocationsPerMonth !== undefined) {
    for (const size of ok) {
      // INIT as measured at this size: its counted cold starts, else its warm-up's.
      const warmupInits = warmupInitDurationsMs[size.value] ?? [];
      const initDurationMs =
        size.coldStarts.initDuration?.mean ??
        (warmupInits.length > 0 ? warmupInits.reduce((a, b) => a + b, 0) / warmupInits.length : undefined);
      size.monthly = monthlyBill({
        size,
        invocationsPerMonth: input.invocationsPerMonth,
        price,
        freeTier: input.freeTier ?? false,
        includeRequestCharge: input.includeRequestCharge,
        initDurationMs,
        coldStartRate,
      });
    }
  }
  // Constraints: the strategy picks among the sizes that meet them. When none
  // does, the strategy's best overall stays in `power` (the output keeps its
  // shape) but the sentence says that nothing qualifies, and why.
  const { eligible, rejected } =
    input.constraints === undefined
      ? { eligible: ok, rejected: [] }
      : filterByConstraints({ sizes, constraints: input.constraints, currency: price.currency });
  const satisfied = eligible.some((size) => size.averageDuration > 0);
  // The strategy table decides: rank, find the sizes tied with the best within
  // the indifference band, pick inside the band. With no size meeting the
  // constraints the ranking still fills `power`, but nothing is tied or recommended.
  const candidates = (satisfied ? eligible : sizes).filter((size) => size.status === 'ok' && size.averageDuration > 0);
  const bandPercent = input.indifferenceBand ?? INDIFFERENCE_BAND.defaultPercent;
  // A search (`--power auto`, `--num auto`) measured until each size was settled: it ties by the
  // settled rule it stopped on; a fixed list by what its intervals cannot tell apart (strategy table).
  const decision = decideStrategy({
    points: strategyPoints({ viable: candidates, input, intervals }),
    strategy: input.strategy,
    bandPercent: satisfied ? bandPercent : 0,
    tieRule: input.search === undefined ? 'cannot-tell-apart' : 'settled',
  });
  if (decision === undefined) throw new NoViableSizeError({ candidates: sizes.map((size) => size.value) });
  const winner = decision.winner.size;
  const runnerUp = decision.runnerUp?.size;
  const [baseline = winner] = ok;
  const tiedWith = decision.tied.filter((point) => point !== decision.winner).map((point) => point.power);
  const lowMB = decision.tied[0]?.power ?? winner.value;
  const highMB = decision.tied.at(-1)?.power ?? winner.value;
  const recommendation: Recommendation = {
    power: winner.value,
    strategy: input.strategy,
    sentence: satisfied
      ? recommendationSentence({
          winner,
          baseline,
          ...(runnerUp === undefined ? {} : { runnerUp }),
          strategy: input.strategy,
          completed: decision.ranking.length,
        })
      : describeNoEligibleSize({ rejected }),
  };
  if (satisfied && tiedWith.length > 0) {
    recommendation.tiedWith = tiedWith;
    recommendation.tieBand = { percent: bandPercent, lowMB, highMB, metric: STRATEGY_TABLE[input.strategy].metric };
    recommendation.sentence += ` (${describeTieBand({ strategy: input.strategy, bandPercent, lowMB, highMB, winner: winner.value })})`;
  }
  if (decision.runnerUp !== undefined && runnerUp !== undefined) {
    recommendation.runnerUp = runnerUp.value;
    recommendation.significant = isSeparated(decision.winner.metric, decision.runnerUp.metric);
  }
  if (input.constraints !== undefined) recommendation.constraints = { ...input.constraints, satisfied, rejected };
  if (input.invocationsPerMonth !== undefined && winner.monthly !== undefined) {
    const current = ok.find((size) => size.value === facts.originalMemoryMB)?.monthly;
    recommendation.monthly = {
      invocationsPerMonth: input.invocationsPerMonth,
      recommended: winner.monthly.total,
      ...(facts.originalMemoryMB === undefined ? {} : { currentMemoryMB: facts.originalMemoryMB }),
      ...(current === undefined ? {} : { current: current.total, saving: current.total - winner.monthly.total }),
      ...(winner.monthly.initCost === undefined
        ? {}
        : {
            coldStartRate,
            initCost: winner.monthly.initCost,
            warmCost: winner.monthly.total - winner.monthly.initCost,
          }),
    };
    if (satisfied) {
      recommendation.sentence += `; ${describeMonthlySaving({
        recommended: winner.monthly,
        recommendedMemoryMB: winner.value,
        ...(current === undefined ? {} : { current }),
        ...(facts.originalMemoryMB === undefined ? {} : { currentMemoryMB: facts.originalMemoryMB }),
        invocationsPerMonth: input.invocationsPerMonth,
        currency: price.currency,
        ...(winner.monthly.initCost === undefined ? {} : { coldStartRate }),
      })}`;
    }
  }
  const classification = classifyPattern(ok);
  // Below the confidence threshold the result claims no pattern (the explanation gives the best guess and why).
  recommendation.pattern = classification.confidence < LOOSE_MATCH_CONFIDENCE ? 'unknown' : classification.pattern;
  recommendation.patternConfidence = classification.confidence;
  if (satisfied) {
    recommendation.explanation = explainRecommendation({
      sizes: ok,
      winner: winner.value,
      pattern: classification,
      strategy: input.strategy,
      currency: price.currency,
    });
  }
  const points = ok.map(({ value, averageDuration, averagePrice }) => ({ value, averageDuration, averagePrice }));
  const result: TuningResult = {
    power: winner.value,
    cost: winner.averagePrice,
    duration: winner.averageDuration,
    stateMachine: {
      executionCost:
        stepFunctionsTransitions === undefined
          ? 0
          : stepFunctionsCost({ region: runRegion, transitions: stepFunctionsTransitions }),
      lambdaCost: sizes.reduce((sum, size) => sum + size.totalCost, 0),
      visualization: buildVisualizationUrl({
        points,
        region: runRegion,
        ...(visualizationBaseUrl === undefined ? {} : { baseUrl: visualizationBaseUrl }),
      }),
    },
    stats: points.map(({ value, averagePrice, averageDuration }) => ({ value, averagePrice, averageDuration })),
    recommendation,
    sizes,
    run: {
      ...facts,
      region: runRegion,
      architecture: architecture ?? facts.architecture,
      currency: price.currency,
      strategy: input.strategy,
      balancedWeight: input.balancedWeight,
      num: input.num,
      parallelInvocation: input.parallelInvocation,
      onlyColdStarts: input.onlyColdStarts,
      includeRequestCharge: input.includeRequestCharge,
    },
  };
  if (includeSamples) {
    result.samples = samples.map((sample) => {
      const copy = { ...sample };
      delete copy.output;
      return copy;
    });
  }
  return result;
};

export { analyze };
export type { AnalyzeFacts, AnalyzeOptions };
