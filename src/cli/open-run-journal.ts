/**
 * Opens the file journal of one run and tells the bin about it, the same way
 * for the main run and for every comparison run.
 *
 * @module cli/open-run-journal
 */
import { aliasPrefixOf } from '../core/index.js';
import { createFileJournal } from '../tuner/index.js';
import type { Journal } from '../tuner/index.js';
import type { CommandContext } from './types.js';

/**
 * Creates `<stateDir>/runs/<runId>.jsonl` for a run and reports it through
 * `context.onRunJournal`, so the bin can name it if a second Ctrl-C stops the
 * process. `region` stays undefined when the SDK's default chain chose it.
 *
 * @example
 * const journal = openRunJournal({ stateDir, runId, functionName: 'my-fn', region: 'eu-west-1', context });
 */
const openRunJournal = ({
  stateDir,
  runId,
  functionName,
  region,
  endpoint,
  context,
}: {
  stateDir: string;
  runId: string;
  functionName: string;
  region?: string | undefined;
  endpoint?: string | undefined;
  context: CommandContext;
}): Journal & { path: string } => {
  const journal = createFileJournal({
    stateDir,
    runId,
    functionName,
    ...(region === undefined ? {} : { region }),
    aliasPrefix: aliasPrefixOf(runId),
    ...(endpoint === undefined ? {} : { endpoint }),
  });
  context.onRunJournal?.({ runId, stateDir, journalPath: journal.path });
  return journal;
};

export { openRunJournal };
