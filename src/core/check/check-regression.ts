/**
 * The CI gate: did a code change make the function slower or dearer at its
 * configured size, or move its sweet spot? Compares two results with their
 * statistics, not their raw averages.
 *
 * @module core/check/check-regression
 */
import { balancedScore } from '../strategies/select-optimal.js';
import { INDIFFERENCE_BAND, isTiedWithin, STRATEGY_TABLE } from '../strategies/strategy-table.js';
import { invocationCost } from '../pricing/invocation-cost.js';
import { getLambdaPrice } from '../pricing/price-catalog.js';
import { formatMemory } from '../format/format-numbers.js';
import type { PowerStats, TuningResult } from '../types.js';
import { IncomparableResultsError } from './errors.js';
import { PERCENT } from '../constants.js';

interface RegressionLimits {
  /** Allowed relative increase of the cost per invocation, e.g. 0.1 for 10% (default: `defaultLimitsFor`). */
  maxCostIncrease?: number;
  /** Allowed relative increase of the average duration (default: `defaultLimitsFor`). */
  maxDurationIncrease?: number;
  /** Fail when the recommended size moved significantly (default true). */
  failOnSweetSpotMove?: boolean;
}

interface RegressionFinding {
  kind: 'cost' | 'duration' | 'sweet-spot' | 'missing-size';
  message: string;
}

/** One figure compared between the two runs at one size. */
interface RegressionComparison {
  metric: 'cost' | 'duration';
  power: number;
  /** Baseline mean and its 95% interval (billed duration for cost, duration for duration, ms). */
  before: { mean: number; ci95: [number, number] };
  now: { mean: number; ci95: [number, number] };
  /** now / before − 1. */
  change: number;
  limit: number;
  /** True when the current interval lies wholly above the baseline's. */
  outsideIntervals: boolean;
  failed: boolean;
  /** Why it passed or failed, in words. */
  verdict: string;
}

/** What happened to the recommended size. */
interface SweetSpotVerdict {
  before: number;
  now: number;
  status: 'unchanged' | 'within-tie-band' | 'not-significant' | 'moved';
  message: string;
}

interface RegressionCheck {
  /** Memory size compared (MB). */
  power: number;
  /** Why that size: the function's configured memory, or the baseline's recommendation. */
  basis: 'configured' | 'recommended';
  costChange: number;
  durationChange: number;
  /** The limits applied, defaults filled in. */
  limits: Required<RegressionLimits>;
  comparisons: RegressionComparison[];
  sweetSpot: SweetSpotVerdict;
  findings: RegressionFinding[];
  passed: boolean;
  summary: string;
}

/**
 * Tolerances when the user gives none. On AWS, 10%. On the local emulator
 * 40%: its host is shared and its speed drifts between runs far more than
 * within one (six unchanged `prime-sieve` runs moved one size's cost by up to
 * 28% with intervals apart), while a real regression — a function made 2x
 * slower — is +100% and still fails.
 *
 * @example
 * defaultLimitsFor(result).maxCostIncrease; // 0.1 on AWS
 */
const defaultLimitsFor = (result: TuningResult): { maxCostIncrease: number; maxDurationIncrease: number } => {
  const local = result.run.backend.startsWith('emulator');
  const limit = local ? 0.4 : 0.1;
  return { maxCostIncrease: limit, maxDurationIncrease: limit };
};

const okSize = (result: TuningResult, power: number): PowerStats | undefined =>
  result.sizes.find((s) => s.value === power && s.status === 'ok');

const percent = (ratio: number): string => `${(ratio * PERCENT).toFixed(1)}%`;
const signed = (ratio: number): string => `${ratio >= 0 ? '+' : '−'}${percent(Math.abs(ratio))}`;

/** Refuses results that measured different things: comparing them would say nothing about the code. */
const assertComparable = ({ current, baseline }: { current: TuningResult; baseline: TuningResult }): void => {
  const differences: string[] = [];
  const compare = (what: string, now: string, before: string): void => {
    if (now !== before) differences.push(`${what}: baseline "${before}", current "${now}"`);
  };
  compare('function', current.run.functionName, baseline.run.functionName);
  compare('region', current.run.region, baseline.run.region);
  compare('architecture', current.run.architecture, baseline.run.architecture);
  compare('strategy', current.run.strategy, baseline.run.strategy);
  if (differences.length > 0) throw new IncomparableResultsError({ differences });
};

/** A size's cost interval: its billed-duration interval priced as `analyze` prices it (the run's region, architecture and request charge). */
const costInterval = (result: TuningResult, size: PowerStats): [number, number] => {
  const price = getLambdaPrice({ region: result.run.region, architecture: result.run.architecture });
  const cost = (billedDurationMs: number): number =>
    invocationCost({
      billedDurationMs,
      memoryMB: size.value,
      price,
      includeRequestCharge: result.run.includeRequestCharge,
    });
  return [cost(size.billedDuration.ci95[0]), cost(size.billedDuration.ci95[1])];
};

/** One figure at one size: fails only when the rise is beyond the limit AND the intervals are apart. */
const compareFigure = ({
  metric,
  power,
  now,
  before,
  limit,
}: {
  metric: 'cost' | 'duration';
  power: number;
  now: { result: TuningResult; size: PowerStats };
  before: { result: TuningResult; size: PowerStats };
  limit: number;
}): RegressionComparison => {
  const mean = ({ size }: { size: PowerStats }): number =>
    metric === 'cost' ? size.averagePrice : size.averageDuration;
  // In the figure's own unit: cost intervals are priced (in the result's currency), duration intervals in ms.
  const ci = ({ result, size }: { result: TuningResult; size: PowerStats }): [number, number] =>
    metric === 'cost' ? costInterval(result, size) : size.duration.ci95;
  const change = mean(before) === 0 ? 0 : mean(now) / mean(before) - 1;
  const outsideIntervals = ci(now)[0] > ci(before)[1];
  const beyond = change > limit;
  const failed = beyond && outsideIntervals;
  const what = metric === 'cost' ? 'cost per invocation' : 'average duration';
  const where = `${what} at ${formatMemory(power)} ${signed(change)}`;
  let verdict: string;
  if (failed) verdict = `${where}: beyond the ${percent(limit)} limit and outside both runs' 95% intervals`;
  else if (beyond)
    verdict = `${where}: beyond the ${percent(limit)} limit, but the 95% intervals overlap (noise, not a change)`;
  else verdict = `${where}: within the ${percent(limit)} limit`;
  return {
    metric,
    power,
    before: { mean: mean(before), ci95: ci(before) },
    now: { mean: mean(now), ci95: ci(now) },
    change,
    limit,
    outsideIntervals,
    failed,
    verdict,
  };
};

/** The strategy's metric at `power` in `result`, with its 95% interval (as `analyze` computes it). */
const metricAt = (result: TuningResult, power: number): { mean: number; low: number; high: number } | undefined => {
  const size = okSize(result, power);
  if (size === undefined) return undefined;
  const costCi = costInterval(result, size);
  const widen = (mean: number, low: number, high: number): { mean: number; low: number; high: number } => ({
    mean,
    low: Math.min(low, mean),
    high: Math.max(high, mean),
  });
  const { metric } = STRATEGY_TABLE[result.run.strategy];
  if (metric === 'cost') return widen(size.averagePrice, costCi[0], costCi[1]);
  if (metric === 'duration') return widen(size.averageDuration, size.duration.ci95[0], size.duration.ci95[1]);
  const ok = result.sizes.filter((s) => s.status === 'ok' && s.averageDuration > 0);
  const maxCost = Math.max(...ok.map((s) => s.averagePrice));
  const maxDuration = Math.max(...ok.map((s) => s.averageDuration));
  const score = (c: number, d: number): number =>
    balancedScore({
      cost: c,
      duration: d,
      maxCost,
      maxDuration,
      balancedWeight: Math.min(Math.max(result.run.balancedWeight, 0), 1),
    });
  return widen(
    score(size.averagePrice, size.averageDuration),
    score(costCi[0], size.duration.ci95[0]),
    score(costCi[1], size.duration.ci95[1]),
  );
};

/**
 * Did the sweet spot move? Not when it stayed, not when the new size was in
 * the old tie band (or the old in the new), and not when the current run
 * cannot tell the two apart: the old size must be worse than the new one
 * by more than the limit with intervals apart, judged on the strategy's
 * metric in the current run.
 */
const judgeSweetSpot = ({
  current,
  baseline,
  limits,
}: {
  current: TuningResult;
  baseline: TuningResult;
  limits: Required<RegressionLimits>;
}): SweetSpotVerdict => {
  const before = baseline.power;
  const now = current.power;
  const from = `from ${formatMemory(before)} to ${formatMemory(now)}`;
  const strategy = `${current.run.strategy} strategy`;
  if (before === now)
    return { before, now, status: 'unchanged', message: `sweet spot unchanged at ${formatMemory(now)}` };
  const inBand = (result: TuningResult, power: number): boolean =>
    result.recommendation.tiedWith?.includes(power) ?? false;
  const band = current.recommendation.tieBand?.percent ?? baseline.recommendation.tieBand?.percent;
  if (inBand(current, before) || inBand(baseline, now)) {
    return {
      before,
      now,
      status: 'within-tie-band',
      message: `sweet spot moved ${from} inside the tie band${band === undefined ? '' : ` (${band}%)`} of the ${strategy}: not a move`,
    };
  }
  const limit =
    STRATEGY_TABLE[current.run.strategy].metric === 'duration' ? limits.maxDurationIncrease : limits.maxCostIncrease;
  const old = metricAt(current, before);
  const chosen = metricAt(current, now);
  if (old !== undefined && chosen !== undefined) {
    const worse = chosen.mean === 0 ? 0 : old.mean / chosen.mean - 1;
    const apart = old.low > chosen.high;
    if (isTiedWithin({ candidate: old, best: chosen, bandPercent: band ?? INDIFFERENCE_BAND.defaultPercent })) {
      return {
        before,
        now,
        status: 'within-tie-band',
        message: `sweet spot moved ${from}, but the two are tied in this run: not a move`,
      };
    }
    if (!(apart && worse > limit)) {
      const why = apart ? `within the ${percent(limit)} limit` : 'the 95% intervals overlap';
      return {
        before,
        now,
        status: 'not-significant',
        message: `sweet spot moved ${from}, but in this run ${formatMemory(before)} is only ${worse >= 0 ? `${percent(worse)} worse` : `${percent(-worse)} better`} on the ${strategy}'s metric (${why}): not a move`,
      };
    }
    return {
      before,
      now,
      status: 'moved',
      message: `the recommended size moved ${from} (${strategy}): in this run ${formatMemory(before)} is ${percent(worse)} worse, beyond the ${percent(limit)} limit and outside the 95% intervals`,
    };
  }
  return {
    before,
    now,
    status: 'moved',
    message: `the recommended size moved ${from} (${strategy}); ${formatMemory(before)} was not measured successfully in the current run, so the move cannot be judged`,
  };
};

/**
 * Compares `current` against `baseline` with statistics. At the configured
 * size (else the baseline's recommendation) the cost per invocation and the
 * average duration fail only when they rose beyond the limit AND the current
 * 95% interval lies wholly above the baseline's — a wobble whose intervals
 * overlap is noise. The sweet spot fails only when it moved significantly
 * (see `judgeSweetSpot`); a move inside a tie band is not a move. Limits
 * default to `defaultLimitsFor(baseline)`.
 *
 * @throws {IncomparableResultsError} when the results are of different functions, regions, architectures or strategies
 * @example
 * const check = checkRegression({ current, baseline, limits: { maxCostIncrease: 0.1, maxDurationIncrease: 0.1 } });
 * if (!check.passed) console.error(check.summary);
 */
const checkRegression = ({
  current,
  baseline,
  limits: given = {},
}: {
  current: TuningResult;
  baseline: TuningResult;
  limits?: RegressionLimits;
}): RegressionCheck => {
  assertComparable({ current, baseline });
  const defaults = defaultLimitsFor(baseline);
  const limits: Required<RegressionLimits> = {
    maxCostIncrease: given.maxCostIncrease ?? defaults.maxCostIncrease,
    maxDurationIncrease: given.maxDurationIncrease ?? defaults.maxDurationIncrease,
    failOnSweetSpotMove: given.failOnSweetSpotMove ?? true,
  };
  const configured = current.run.originalMemoryMB ?? baseline.run.originalMemoryMB;
  const useConfigured =
    configured !== undefined && okSize(current, configured) !== undefined && okSize(baseline, configured) !== undefined;
  const power = useConfigured && configured !== undefined ? configured : baseline.power;
  const basis = useConfigured ? 'configured' : 'recommended';
  const findings: RegressionFinding[] = [];
  const comparisons: RegressionComparison[] = [];
  const now = okSize(current, power);
  const before = okSize(baseline, power);
  if (now === undefined || before === undefined) {
    findings.push({
      kind: 'missing-size',
      message: `${formatMemory(power)} was not measured successfully in ${now === undefined ? 'the current result' : 'the baseline'}; measure the same sizes in both runs`,
    });
  } else {
    comparisons.push(
      compareFigure({
        metric: 'cost',
        power,
        now: { result: current, size: now },
        before: { result: baseline, size: before },
        limit: limits.maxCostIncrease,
      }),
      compareFigure({
        metric: 'duration',
        power,
        now: { result: current, size: now },
        before: { result: baseline, size: before },
        limit: limits.maxDurationIncrease,
      }),
    );
    for (const comparison of comparisons)
      if (comparison.failed) findings.push({ kind: comparison.metric, message: comparison.verdict });
  }
  const sweetSpot = judgeSweetSpot({ current, baseline, limits });
  if (sweetSpot.status === 'moved' && limits.failOnSweetSpotMove)
    findings.push({ kind: 'sweet-spot', message: sweetSpot.message });
  const passed = findings.length === 0;
  const where = `${formatMemory(power)} (${basis === 'configured' ? 'the configured size' : "the baseline's recommended size"})`;
  const sweetSpotLine =
    sweetSpot.status === 'moved' && !limits.failOnSweetSpotMove
      ? `${sweetSpot.message} (allowed by --allow-sweet-spot-move)`
      : sweetSpot.message;
  const failedLine = (message: string): boolean => findings.some((finding) => finding.message === message);
  const lines = [
    ...findings.filter((finding) => finding.kind === 'missing-size').map((finding) => finding.message),
    ...comparisons.map((c) => c.verdict),
    sweetSpotLine,
  ].map(
    (line) =>
      `  ${failedLine(line) ? '✗' : line === sweetSpotLine && sweetSpot.status === 'moved' ? '!' : '✓'} ${line}`,
  );
  const limitsLine = `limits: cost +${percent(limits.maxCostIncrease)}, duration +${percent(limits.maxDurationIncrease)}; a rise fails only beyond its limit and outside both runs' 95% intervals`;
  const summary = `check ${passed ? 'passed' : 'failed'} at ${where}, ${limitsLine}:\n${lines.join('\n')}`;
  const costChange = comparisons.find((c) => c.metric === 'cost')?.change ?? 0;
  const durationChange = comparisons.find((c) => c.metric === 'duration')?.change ?? 0;
  return { power, basis, costChange, durationChange, limits, comparisons, sweetSpot, findings, passed, summary };
};

export { checkRegression, defaultLimitsFor };
export type { RegressionCheck, RegressionComparison, RegressionFinding, RegressionLimits, SweetSpotVerdict };
