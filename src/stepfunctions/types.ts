/**
 * Shapes of the Step Functions driver: handler events and the execution
 * state. Everything here is JSON (it travels through Step Functions).
 *
 * @module stepfunctions/types
 */
import type { InvocationSample, TuningInput, TuningResult } from '../core/index.js';
import type { LatestSettings } from '../lambda/index.js';
import type { CleanupReport, DryRunResult, RunLedger, RunPlan } from '../tuner/index.js';
import type { HANDLER_NAMES } from './constants.js';

/** One of the six handlers. */
type HandlerName = (typeof HANDLER_NAMES)[number];

/**
 * A sorted multiset of durations per group of samples, encoded with
 * `encodeSortedSeries`: `total` = duration + init + restore, `billed` =
 * billed duration + billed restore, `init` (cold samples only).
 */
interface EncodedSeries {
  n: number;
  total: string;
  billed: string;
  init?: string;
}

/** What one executor invocation returns for one batch (see `summarizeBatch`). */
interface BatchSummary {
  power: number;
  batch: number;
  /** Counted invocations made. */
  invocations: number;
  /** Uncounted invocations made (warm-ups). */
  uncounted: number;
  warm?: EncodedSeries;
  cold?: EncodedSeries;
  /** Samples with a non-allowed error, a timeout or a crash (without `output`). */
  failed: InvocationSample[];
  /** Allowed errors by type: how many, and the first message. */
  allowedErrors: Record<string, { count: number; message: string }>;
  /** Invocations whose REPORT could not be read. */
  unparsed?: { count: number; reason: string };
  maxMemoryUsedMB?: number;
  /** Retries summed over the successful samples, and how many of them needed any. */
  retries: number;
  retriedSamples: number;
  /** Throttled attempts (429) summed over the successful samples (absent in summaries from older handlers). */
  throttles?: number;
  /** Planned invocations that did not fit in the executor's remaining time. */
  shortfall?: number;
  /** Init Duration of the batch's uncounted warm-ups that were cold starts (ms): the monthly bill prices INIT from them, as a local run does. */
  warmupInitDurationsMs?: number[];
}

/** One Map item: a batch of counted invocations of one memory size. */
interface BatchItem {
  power: number;
  /** Batch number within the size (0-based). */
  batch: number;
  /** Index of the batch's first invocation among the size's `num` (selects weighted payloads and cold-start aliases). */
  start: number;
  /** Counted invocations in the batch. */
  count: number;
  /** Uncounted warm-up invocations the batch makes first. */
  warmup: number;
}

/** The run as Initialize planned it (`$.run`), passed to every step. */
interface SfnRun {
  plan: RunPlan;
  /** The validated input without `payload` (the executor reads it from the execution input). */
  options: Omit<TuningInput, 'payload'>;
  /** Map MaxConcurrency (0 = no limit, like the reference). */
  maxConcurrency: number;
  startedAt: string;
}

/** A readable failure for the `Failed` state. */
interface FailureDescription {
  error: string;
  cause: string;
}

/** Prepare's progress (`$.prepare`). */
interface PrepareState {
  /** Index in `plan.sizes` of the next size to prepare. */
  next: number;
  done: boolean;
  /** Prepare invocations so far (for the transition count). */
  loops: number;
  /** What the run created and changed so far (what cleanup undoes). */
  ledger: RunLedger;
  /** `$LATEST` after the last prepared size. */
  latest?: LatestSettings & { revisionId?: string };
  /** Set by a dry run: the execution's output. */
  dryRun?: DryRunResult;
  /** Set when preparing failed; the ledger still lists what was created before. */
  failure?: FailureDescription;
}

interface InitializeEvent {
  /** The execution input: the reference's input JSON (+ `maxConcurrency`). */
  input: unknown;
  startTime?: string;
}

interface InitializeOutput {
  run: SfnRun;
  prepare: PrepareState;
  items: BatchItem[];
}

interface PrepareEvent {
  run: SfnRun;
  prepare: PrepareState;
}

interface MeasureEvent {
  run: SfnRun;
  item: BatchItem;
  /** The execution input (for `payload`). */
  input: Record<string, unknown>;
}

interface CleanupEvent {
  run: SfnRun;
  prepare: PrepareState;
}

/** The state when a step failed: whatever was there, plus the caught error. */
interface FailedState {
  run?: SfnRun;
  prepare?: PrepareState;
  cleanup?: CleanupReport;
  /** Step Functions' caught error: `Cause` is the handler's JSON error or a message. */
  error?: { Error?: string; Cause?: string };
}

interface CleanupOnErrorEvent {
  state: FailedState;
}

interface AnalyzeEvent {
  run: SfnRun;
  prepare: PrepareState;
  measurements: BatchSummary[];
  cleanup: CleanupReport;
}

interface AnalyzeOutput {
  run: SfnRun;
  cleanup: CleanupReport;
  result: TuningResult;
}

interface OptimizeEvent {
  run: SfnRun;
  result: TuningResult;
}

export type {
  AnalyzeEvent,
  AnalyzeOutput,
  BatchItem,
  BatchSummary,
  CleanupEvent,
  CleanupOnErrorEvent,
  EncodedSeries,
  FailedState,
  FailureDescription,
  HandlerName,
  InitializeEvent,
  InitializeOutput,
  MeasureEvent,
  OptimizeEvent,
  PrepareEvent,
  PrepareState,
  SfnRun,
};
