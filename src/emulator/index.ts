/**
 * The local Lambda service: the Lambda REST API (control plane + Invoke) on
 * loopback, in front of execution environments that run real handler code.
 * The AWS SDK v3 and the AWS CLI work against it unchanged
 * (`endpoint` / `--endpoint-url`).
 *
 * @example
 * import { startEmulator, packageHandlerFile } from './emulator/index.js';
 * const emulator = await startEmulator();
 * const { zip, handler, runtime } = packageHandlerFile({ file: './handler.mjs' });
 * // … CreateFunction / Invoke with the SDK against emulator.endpoint …
 * await emulator.stop();
 *
 * @module emulator
 */
export { checkHandlerInit } from './check-handler-init.js';
export type { CheckHandlerInitOptions, InitCheckResult } from './check-handler-init.js';
export { ConcurrencyLimiter } from './concurrency-limiter.js';
export { ENTRY_CANDIDATES, LAMBDA_LIMITS, POWERTUNE_HEADERS, SERVICE_DEFAULTS } from './constants.js';
export { createLambdaService } from './create-lambda-service.js';
export {
  EmulatorError,
  EmulatorStartError,
  InvalidParameterValueError,
  InvalidRequestContentError,
  LambdaServiceError,
  PackageHandlerError,
  PreconditionFailedError,
  RequestTooLargeError,
  ResourceConflictError,
  ResourceNotFoundError,
  ServiceError,
  TooManyRequestsError,
  UnknownOperationError,
  ValidationError,
  ZipFormatError,
} from './errors.js';
export { deployHandlerFile } from './deploy-handler-file.js';
export type { DeployHandlerFileOptions } from './deploy-handler-file.js';
export { createNodeListener, startEmulator } from './http-server.js';
export type { NodeListenerOptions } from './http-server.js';
export { findEntryFile, LAYERS_FOLDER, packageHandlerFile, zipWithLayers } from './package-handler.js';
export type { PackageHandlerFileOptions } from './package-handler.js';
export { parseFunctionReference } from './parse-function-reference.js';
export type { FunctionReference } from './parse-function-reference.js';
export type {
  BackendCpu,
  ExecutionBackend,
  ExecutionBackendOptions,
  FunctionSnapshot,
  InvokeReport,
  InvokeRequest,
  InvokeResult,
} from './runtime/types.js';
export { vcpusForMemory } from './runtime/index.js';
export type {
  Clock,
  ConcurrencyLimits,
  EmulatorCpuInfo,
  EmulatorLogger,
  EmulatorLoggerInput,
  FaultSettings,
  HandlerRuntime,
  InvocationRecord,
  LambdaService,
  LambdaServiceOptions,
  PackagedHandler,
  RunningEmulator,
  ServiceState,
  StartEmulatorOptions,
} from './types.js';
export { crc32, createZip, readZip } from './zip.js';
export type { ZipEntry, ZipFile } from './zip.js';
