/**
 * The contract between the emulator's Lambda API (control plane + Invoke
 * routing, `src/emulator/*`) and its execution environments
 * (`src/emulator/runtime/*`). The API layer owns functions, versions,
 * aliases, concurrency accounting and wire formats; the runtime owns OS
 * processes, the Lambda Runtime API, CPU limits, timeouts, memory and the
 * invocation log (START/END/REPORT lines).
 *
 * @module emulator/runtime/types
 */

/** An immutable snapshot of what to run: `$LATEST` at invoke time, or a published version. */
interface FunctionSnapshot {
  functionName: string;
  /** Unqualified ARN, e.g. `arn:aws:lambda:us-east-1:123456789012:function:demo`. */
  functionArn: string;
  /** `$LATEST` or `1`, `2`, … */
  version: string;
  /** `nodejs20.x`, `nodejs22.x`, `python3.12`, … */
  runtime: string;
  /** `index.handler`, `src/app.lambdaHandler`, `main.handler` … */
  handler: string;
  /** Directory holding the unzipped code (read-only for the runtime). */
  codeDir: string;
  /** Changes whenever code changes; environments are never shared across it. */
  codeSha256: string;
  memorySizeMB: number;
  timeoutSeconds: number;
  /** The function's own environment variables. */
  environment: Record<string, string>;
  /** `Text` (classic lines) or `JSON` (platform.* records). */
  logFormat: 'Text' | 'JSON';
  architecture: 'x86_64' | 'arm64';
  region: string;
  accountId: string;
  /** Log group name (default `/aws/lambda/<name>`). */
  logGroup: string;
}

interface InvokeRequest {
  fn: FunctionSnapshot;
  /** The event bytes as received (JSON text). */
  payload: Buffer;
  requestId: string;
  /** Base64 client context header, passed to the runtime as-is. */
  clientContext?: string;
  /**
   * The ARN the caller invoked (with its alias or version qualifier), as the
   * handler sees it in `context.invokedFunctionArn`. Default: `functionArn`,
   * plus `:<version>` for a published version.
   */
  invokedFunctionArn?: string;
}

/** Numbers as they appear in the REPORT line. */
interface InvokeReport {
  durationMs: number;
  billedDurationMs: number;
  memorySizeMB: number;
  maxMemoryUsedMB: number;
  /** Present on a cold start (new environment). */
  initDurationMs?: number;
  /** `success`, `error` or `timeout` (JSON log format `status`). */
  status: 'success' | 'error' | 'timeout';
}

interface InvokeResult {
  /**
   * Milliseconds the invocation waited for host CPU (admission control)
   * before init or its event was delivered; never part of Duration or
   * Billed Duration. Absent when the backend does no admission control.
   */
  admissionWaitMs?: number;
  /** Response bytes, or the `{errorType, errorMessage, stackTrace}` JSON on error. */
  payload: Buffer;
  /** `Unhandled` for any function error (Lambda no longer reports `Handled`). */
  functionError?: 'Unhandled';
  /** The whole log of this invocation (function output and START/END/REPORT), in the function's log format. */
  log: string;
  report: InvokeReport;
}

/**
 * What the API layer needs from execution environments. One environment
 * serves one invocation at a time; `invoke` starts a new one (cold) when none
 * is idle for this snapshot (same name, version, codeSha256, memory, env…).
 */
interface ExecutionBackend {
  invoke(request: InvokeRequest): Promise<InvokeResult>;
  /** Drops idle environments of a function (all versions when `version` is omitted), e.g. after an update or delete. */
  discard(args: { functionArn: string; version?: string }): Promise<void>;
  /** Stops every process and removes every CPU group the backend created. */
  stop(): Promise<void>;
  /** How CPU is given to environments on this host (chosen at start, see `cpu-calibration.ts`). */
  readonly cpu: BackendCpu;
}

/** The CPU model a backend uses, and why. */
interface BackendCpu {
  /** The mechanism: `cgroup-v1`, `cgroup-v2` or `virtual-time`. */
  mode: 'cgroup-v1' | 'cgroup-v2' | 'virtual-time';
  /** The model: the quota, or durations scaled by CPU time. */
  model: 'cgroup' | 'virtual-time';
  /** Why this model (calibration result, or what was asked for / possible). */
  reason: string;
  /** One line for headers and `run.backend`, e.g. `cgroup: cgroup-v1 quota, 20 ms periods, 2 host cores`. */
  description: string;
  hostCores: number;
}

/** Options of `createExecutionBackend()`. */
interface ExecutionBackendOptions {
  /** Where the backend tells what it does (CPU mode, stale groups removed…). Default: nothing. */
  logger?: (message: string) => void;
  /**
   * `auto` (default: calibrate, then the quota where it is faithful here,
   * else virtual time), `cgroup` (the quota, not calibrated; fails without
   * cgroups) or `virtual-time`.
   */
  cpuModel?: 'auto' | 'cgroup' | 'virtual-time';
  /** Former name of `cpuModel`. */
  cpuMode?: 'auto' | 'cgroup' | 'virtual-time';
  /** Cores the environments may share. Default: `os.availableParallelism()`. */
  hostCores?: number;
  /** Scratch directory of the environments (their `TMPDIR`). Default: the host's temp directory. */
  tmpDir?: string;
  /** Idle environments older than this are stopped. Default 120 000 ms. */
  maxIdleMsPerEnvironment?: number;
  /**
   * Add the init duration to the billed duration of cold starts, as Lambda
   * does for on-demand functions of managed runtimes (ZIP packages) since
   * 1 August 2025 (default true). false keeps the former rule — billed =
   * the invocation's duration rounded up to 1 ms — for comparisons.
   */
  billInitDuration?: boolean;
  /** Register SIGTERM/SIGINT/exit handlers that kill every environment (default true). */
  handleSignals?: boolean;
}

export type {
  BackendCpu,
  ExecutionBackend,
  ExecutionBackendOptions,
  FunctionSnapshot,
  InvokeReport,
  InvokeRequest,
  InvokeResult,
};
