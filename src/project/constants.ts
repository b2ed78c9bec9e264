/**
 * Constants of reading a project: which files are handlers, which runtime
 * a file gets when nothing names one, and Lambda's limits the flags check.
 *
 * @module project/constants
 */

/** Runtime a handler file gets when no template names one. */
const DEFAULT_RUNTIME_BY_EXTENSION = {
  '.mjs': 'nodejs22.x',
  '.js': 'nodejs22.x',
  '.cjs': 'nodejs22.x',
  '.ts': 'nodejs22.x',
  '.mts': 'nodejs22.x',
  '.cts': 'nodejs22.x',
  '.py': 'python3.12',
} as const;

/** TypeScript sources: built with esbuild (with source maps) before packaging. */
const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts'] as const;

/** Lambda's timeout bounds, in seconds. */
const TIMEOUT_LIMITS = { min: 1, max: 900 } as const;

/** Timeout of a local function when neither `--timeout` nor a template sets one (the examples run for seconds at 128 MB). */
const DEFAULT_LOCAL_TIMEOUT_SECONDS = 60;

/** Python handler names tried in order when none is given: Lambda's console default first. */
const PYTHON_DEFAULT_HANDLERS = ['lambda_handler', 'handler'] as const;

/** Node.js handler export when none is given. */
const NODE_DEFAULT_HANDLER = 'handler';

/** Provided by the Lambda Node.js runtime; kept out of a bundle, as SAM's esbuild builder does. */
const BUNDLE_EXTERNALS = ['@aws-sdk/*'] as const;

/** Never packaged from a code root: version control, editor and tool state, build caches. */
const SKIPPED_NAMES = new Set(['node_modules', '.git', '.aws-sam', 'cdk.out', '.powertune', '__pycache__']);

export {
  BUNDLE_EXTERNALS,
  DEFAULT_LOCAL_TIMEOUT_SECONDS,
  DEFAULT_RUNTIME_BY_EXTENSION,
  NODE_DEFAULT_HANDLER,
  PYTHON_DEFAULT_HANDLERS,
  SKIPPED_NAMES,
  TIMEOUT_LIMITS,
  TYPESCRIPT_EXTENSIONS,
};
