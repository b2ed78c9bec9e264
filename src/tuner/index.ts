/**
 * One tuning run, end to end (`runTuning`, `runDryRun`), and its steps one
 * by one (`planRun`, `prepareSize`, `measureSize`, `cleanupRun`,
 * `analyzeRun`, `applyOptimal`) with JSON inputs and outputs for the Step
 * Functions handlers. Depends on the Lambda port, never on the SDK client.
 *
 * @module tuner
 */
export { analyzeRun } from './analyze-run.js';
export { applyOptimal } from './apply-optimal.js';
export { cleanupFromJournal, cleanupLedger, cleanupRun } from './cleanup-run.js';
export { DEFAULT_SERIAL_WARMUP, HIDDEN_PAYLOAD } from './constants.js';
export { createLimiter } from './create-limiter.js';
export type { Limiter } from './create-limiter.js';
export { createRunId } from './create-run-id.js';
export {
  FunctionCopyError,
  JournalError,
  QualifierCodeMismatchError,
  RunInterruptedError,
  TunerError,
} from './errors.js';
export { safeSink } from './events.js';
export type { EventSink, TuningEvent } from './events.js';
export {
  createFileJournal,
  createMemoryJournal,
  journalPath,
  ledgerFromEntries,
  readUnfinishedRuns,
} from './journal.js';
export type { FileJournalOptions, MemoryJournal, UnfinishedRun } from './journal.js';
export { measureSize } from './measure-size.js';
export type { MeasureSizeOptions } from './measure-size.js';
export { createSizeMeasurer } from './create-size-measurer.js';
export type { SizeMeasurer, SizeMeasurerOptions } from './create-size-measurer.js';
export { measureInterleaved } from './measure-interleaved.js';
export { describeBackend, observeBackend } from './observe-backend.js';
export type { ObservedPort } from './observe-backend.js';
export { planRun } from './plan-run.js';
export { prepareSize } from './prepare-size.js';
export { redactPayloads } from './redact-payloads.js';
export { resolvePayloads } from './resolve-payloads.js';
export { runAdaptiveSearch, toObservation } from './run-adaptive-search.js';
export { cleanupFunctionCopies, createFunctionCopy, deleteFunctionCopy, fetchCode } from './function-copy.js';
export type { CodeDownloader, FunctionCopy } from './function-copy.js';
export { tuneFunctionCopy } from './tune-function-copy.js';
export type { TuneFunctionCopyOptions } from './tune-function-copy.js';
export type { AdaptiveSearchOutcome, RunAdaptiveSearchOptions } from './run-adaptive-search.js';
export { estimateRunInvocations } from './estimate-run-invocations.js';
export type { RunInvocationEstimate } from './estimate-run-invocations.js';
export { runDryRun } from './run-dry-run.js';
export type { DryRunResult } from './run-dry-run.js';
export { createRunLedger } from './run-ledger.js';
export { runTuning } from './run-tuning.js';
export type { RunTuningOptions } from './run-tuning.js';
export { sampleFromOutcome } from './sample-from-outcome.js';
export type {
  CleanupReport,
  Clock,
  Journal,
  JournalEntry,
  PlannedAlias,
  PlannedSize,
  PreparedSize,
  RunLedger,
  RunPlan,
  SizeMeasurement,
} from './types.js';
export { cleanupLeftoverRun, findLeftoverRuns } from './cleanup-leftovers.js';
export type { LeftoverRun } from './cleanup-leftovers.js';
