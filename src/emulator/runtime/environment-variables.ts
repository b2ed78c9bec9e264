/**
 * The environment of a runtime process: Lambda's defined variables, then
 * the function's own, and from the host only what a process needs to start
 * (PATH). Nothing else of the host leaks in — in particular no AWS
 * credentials: the emulator has no execution role to hand out.
 *
 * @module emulator/runtime/environment-variables
 */
import { LAMBDA_RESERVED_VARIABLES } from './constants.js';
import type { FunctionSnapshot } from './types.js';

interface EnvironmentVariablesOptions {
  fn: FunctionSnapshot;
  /** `127.0.0.1:<port>` of the environment's Runtime API. */
  runtimeApi: string;
  logStreamName: string;
  /** `AWS_EXECUTION_ENV`, e.g. `AWS_Lambda_nodejs20.x`. */
  executionEnv: string;
  /** Directory of the bootstrap. */
  runtimeDir: string;
  /** The host's environment (only PATH is taken from it). */
  hostEnv?: NodeJS.ProcessEnv;
  /** Extra variables set last (e.g. the environment's TMPDIR). */
  internal?: Record<string, string>;
}

const FALLBACK_PATH = '/usr/local/bin:/usr/bin:/bin';

const RESERVED = new Set<string>(LAMBDA_RESERVED_VARIABLES);

/**
 * The variables a Lambda function sees, as Lambda defines them
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 * The function's own variables come after the host's PATH and the defaults
 * (so a function may set them) but cannot replace a reserved Lambda variable.
 *
 * @example
 * const env = buildEnvironmentVariables({ fn, runtimeApi: '127.0.0.1:9001', logStreamName: '2024/01/01/[$LATEST]ab',
 *   executionEnv: 'AWS_Lambda_nodejs20.x', runtimeDir: '/opt/bootstrap' });
 * env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE; // '128'
 */
const buildEnvironmentVariables = ({
  fn,
  runtimeApi,
  logStreamName,
  executionEnv,
  runtimeDir,
  hostEnv = process.env,
  internal = {},
}: EnvironmentVariablesOptions): Record<string, string> => {
  const own = Object.fromEntries(Object.entries(fn.environment).filter(([key]) => !RESERVED.has(key)));
  return {
    PATH: hostEnv.PATH ?? FALLBACK_PATH,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PYTHONUNBUFFERED: '1',
    // The code directory is read-only on Lambda (/var/task): never write
    // bytecode caches next to the user's handler.
    PYTHONDONTWRITEBYTECODE: '1',
    ...own,
    _HANDLER: fn.handler,
    AWS_REGION: fn.region,
    AWS_DEFAULT_REGION: fn.region,
    AWS_EXECUTION_ENV: executionEnv,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMB),
    AWS_LAMBDA_FUNCTION_VERSION: fn.version,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_LAMBDA_LOG_FORMAT: fn.logFormat,
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    LAMBDA_TASK_ROOT: fn.codeDir,
    LAMBDA_RUNTIME_DIR: runtimeDir,
    ...internal,
  };
};

/**
 * A log stream name as Lambda makes them: `YYYY/MM/DD/[<version>]<32 hex>`.
 *
 * @example
 * logStreamNameFor({ version: '$LATEST', timeMs: 0, hex: '0'.repeat(32) }); // '1970/01/01/[$LATEST]000…'
 */
const logStreamNameFor = ({ version, timeMs, hex }: { version: string; timeMs: number; hex: string }): string => {
  const day = new Date(timeMs).toISOString().slice(0, 'YYYY-MM-DD'.length).replaceAll('-', '/');
  return `${day}/[${version}]${hex}`;
};

export { buildEnvironmentVariables, logStreamNameFor };
export type { EnvironmentVariablesOptions };
