/**
 * Execution environments of the emulator: real handler code in separate
 * processes behind the Lambda Runtime API, CPU proportional to memory,
 * Lambda-exact START/END/REPORT logs. The API layer (`src/emulator/*`) uses
 * only `createExecutionBackend` and the types of `./types.js`.
 *
 * @module emulator/runtime
 */
export { createExecutionBackend } from './execution-backend.js';
export { isSupportedRuntime } from './runtime-command.js';
export { vcpusForMemory } from './cpu-limit.js';
export { billedDurationMs, maxMemoryUsedMB } from './lambda-log.js';
export {
  BackendStoppedError,
  BootstrapNotFoundError,
  CpuLimitError,
  ExecutionEnvironmentError,
  UnsupportedRuntimeError,
} from './errors.js';
export type {
  BackendCpu,
  ExecutionBackend,
  ExecutionBackendOptions,
  FunctionSnapshot,
  InvokeReport,
  InvokeRequest,
  InvokeResult,
} from './types.js';
export { chooseCpuModel } from './cpu-calibration.js';
export type { CpuModel, CpuModelChoice, QuotaProbe, RequestedCpuModel } from './cpu-calibration.js';
