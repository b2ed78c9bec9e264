/**
 * Limits, defaults and names of the emulator's Lambda API. Values that mirror
 * AWS Lambda cite the quota or the wire behaviour they copy.
 *
 * @module emulator/constants
 */

import { LAMBDA_MAX_MEMORY_MB, LAMBDA_MIN_MEMORY_MB } from '../core/index.js';

/** Defaults of `createLambdaService()` / `startEmulator()`. */
const SERVICE_DEFAULTS = {
  region: 'us-east-1',
  accountId: '123456789012',
  /** How long `State: Pending` and `LastUpdateStatus: InProgress` last (ms). */
  updateDelayMs: 100,
  /** Invocations whose full log is kept for `GET /_powertune/invocations`. */
  invocationLogCapacity: 1000,
  /** Lambda's default account concurrency quota. */
  concurrentExecutions: 1000,
  /** Lambda keeps 100 of 1000 (10%) unreserved. */
  unreservedMinimumFraction: 0.1,
} as const;

/** Defaults of `startEmulator()`. */
const SERVER_DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  /**
   * Idle keep-alive sockets stay open this long. Node's 5 s default closes a
   * socket an SDK client (keep-alive agent, no idle timeout) may reuse at that
   * very moment, which surfaces as `read ECONNRESET` after a pause of about
   * 5 s between calls. `stop()` closes every connection anyway.
   */
  keepAliveTimeoutMs: 65_000,
  /** Must exceed the keep-alive timeout (Node's rule). */
  headersTimeoutMs: 66_000,
} as const;

/** Lambda quotas the API enforces (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
const LAMBDA_LIMITS = {
  memoryMinMB: LAMBDA_MIN_MEMORY_MB,
  memoryMaxMB: LAMBDA_MAX_MEMORY_MB,
  timeoutMinSeconds: 1,
  timeoutMaxSeconds: 900,
  defaultMemoryMB: LAMBDA_MIN_MEMORY_MB,
  defaultTimeoutSeconds: 3,
  ephemeralStorageMinMB: 512,
  ephemeralStorageMaxMB: 10_240,
  /** Synchronous invocation request and response payloads. */
  syncPayloadBytes: 6_291_456,
  /** Asynchronous (`Event`) invocation payloads, since October 2025. */
  asyncPayloadBytes: 1_048_576,
  /** `X-Amz-Log-Result` carries the last 4 KB of the log. */
  logTailBytes: 4096,
  /** The largest CreateFunction request Lambda accepts (its own error message names this number). */
  requestBodyBytes: 69_905_067,
  /** Unzipped deployment package size. */
  unzippedCodeBytes: 262_144_000,
  /** Zipped deployment package size (direct upload). */
  zippedCodeBytes: 52_428_800,
  /** Total size of all deployment packages of a region. */
  totalCodeBytes: 80_530_636_800,
  /** Environment variables, all keys and values together. */
  environmentBytes: 4096,
  descriptionLength: 256,
  functionNameLength: 64,
  aliasNameLength: 128,
  handlerLength: 128,
  /** Page size of list operations when `MaxItems` is absent. */
  defaultPageSize: 50,
  maxPageSize: 10_000,
  /** Seconds a throttled caller is told to wait (`Retry-After`). */
  retryAfterSeconds: 1,
} as const;

/** Runtimes CreateFunction accepts (the API's enum, minus deprecated ones that cannot be created). */
const RUNTIMES = [
  'nodejs18.x',
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'java11',
  'java17',
  'java21',
  'java25',
  'dotnet8',
  'ruby3.2',
  'ruby3.3',
  'ruby3.4',
  'provided.al2',
  'provided.al2023',
] as const;

/** Environment variable names Lambda refuses in `Environment.Variables`. */
const RESERVED_ENVIRONMENT_KEYS = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_DEFAULT_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_RUNTIME_API',
  'AWS_REGION',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'LAMBDA_RUNTIME_DIR',
  'LAMBDA_TASK_ROOT',
] as const;

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const;
const LOG_TYPES = ['None', 'Tail'] as const;
const LOG_FORMATS = ['Text', 'JSON'] as const;
const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
const ARCHITECTURES = ['x86_64', 'arm64'] as const;
const LATEST = '$LATEST';

/** Control-plane operations (SDK command names without `Command`) that fault injection can target. */
const CONTROL_PLANE_OPERATIONS = [
  'CreateFunction',
  'GetFunction',
  'GetFunctionConfiguration',
  'UpdateFunctionConfiguration',
  'UpdateFunctionCode',
  'DeleteFunction',
  'ListFunctions',
  'PublishVersion',
  'ListVersionsByFunction',
  'CreateAlias',
  'GetAlias',
  'UpdateAlias',
  'DeleteAlias',
  'ListAliases',
  'PutFunctionConcurrency',
  'GetFunctionConcurrency',
  'DeleteFunctionConcurrency',
  'GetAccountSettings',
  'ListTags',
  'TagResource',
  'UntagResource',
] as const;

/** Emulator-only paths (never on AWS). */
const ADMIN_PREFIX = '/_powertune';

/**
 * Emulator-only headers on every Invoke response (AWS never sends them, so
 * a client that sees one knows it talks to this service).
 */
const POWERTUNE_HEADERS = {
  /** The CPU model in use, e.g. `cgroup: cgroup-v1 quota, 20 ms periods, 2 host cores`. */
  emulator: 'x-powertune-emulator',
  /** Milliseconds the invocation waited for host CPU before its event was delivered (not in Duration). */
  admissionWaitMs: 'x-powertune-admission-wait-ms',
} as const;

/** Name patterns of the Lambda API (from its model). */
const PATTERNS = {
  functionName: /^[a-zA-Z0-9_-]{1,64}$/,
  qualifier: /^(\$LATEST|[a-zA-Z0-9_-]+)$/,
  version: /^(\$LATEST|[0-9]+)$/,
  publishedVersion: /^[0-9]+$/,
  aliasName: /^(?!^[0-9]+$)[a-zA-Z0-9_-]+$/,
  fullArn: /^arn:(aws[a-zA-Z-]*):lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):function:([^:]+)(?::([^:]+))?$/,
  partialArn: /^(\d{12}):function:([^:]+)(?::([^:]+))?$/,
  role: /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/,
  handler: /^[^\s]+$/,
  environmentKey: /^[a-zA-Z]([a-zA-Z0-9_])+$/,
} as const;

/** Zip format constants (APPNOTE.TXT). */
const ZIP = {
  localHeaderSignature: 0x04034b50,
  centralHeaderSignature: 0x02014b50,
  endOfCentralDirectorySignature: 0x06054b50,
  localHeaderSize: 30,
  centralHeaderSize: 46,
  endOfCentralDirectorySize: 22,
  maxCommentSize: 0xffff,
  methodStored: 0,
  methodDeflate: 8,
  /** 2.0: deflate and folders. */
  versionNeeded: 20,
  /** Upper byte 3 = UNIX (external attributes carry the mode), lower 20 = 2.0. */
  versionMadeByUnix: (3 << 8) | 20,
  hostUnix: 3,
  /** General purpose flag bit 11: names are UTF-8. */
  flagUtf8: 0x0800,
  flagEncrypted: 0x0001,
  regularFileType: 0o100000,
  defaultFileMode: 0o644,
  executableFileMode: 0o755,
  permissionBits: 0o777,
  /** Entries are dated 1980-01-01 00:00 (the earliest DOS date) so archives are reproducible. */
  fixedDate: new Date(1980, 0, 1, 0, 0, 0),
  dosYearOffset: 1980,
} as const;

/** Entry files `packageHandlerFile` looks for in a folder, in order. */
const ENTRY_CANDIDATES = [
  'index.mjs',
  'index.js',
  'index.cjs',
  'handler.mjs',
  'handler.js',
  'handler.cjs',
  'app.mjs',
  'app.js',
  'app.cjs',
  'lambda_function.py',
  'index.py',
  'handler.py',
  'app.py',
  'main.py',
  // TypeScript entries: built by the project reader (src/project), not by packageHandlerFile.
  'index.ts',
  'handler.ts',
  'app.ts',
] as const;

/** Runtime chosen for each handler file extension. */
const RUNTIME_BY_EXTENSION = {
  '.mjs': 'nodejs22.x',
  '.js': 'nodejs22.x',
  '.cjs': 'nodejs22.x',
  '.py': 'python3.12',
} as const;

export {
  ADMIN_PREFIX,
  ARCHITECTURES,
  CONTROL_PLANE_OPERATIONS,
  ENTRY_CANDIDATES,
  INVOCATION_TYPES,
  LAMBDA_LIMITS,
  LATEST,
  LOG_FORMATS,
  LOG_LEVELS,
  LOG_TYPES,
  PATTERNS,
  POWERTUNE_HEADERS,
  RESERVED_ENVIRONMENT_KEYS,
  RUNTIME_BY_EXTENSION,
  RUNTIMES,
  SERVER_DEFAULTS,
  SERVICE_DEFAULTS,
  ZIP,
};
