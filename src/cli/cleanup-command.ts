/**
 * The exact `powertune cleanup` command line that undoes one run — printed
 * wherever a run may have left something behind.
 *
 * @module cli/cleanup-command
 */
import { resolve } from 'node:path';
import { DEFAULT_STATE_DIR } from './constants.js';

const SHELL_SAFE = /^[\w@%+=:,./-]+$/;

/** Quotes a path for POSIX shells when it needs it. */
const shellQuote = (text: string): string => (SHELL_SAFE.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`);

/**
 * `powertune cleanup --run <id>`, plus `--state-dir <dir>` unless the run
 * used the default state directory of `cwd`.
 *
 * @example
 * cleanupCommand({ runId: 'lx1abc', stateDir: '/tmp/s', cwd: '/home/me' });
 * // 'powertune cleanup --run lx1abc --state-dir /tmp/s'
 */
const cleanupCommand = ({ runId, stateDir, cwd }: { runId: string; stateDir: string; cwd: string }): string =>
  `powertune cleanup --run ${shellQuote(runId)}${resolve(cwd, DEFAULT_STATE_DIR) === resolve(cwd, stateDir) ? '' : ` --state-dir ${shellQuote(stateDir)}`}`;

export { cleanupCommand };
