/**
 * The Lambda adapter: the only code that speaks AWS Lambda. The port
 * (`LambdaPort`), its AWS SDK v3 implementation, and the higher-level
 * operations built on the port alone.
 *
 * @module lambda
 */
export { applyOptimalPower } from './apply-optimal-power.js';
export type { ApplyOptimalPowerOptions, ApplyOptimalPowerResult } from './apply-optimal-power.js';
export {
  CLEANUP_CONCURRENCY,
  DEFAULT_RETRY_POLICY,
  IAM_ACTIONS,
  LAMBDA_LIMITS,
  LATEST,
  MAX_CONFLICT_RETRIES,
  MAX_PUBLISH_RACE_RETRIES,
  RUN_VERSION_DESCRIPTION_PREFIX,
  WAIT_POLICY,
} from './constants.js';
export { decodeLogResult } from './decode-log-result.js';
export { deleteRunResources } from './delete-run-resources.js';
export type { CreatedVersion, DeleteRunResourcesOptions, DeleteRunResourcesResult, SkippedResource } from './delete-run-resources.js';
export { findRunVersions, readRunVersionDescription, runVersionDescription } from './find-run-versions.js';
export { AliasConflictError, CodeChangedError, ConcurrentModificationError, FunctionUpdateFailedError, FunctionUpdateTimeoutError, LambdaApiError, LambdaError } from './errors.js';
export { isLoopback } from './is-loopback.js';
export { mapSdkError } from './map-sdk-error.js';
export { preparePowerConfiguration } from './prepare-power-configuration.js';
export type { PreparedAlias, PreparePowerConfigurationOptions } from './prepare-power-configuration.js';
export { resolveEndpoint, resolveTarget } from './resolve-target.js';
export { restoreFunction } from './restore-function.js';
export type { RestoreFunctionOptions, RestoreFunctionResult } from './restore-function.js';
export { createSdkLambdaPort } from './sdk-lambda-port.js';
export type { SdkLambdaPortOptions } from './sdk-lambda-port.js';
export type {
  AliasInfo,
  ChangeRecord,
  ChangeRecorder,
  CreateFunctionRequest,
  FunctionCodeInfo,
  FunctionConfiguration,
  FunctionRef,
  ResolvedTarget,
  InvokeOutcome,
  LocalServiceInfo,
  InvokeRequest,
  LambdaPort,
  LatestSettings,
  RandomSource,
  RetryPolicy,
  Sleep,
} from './types.js';
export { backoffDelay, classifyError, defaultSleep, withRetry } from './with-retry.js';
