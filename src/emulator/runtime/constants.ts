/**
 * Numbers and names the execution environments live by. Lambda facts cite
 * their source; emulator choices say why.
 *
 * @module emulator/runtime/constants
 */

import { LAMBDA_MAX_MEMORY_MB, MAX_VCPUS, MS_PER_SECOND, ONE_VCPU_MEMORY_MB } from '../../core/index.js';

/** Memory at which a function gets exactly one vCPU (Lambda docs, "Memory and computing power"); the core's fact. */
const MB_PER_VCPU = ONE_VCPU_MEMORY_MB;

/** Lambda's largest memory size and the vCPUs it buys (10,240 MB = 6 vCPUs); the core's facts. */
const MAX_MEMORY_MB = LAMBDA_MAX_MEMORY_MB;

/**
 * CFS period for the CPU quota. 20 ms rather than the kernel default
 * 100 ms: the quota at 128 MB is then 1.45 ms per period (above the kernel's
 * 1 ms minimum) and a short invocation is throttled smoothly instead of
 * running a whole 7 ms burst at full speed and then sleeping 93 ms, which
 * made 20–100 ms handlers look faster at low memory than Lambda shows.
 * Where the kernel throttles such short slices inaccurately, the start-up
 * calibration falls back to the virtual-time model (`cpu-calibration.ts`).
 */
const CPU_PERIOD_US = 20_000;

/**
 * vCPUs an environment gets while its init runs, at any memory size up to
 * 3,008 MB: Lambda shows two vCPUs to every function of up to 3,008 MB, and
 * init code is observed to run faster than handler code at every size up to
 * 3 GB (no AWS document states the rule; measurements do: Bite-Sized
 * Serverless, "Lambda Cold Starts and Bootstrap Code", and
 * github.com/rwnx/lambda-cpuinfo). Throttling init to the invocation's
 * share made a Node.js no-op's Init Duration 1.7 s at 128 MB here; Node.js
 * cold starts on Lambda are commonly reported at 150–400 ms.
 */
const INIT_VCPUS = 2;

/** The start-up calibration probe (`cpu-calibration.ts`). */
const CALIBRATION = {
  /** The size whose share is probed: the smallest, where slices are shortest. */
  memorySizeMB: 128,
  /** A model is faithful when the probe's slowdown is within 5% of Lambda's. */
  tolerance: 0.05,
  /** Trials of the 20 ms quota (median), each three periods long. */
  trials: 3,
  windowPeriods: 3,
  /** Full-speed window of each trial. */
  fullSpeedWindowMs: 10,
  /** Compute before the first trial, so the JIT has settled. */
  warmupMs: 30,
  /** The probe is killed after this; the model then falls back. */
  timeoutMs: 5_000,
  /** A host's decision is reused by services started within this time (see `cpu-calibration.ts`). */
  cacheMaxAgeMs: 600_000,
  /** Its file, in the OS temp directory. */
  cacheFile: 'powertune-cpu-calibration.json',
} as const;

/** The kernel refuses `cpu.cfs_quota_us` below 1 ms. */
const MIN_CPU_QUOTA_US = 1_000;

/** Version prefix of every Lambda Runtime API route. */
const RUNTIME_API_VERSION = '2018-06-01';

/** Header names of the Runtime API (Lambda "Using the Lambda runtime API"). */
const RUNTIME_HEADERS = {
  requestId: 'lambda-runtime-aws-request-id',
  deadlineMs: 'lambda-runtime-deadline-ms',
  invokedFunctionArn: 'lambda-runtime-invoked-function-arn',
  traceId: 'lambda-runtime-trace-id',
  clientContext: 'lambda-runtime-client-context',
  cognitoIdentity: 'lambda-runtime-cognito-identity',
  functionErrorType: 'lambda-runtime-function-error-type',
  /** Ours: the bootstrap's cumulative process CPU time in µs (for the virtual-time model). */
  cpuTimeUs: 'powertune-cpu-time-us',
  /** Ours, on a response or error: that cumulative CPU time when the event had arrived. */
  eventCpuTimeUs: 'powertune-event-cpu-time-us',
} as const;

/** Largest synchronous response a function may return (Lambda quota: 6 MB). */
const MAX_RESPONSE_BYTES = 6_291_556;

/** Lambda gives on-demand init 10 s before it gives up (Lambda docs, "Init phase"). */
const INIT_TIMEOUT_MS = 10_000;

/** How often the process tree's RSS is sampled during an invocation. */
const MEMORY_POLL_INTERVAL_MS = 10;

/** Idle environments older than this are stopped (Lambda keeps them minutes, not hours). */
const DEFAULT_MAX_IDLE_MS = 120_000;

/** How often idle environments are checked against `maxIdleMsPerEnvironment` (at most). */
const REAPER_INTERVAL_MS = 1_000;

/** How long asking a `python3` on PATH for its real binary may take. */
const INTERPRETER_PROBE_TIMEOUT_MS = 10_000;

/** Random bytes in ids Lambda shows as hex: log stream (32 hex), trace root (24 hex), trace parent (16 hex). */
const RANDOM_ID_BYTES = { logStream: 16, traceRoot: 12, traceParent: 8 } as const;

/** How long to wait for a function's last output after its response, before giving up on it. */
const OUTPUT_DRAIN_TIMEOUT_MS = 1_000;

/** How long `stop()` waits for killed processes to leave their CPU group before removing it. */
const CGROUP_REMOVE_TIMEOUT_MS = 2_000;

/** Share of the memory size given to V8's old space (the rest is for the runtime itself). */
const NODE_HEAP_SHARE = 0.9;

/** Exit status the shell wrapper uses when it cannot join the CPU group. */
const CGROUP_JOIN_FAILED_EXIT = 97;

/** Name prefix of every CPU group we create; stale groups are found by it. */
const CGROUP_PREFIX = 'powertune-';

const BYTES_PER_MB = 1024 * 1024;
const KIB = 1024;
const US_PER_MS = 1000;

/** Fixed Lambda environment: the Lambda docs' "Defined runtime environment variables". */
const LAMBDA_RESERVED_VARIABLES = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_LOG_FORMAT',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
] as const;

/** Error types the platform itself reports (not the function). */
const PLATFORM_ERROR_TYPES = {
  timeout: 'Sandbox.Timedout',
  exit: 'Runtime.ExitError',
  outOfMemory: 'Runtime.OutOfMemory',
  responseTooLarge: 'Function.ResponseSizeTooLarge',
  invalidEntrypoint: 'Runtime.InvalidEntrypoint',
} as const;

export {
  BYTES_PER_MB,
  CALIBRATION,
  CGROUP_JOIN_FAILED_EXIT,
  CGROUP_PREFIX,
  CGROUP_REMOVE_TIMEOUT_MS,
  CPU_PERIOD_US,
  DEFAULT_MAX_IDLE_MS,
  INIT_TIMEOUT_MS,
  INIT_VCPUS,
  INTERPRETER_PROBE_TIMEOUT_MS,
  KIB,
  LAMBDA_RESERVED_VARIABLES,
  MAX_MEMORY_MB,
  MAX_RESPONSE_BYTES,
  MAX_VCPUS,
  MB_PER_VCPU,
  MEMORY_POLL_INTERVAL_MS,
  MIN_CPU_QUOTA_US,
  MS_PER_SECOND,
  NODE_HEAP_SHARE,
  OUTPUT_DRAIN_TIMEOUT_MS,
  PLATFORM_ERROR_TYPES,
  RANDOM_ID_BYTES,
  REAPER_INTERVAL_MS,
  RUNTIME_API_VERSION,
  RUNTIME_HEADERS,
  US_PER_MS,
};
