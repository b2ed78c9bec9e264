/**
 * The Step Functions driver: the state machine definition, its handlers'
 * building blocks, the compact batch summaries, the transition count and the
 * client that runs a deployed state machine. The CDK construct lives in
 * `./cdk/index.js` (the `powertune/cdk` subpath: it needs aws-cdk-lib);
 * each handler's Lambda entry point is `./handlers/<name>.js` (`handler`).
 *
 * @module stepfunctions
 */
export { expandBatchSummaries, summarizeBatch } from './batch-summary.js';
export type { SummarizeBatchOptions } from './batch-summary.js';
export { buildSfnInput } from './build-sfn-input.js';
export {
  DRIVER_DEFAULTS,
  HANDLER_IAM_ACTIONS,
  HANDLER_NAMES,
  RETRYABLE_HANDLER_ERRORS,
  STATE_NAMES,
  STEP_FUNCTIONS_LIMITS,
  SUBSTITUTION_KEYS,
} from './constants.js';
export { countStateTransitions, referenceStateTransitions } from './count-state-transitions.js';
export type { CountStateTransitionsOptions } from './count-state-transitions.js';
export {
  ExecutionFailedError,
  HandlerEventError,
  RunTooLargeError,
  SeriesCodecError,
  StepFunctionsError,
} from './errors.js';
export { planBatches } from './plan-batches.js';
export type { PlanBatchesOptions } from './plan-batches.js';
export { runStateMachine } from './sfn-client.js';
export type { RunStateMachineOptions, RunStateMachineResult, SfnProgressEvent, SfnSender } from './sfn-client.js';
export { decodeSortedSeries, encodeSortedSeries } from './sorted-series-codec.js';
export { buildStateMachineDefinition, renderStateMachineJson } from './state-machine.js';
export type { AslState, BuildStateMachineOptions, StateMachineDefinition } from './state-machine.js';
export type {
  BatchItem,
  BatchSummary,
  EncodedSeries,
  HandlerName,
  InitializeEvent,
  MeasureEvent,
  PrepareState,
  SfnRun,
} from './types.js';
