/**
 * What the CLI prints when a second Ctrl-C stops it before cleanup
 * finished: whether anything was changed, and the exact command that undoes
 * it.
 *
 * @module cli/describe-hard-stop
 */
import { existsSync } from 'node:fs';
import { cleanupCommand } from './cleanup-command.js';
import type { RunJournalInfo } from './types.js';

/**
 * The message of a hard stop. Synchronous: it runs inside a signal handler
 * right before `process.exit`.
 *
 * @example
 * describeHardStop({ run: { runId: 'lx1abc', stateDir: '/w/.powertune', journalPath: '/w/.powertune/runs/lx1abc.jsonl' }, command: 'tune', cwd: '/w' });
 * // 'powertune: stopped at once, before cleanup finished. … powertune cleanup --run lx1abc'
 */
const describeHardStop = ({
  run,
  command,
  cwd,
  exists = existsSync,
}: {
  /** The journal of the run in progress, if one was opened. */
  run?: RunJournalInfo | undefined;
  /** The subcommand that was running (`tune`, `cleanup`, …). */
  command?: string | undefined;
  /** Working directory of the process (decides whether `--state-dir` must be spelled out). */
  cwd: string;
  exists?: (path: string) => boolean;
}): string => {
  if (run !== undefined && exists(run.journalPath)) {
    return (
      `powertune: stopped at once, before cleanup finished; run ${run.runId} may have left aliases, versions or a changed $LATEST behind. ` +
      `Every change is in its journal (${run.journalPath}); undo them with:\n  ${cleanupCommand({ runId: run.runId, stateDir: run.stateDir, cwd })}`
    );
  }
  if (command === 'cleanup') {
    return 'powertune: stopped at once; the journals of unfinished runs are kept. Run "powertune cleanup" again to finish.';
  }
  return 'powertune: stopped at once; no change had been made to any function, so there is nothing to undo.';
};

export { describeHardStop };
