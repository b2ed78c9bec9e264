/**
 * Types of the emulator's Lambda API: service and server options, fault
 * settings, the admin views (`state()`, `invocations()`).
 *
 * @module emulator/types
 */
import type { RUNTIME_BY_EXTENSION } from './constants.js';
import type { BackendCpu, ExecutionBackend, ExecutionBackendOptions, InvokeReport } from './runtime/types.js';

/** The CPU model of a running service: `model` and `reason` are what `run.cpuModel` records. */
type EmulatorCpuInfo = BackendCpu;

/** The runtimes `packageHandlerFile` picks. */
type HandlerRuntime = (typeof RUNTIME_BY_EXTENSION)[keyof typeof RUNTIME_BY_EXTENSION];

/** Where the emulator tells what it does: a line sink, or separate info/warn sinks. */
type EmulatorLoggerInput = ((line: string) => void) | EmulatorLogger;

interface EmulatorLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Injected time source (ms since the epoch). */
interface Clock {
  now(): number;
}

/** Fault injection for tests of callers (retries, backoff). Rates are probabilities 0..1. */
interface FaultSettings {
  /** Share of invocations answered 429 TooManyRequestsException. */
  throttleRate: number;
  /** Share of invocations answered 500 ServiceException. */
  serverErrorRate: number;
  /** Delay added to every control-plane operation (not Invoke). */
  controlPlaneLatencyMs: number;
  /** Share of control-plane operations answered 429: one rate, or a rate per operation (`{ PublishVersion: 1 }`). */
  controlPlaneErrorRate: number | Record<string, number>;
}

/** Account concurrency settings. */
interface ConcurrencyLimits {
  /** Account limit of concurrent executions (default 1000). */
  concurrentExecutions?: number;
  /** Concurrency that reservations must leave unreserved (default 10% of the limit). */
  unreservedMinimum?: number;
}

interface LambdaServiceOptions {
  backend: ExecutionBackend;
  region?: string;
  accountId?: string;
  /** How long `Pending` / `InProgress` last after create / update (default 100 ms). */
  updateDelayMs?: number;
  clock?: Clock;
  /** Uniform [0, 1) numbers for fault injection and weighted alias routing. */
  random?: () => number;
  /** Request ids and revision ids (default `crypto.randomUUID`). */
  generateId?: () => string;
  /** How control-plane latency is waited for (default `setTimeout`). */
  sleep?: (ms: number) => Promise<void>;
  faults?: Partial<FaultSettings>;
  limits?: ConcurrencyLimits;
  /** Where unzipped code goes (default: a new directory in the OS temp dir, removed by `close()`). */
  codeDirectory?: string;
  /** Invocations kept for `invocations()` (default 1000). */
  invocationLogCapacity?: number;
  logger?: EmulatorLoggerInput;
}

/** One invocation, as kept for tests (like CloudWatch Logs). */
interface InvocationRecord {
  requestId: string;
  functionName: string;
  functionArn: string;
  /** The version that ran (`$LATEST`, `1`, …). */
  version: string;
  invocationType: 'RequestResponse' | 'Event';
  /** ISO time the invocation started. */
  startedAt: string;
  functionError?: string;
  /** The whole log (function output, START, END, REPORT). */
  log: string;
  report?: InvokeReport;
  /** Milliseconds it waited for host CPU before its event was delivered (admission control); not part of the REPORT's Duration. */
  admissionWaitMs?: number;
  /** Set when the backend itself failed. */
  error?: string;
}

/** What the service holds (for tests asserting that nothing was left behind). */
interface ServiceState {
  functions: Array<{
    functionName: string;
    functionArn: string;
    versions: string[];
    aliases: Array<{ name: string; functionVersion: string }>;
  }>;
  inFlightInvocations: number;
}

/** The Lambda API as a socket-less `fetch` handler. */
interface LambdaService {
  fetch(request: Request): Promise<Response>;
  /** Merges fault settings (validated; throws `LambdaServiceError` on bad values). */
  setFaults(faults: Partial<FaultSettings>): FaultSettings;
  getFaults(): FaultSettings;
  state(): ServiceState;
  /** The CPU model the execution backend uses and why (also `GET /_powertune/cpu`). */
  cpu(): EmulatorCpuInfo;
  invocations(filter?: { functionName?: string }): InvocationRecord[];
  /** Rejects queued Event invocations, waits for running ones, removes unzipped code. Idempotent. */
  close(): Promise<void>;
}

interface StartEmulatorOptions extends Omit<LambdaServiceOptions, 'backend' | 'logger'> {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1; anything else is exposed beyond this machine (a warning is printed). */
  host?: string;
  /** Default: `createExecutionBackend({ cpuModel, hostCores, billInitDuration, ...backendOptions })`. */
  backend?: ExecutionBackend;
  /** `auto` (default: calibrated at start), `cgroup` or `virtual-time`. */
  cpuModel?: ExecutionBackendOptions['cpuModel'];
  /** Former name of `cpuModel`. */
  cpuMode?: ExecutionBackendOptions['cpuMode'];
  /** Bill Init Duration on cold starts (default true, as Lambda does since 1 August 2025); false for the former rule. */
  billInitDuration?: boolean;
  hostCores?: number;
  backendOptions?: ExecutionBackendOptions;
  /** Default: stderr. */
  logger?: EmulatorLoggerInput;
  /** Print `powertune emulator listening on …` (default true). */
  announce?: boolean;
  /** Largest request body accepted (default 69905067 bytes, Lambda's CreateFunction limit). */
  maxBodyBytes?: number;
}

interface RunningEmulator {
  /** `http://127.0.0.1:PORT` — give it to the SDK as `endpoint`, to the CLI as `--endpoint-url`. */
  endpoint: string;
  port: number;
  host: string;
  service: LambdaService;
  backend: ExecutionBackend;
  cpu: ExecutionBackend['cpu'];
  /** Closes the server, stops the backend, removes unzipped code. Idempotent. */
  stop(): Promise<void>;
}

/** A handler file or folder, zipped for CreateFunction. */
interface PackagedHandler {
  zip: Buffer;
  /** `<file without extension>.<export>`, e.g. `handler.handler`. */
  handler: string;
  /** `nodejs22.x` or `python3.12` (a literal type, so the SDK's `Runtime` accepts it). */
  runtime: HandlerRuntime;
  /** The entry file inside the zip. */
  entry: string;
}

export type {
  Clock,
  EmulatorCpuInfo,
  ConcurrencyLimits,
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
};
