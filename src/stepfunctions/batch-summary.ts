/**
 * Per-batch aggregation in the executor, so the Map's output stays far below
 * Step Functions' 256 KB state limit (46 sizes × 1,000 invocations fit).
 *
 * A batch's counted samples are split into
 * - successful (or allowed-error) warm and cold samples, kept as sorted series
 *   of total duration, billed duration and (cold) init duration — exact order
 *   statistics within 0.01 ms (see `sorted-series-codec.ts`);
 * - failed samples (a non-allowed function error, a timeout, a crash), kept
 *   whole: the tuner stops a size after its first failure, so they are few;
 * - unreadable logs, kept as a count and the first reason.
 *
 * `expandBatchSummaries` rebuilds `InvocationSample`s for `analyze`. Their
 * durations, billed durations and init durations are re-paired by rank, which
 * changes nothing the analysis computes (durations and billed durations are
 * trimmed independently, like the reference; sums, maxima and percentiles
 * depend only on the multisets), and so do the confidence intervals: a Step
 * Functions run's analysis equals a local run's.
 *
 * @module stepfunctions/batch-summary
 */
import type { InvocationSample } from '../core/index.js';
import { decodeSortedSeries, encodeSortedSeries, STEPS_PER_MS } from './sorted-series-codec.js';
import type { BatchSummary, EncodedSeries } from './types.js';

/** Error messages kept per failed sample (characters). */
const MAX_ERROR_MESSAGE_CHARS = 500;

const totalDurationOf = (sample: InvocationSample): number =>
  (sample.report?.durationMs ?? 0) + (sample.report?.initDurationMs ?? 0) + (sample.report?.restoreDurationMs ?? 0);

const billedDurationOf = (sample: InvocationSample): number =>
  (sample.report?.billedDurationMs ?? 0) + (sample.report?.billedRestoreDurationMs ?? 0);

const isFailure = (sample: InvocationSample): boolean => {
  if (sample.error !== undefined) return sample.allowedError !== true;
  const status = sample.report?.status;
  return status === 'timeout' || status === 'error';
};

const encodeGroup = (samples: readonly InvocationSample[], withInit: boolean): EncodedSeries | undefined => {
  if (samples.length === 0) return undefined;
  const series: EncodedSeries = {
    n: samples.length,
    total: encodeSortedSeries(samples.map(totalDurationOf)),
    billed: encodeSortedSeries(samples.map(billedDurationOf), { stepsPerMs: STEPS_PER_MS.billed }),
  };
  if (withInit) series.init = encodeSortedSeries(samples.map((sample) => sample.report?.initDurationMs ?? 0));
  return series;
};

const truncate = (text: string): string =>
  text.length > MAX_ERROR_MESSAGE_CHARS ? `${text.slice(0, MAX_ERROR_MESSAGE_CHARS)}…` : text;

interface SummarizeBatchOptions {
  power: number;
  batch: number;
  /** The batch's counted samples (warm-ups excluded). */
  samples: readonly InvocationSample[];
  /** Uncounted invocations this batch made (warm-ups). */
  uncounted?: number;
  /** Planned invocations the batch could not start in its time budget. */
  shortfall?: number;
  /** Init Duration of the batch's warm-ups that were cold starts (ms). */
  warmupInitDurationsMs?: readonly number[];
}

/**
 * Aggregates one batch's samples into a compact, JSON-serialisable summary.
 *
 * @example
 * const summary = summarizeBatch({ power: 512, batch: 0, samples });
 * JSON.stringify(summary).length; // ~2–3 bytes per invocation
 */
const summarizeBatch = ({
  power,
  batch,
  samples,
  uncounted = 0,
  shortfall = 0,
  warmupInitDurationsMs = [],
}: SummarizeBatchOptions): BatchSummary => {
  const reported = samples.filter((sample) => sample.report !== undefined && !isFailure(sample));
  const failed = samples.filter(isFailure);
  const unparsed = samples.filter((sample) => sample.report === undefined && !isFailure(sample));
  const allowedErrors: BatchSummary['allowedErrors'] = {};
  for (const sample of reported) {
    if (sample.error === undefined) continue;
    const entry = allowedErrors[sample.error.type];
    if (entry) entry.count += 1;
    else allowedErrors[sample.error.type] = { count: 1, message: truncate(sample.error.message) };
  }
  const memory = samples.flatMap((sample) =>
    sample.report?.maxMemoryUsedMB === undefined ? [] : [sample.report.maxMemoryUsedMB],
  );
  // Failed samples keep their own `retries`; only the re-built ones need the tally.
  const retried = reported.filter((sample) => (sample.retries ?? 0) > 0);
  const summary: BatchSummary = {
    power,
    batch,
    invocations: samples.length,
    uncounted,
    failed: failed.map((sample) => {
      const copy: InvocationSample = { ...sample };
      delete copy.output;
      if (copy.error) copy.error = { type: copy.error.type, message: truncate(copy.error.message) };
      return copy;
    }),
    allowedErrors,
    retries: retried.reduce((sum, sample) => sum + (sample.retries ?? 0), 0),
    retriedSamples: retried.length,
    throttles: retried.reduce((sum, sample) => sum + (sample.throttles ?? 0), 0),
  };
  const warm = encodeGroup(
    reported.filter((sample) => !sample.coldStart),
    false,
  );
  const cold = encodeGroup(
    reported.filter((sample) => sample.coldStart),
    true,
  );
  if (warm) summary.warm = warm;
  if (cold) summary.cold = cold;
  if (unparsed.length > 0)
    summary.unparsed = { count: unparsed.length, reason: unparsed[0]?.parseError ?? 'no REPORT line found' };
  if (memory.length > 0) summary.maxMemoryUsedMB = Math.max(...memory);
  if (warmupInitDurationsMs.length > 0) summary.warmupInitDurationsMs = [...warmupInitDurationsMs];
  if (shortfall > 0) summary.shortfall = shortfall;
  return summary;
};

const expandGroup = ({
  series,
  power,
  coldStart,
  maxMemoryUsedMB,
}: {
  series: EncodedSeries | undefined;
  power: number;
  coldStart: boolean;
  maxMemoryUsedMB: number | undefined;
}): InvocationSample[] => {
  if (!series) return [];
  const totals = decodeSortedSeries(series.total);
  const billed = decodeSortedSeries(series.billed, { stepsPerMs: STEPS_PER_MS.billed });
  const inits = series.init === undefined ? undefined : decodeSortedSeries(series.init);
  return totals.map((total, index) => {
    const init = inits?.[index];
    const report: NonNullable<InvocationSample['report']> = {
      // By rank, total ≥ init holds for the order statistics too, so this is never negative.
      durationMs: init === undefined ? total : Math.max(0, Math.round((total - init) * 100) / 100),
      billedDurationMs: billed[index] ?? 0,
      memorySizeMB: power,
    };
    if (init !== undefined && coldStart) report.initDurationMs = init;
    if (maxMemoryUsedMB !== undefined) report.maxMemoryUsedMB = maxMemoryUsedMB;
    return { power, report, coldStart };
  });
};

/**
 * Rebuilds the counted samples of every batch for `analyze` (see the module
 * comment for what is exact).
 *
 * @example
 * const samples = expandBatchSummaries(measurements);
 * const result = analyze({ samples, input, price, facts });
 */
const expandBatchSummaries = (summaries: readonly BatchSummary[]): InvocationSample[] =>
  summaries.flatMap((summary) => {
    const { power, maxMemoryUsedMB } = summary;
    const successes = [
      ...expandGroup({ series: summary.warm, power, coldStart: false, maxMemoryUsedMB }),
      ...expandGroup({ series: summary.cold, power, coldStart: true, maxMemoryUsedMB }),
    ];
    // Allowed errors, retries and throttles are tallies; put them back on as many samples.
    let next = 0;
    for (const [type, { count, message }] of Object.entries(summary.allowedErrors)) {
      for (let i = 0; i < count && next < successes.length; i += 1, next += 1) {
        const sample = successes[next];
        if (sample) Object.assign(sample, { error: { type, message }, allowedError: true });
      }
    }
    const retriedSamples = Math.min(summary.retriedSamples, successes.length);
    for (let i = 0; i < retriedSamples; i += 1) {
      const sample = successes[i];
      if (!sample) continue;
      const spread = (total: number): number =>
        Math.floor(total / retriedSamples) + (i < total % retriedSamples ? 1 : 0);
      sample.retries = spread(summary.retries);
      if ((summary.throttles ?? 0) > 0) sample.throttles = spread(summary.throttles ?? 0);
    }
    const unparsed: InvocationSample[] = Array.from({ length: summary.unparsed?.count ?? 0 }, () => ({
      power,
      coldStart: false,
      parseError: summary.unparsed?.reason ?? 'no REPORT line found',
    }));
    return [...successes, ...summary.failed, ...unparsed];
  });

export { expandBatchSummaries, summarizeBatch };
export type { SummarizeBatchOptions };
