/**
 * How to start the runtime process of an environment: which interpreter,
 * which bootstrap, which flags. The emulator runs handlers with the host's
 * interpreters — this Node.js for every `nodejs*.x` runtime, and
 * `python3.<minor>` when it is on PATH, else `python3`, for `python3.*`
 * (resolved through version-manager shims to the real binary).
 *
 * The bootstraps are plain files shipped beside this module in
 * `bootstrap/`; a build must copy `src/emulator/runtime/bootstrap/*` to
 * `dist/emulator/runtime/bootstrap/`. When it did not, the copy in `src/`
 * next to `dist/` is used.
 *
 * @module emulator/runtime/runtime-command
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { INTERPRETER_PROBE_TIMEOUT_MS, NODE_HEAP_SHARE } from './constants.js';
import { BootstrapNotFoundError, UnsupportedRuntimeError } from './errors.js';

type RuntimeFamily = 'node' | 'python';

interface RuntimeCommand {
  family: RuntimeFamily;
  command: string;
  args: string[];
  /** Directory of the bootstrap (`LAMBDA_RUNTIME_DIR`). */
  runtimeDir: string;
  /** `AWS_EXECUTION_ENV`, e.g. `AWS_Lambda_nodejs20.x`. */
  executionEnv: string;
}

const BOOTSTRAP_FILES = { node: 'node-bootstrap.mjs', python: 'python-bootstrap.py' } as const;

/**
 * Whether the emulator can run a Lambda runtime identifier.
 *
 * @example
 * isSupportedRuntime('nodejs22.x'); // true
 * isSupportedRuntime('java21');     // false
 */
const isSupportedRuntime = (runtime: string): boolean =>
  /^nodejs\d+\.x$/.test(runtime) || /^python3\.\d+$/.test(runtime);

const runtimeFamily = (runtime: string): RuntimeFamily => {
  if (/^nodejs\d+\.x$/.test(runtime)) return 'node';
  if (/^python3\.\d+$/.test(runtime)) return 'python';
  throw new UnsupportedRuntimeError({ runtime });
};

/** Directories that may hold the bootstraps, best first. */
const bootstrapCandidates = (): string[] => {
  const here = fileURLToPath(new URL('./bootstrap/', import.meta.url));
  const sourceNextToDist = fileURLToPath(new URL('../../../src/emulator/runtime/bootstrap/', import.meta.url));
  return [here, sourceNextToDist];
};

/**
 * The absolute path of a bootstrap file.
 *
 * @example
 * resolveBootstrap('node'); // '/…/emulator/runtime/bootstrap/node-bootstrap.mjs'
 */
const resolveBootstrap = (family: RuntimeFamily, candidates: string[] = bootstrapCandidates()): string => {
  const file = BOOTSTRAP_FILES[family];
  for (const dir of candidates) {
    const path = join(dir, file);
    if (existsSync(path)) return path;
  }
  throw new BootstrapNotFoundError({ file, searched: candidates });
};

/** First file of that name on PATH, or undefined. */
const findOnPath = (name: string, path: string = process.env.PATH ?? ''): string | undefined => {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
};

const realInterpreters = new Map<string, string | undefined>();

/**
 * The interpreter a `python3…` on PATH really is, or undefined when it does
 * not run. Version managers (pyenv, asdf) put shell shims on PATH that need
 * the host's environment, which an execution environment does not get, and
 * that fail for versions not selected; asking Python for `sys.executable`
 * once gives the binary itself.
 */
const realPython = (candidate: string): string | undefined => {
  if (realInterpreters.has(candidate)) return realInterpreters.get(candidate);
  let real: string | undefined;
  try {
    real = execFileSync(candidate, ['-c', 'import sys; print(sys.executable)'], {
      encoding: 'utf8',
      timeout: INTERPRETER_PROBE_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (real === '') real = candidate;
  } catch {
    real = undefined;
  }
  realInterpreters.set(candidate, real);
  return real;
};

/**
 * The command that starts an environment's runtime process.
 *
 * @example
 * const { command, args } = resolveRuntimeCommand({ runtime: 'nodejs20.x', memorySizeMB: 1024 });
 * // command: process.execPath, args: ['--max-old-space-size=921', '/…/node-bootstrap.mjs']
 */
const resolveRuntimeCommand = ({
  runtime,
  memorySizeMB,
  hostPath,
}: {
  runtime: string;
  memorySizeMB: number;
  hostPath?: string;
}): RuntimeCommand => {
  const family = runtimeFamily(runtime);
  const bootstrap = resolveBootstrap(family);
  const runtimeDir = join(bootstrap, '..');
  const executionEnv = `AWS_Lambda_${runtime}`;
  if (family === 'node') {
    // Lambda's Node.js runtime sizes V8's old space from the memory setting;
    // without it a 128 MB function could grow a 2 GB heap before being killed.
    const heapMB = Math.floor(memorySizeMB * NODE_HEAP_SHARE);
    return {
      family,
      command: process.execPath,
      args: [`--max-old-space-size=${heapMB}`, bootstrap],
      runtimeDir,
      executionEnv,
    };
  }
  let python: string | undefined;
  for (const name of [runtime, 'python3']) {
    const candidate = findOnPath(name, hostPath);
    python = candidate === undefined ? undefined : realPython(candidate);
    if (python !== undefined) break;
  }
  return { family, command: python ?? 'python3', args: ['-u', bootstrap], runtimeDir, executionEnv };
};

export { isSupportedRuntime, resolveBootstrap, resolveRuntimeCommand };
export type { RuntimeCommand, RuntimeFamily };
