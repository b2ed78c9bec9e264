/**
 * What the CLI prints when a second Ctrl-C stops it before cleanup
 * finished: whether anything was changed, and the exact command that undoes
 * it.
 *
 * @module cli/describe-hard-stop
 */
import { readFileSync } from 'node:fs';
import { cleanupCommand } from './cleanup-command.js';
import type { RunJournalInfo } from './types.js';

/** The journal text, or `undefined` when it was never written (the run changed nothing). */
const readJournal = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * The message of a hard stop. Synchronous: it runs inside a signal handler
 * right before `process.exit`. Lists every run of this process whose
 * journal exists and is not marked finished (an architecture comparison
 * tunes temporary copies under journals of their own).
 *
 * @example
 * describeHardStop({ runs: [{ runId: 'lx1abc', stateDir: '/w/.powertune', journalPath: '/w/.powertune/runs/lx1abc.jsonl' }], command: 'tune', cwd: '/w' });
 * // 'powertune: stopped at once, before cleanup finished; … powertune cleanup --run lx1abc'
 */
const describeHardStop = ({
  runs = [],
  command,
  cwd,
  read = readJournal,
}: {
  /** The journals this process opened, in order. */
  runs?: readonly RunJournalInfo[];
  /** The subcommand that was running (`tune`, `cleanup`, …). */
  command?: string | undefined;
  /** Working directory of the process (decides whether `--state-dir` must be spelled out). */
  cwd: string;
  read?: (path: string) => string | undefined;
}): string => {
  const open = runs.filter((run) => {
    const text = read(run.journalPath);
    return text !== undefined && !text.includes('"type":"finished"');
  });
  if (open.length > 0) {
    return (
      `powertune: stopped at once, before cleanup finished; run ${open.map((run) => run.runId).join(', ')} may have left aliases, versions, a temporary function copy or a changed $LATEST behind. ` +
      `Every change is in the journal (${open.map((run) => run.journalPath).join(', ')}); undo them with:\n` +
      open.map((run) => `  ${cleanupCommand({ runId: run.runId, stateDir: run.stateDir, cwd })}`).join('\n')
    );
  }
  if (command === 'cleanup') {
    return 'powertune: stopped at once; the journals of unfinished runs are kept. Run "powertune cleanup" again to finish.';
  }
  return 'powertune: stopped at once; no change had been made to any function, so there is nothing to undo.';
};

export { describeHardStop };
