/**
 * The Lambda adapter: the only code that speaks AWS Lambda. The port
 * (`LambdaPort`), its AWS SDK v3 implementation, and the higher-level
 * operations built on the port alone.
 *
 * @module lambda
 */
export { addDebugLogging } from './add-debug-logging.js';
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
  WAIT_POLICY,
} from './constants.js';
export { decodeLogResult } from './decode-log-result.js';
export { deleteRunResources } from './delete-run-resources.js';
export type {
  CreatedVersion,
  DeleteRunResourcesOptions,
  DeleteRunResourcesResult,
  SkippedResource,
} from './delete-run-resources.js';
export { findRunVersions } from './find-run-versions.js';
export {
  AliasConflictError,
  CodeChangedError,
  ConcurrentModificationError,
  FunctionUpdateFailedError,
  FunctionUpdateTimeoutError,
  LambdaApiError,
  LambdaError,
  PayloadS3Error,
} from './errors.js';
export type { PayloadS3Reason } from './errors.js';
export { createS3PayloadSource, parseS3Body, parseS3Path } from './s3-payload-source.js';
export type { S3PayloadSourceOptions } from './s3-payload-source.js';
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
  PayloadSource,
  RandomSource,
  RetryMode,
  RetryPolicy,
  Sleep,
} from './types.js';
export { backoffDelay, classifyError, defaultSleep, retryAfterMs, withRetry } from './with-retry.js';
export { resolveRetryPolicy } from './resolve-retry-policy.js';
export {
  createSdkFleetInventory,
  JSON_REPORT_STATS_QUERY,
  REPORT_STATS_QUERY,
  resolveDefaultRegion,
} from './sdk-fleet-inventory.js';
export type { SdkFleetInventoryOptions } from './sdk-fleet-inventory.js';
export type { FleetInventoryPort, InventoryFunction, InventoryMetrics } from './fleet-inventory.js';
