/**
 * The run journal (ARCHITECTURE.md, "Glossary"): every change to the user's
 * function is recorded BEFORE it is made, so a crashed run can be undone
 * later by `powertune cleanup`. Journals never contain payloads.
 *
 * @module tuner/journal
 */
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_DIR, JOURNAL_EXTENSION } from './constants.js';
import { JournalError } from './errors.js';
import type { Clock, Journal, JournalEntry, RunLedger } from './types.js';

/** An in-memory journal; `entries` and `finished` are there to inspect. */
interface MemoryJournal extends Journal {
  readonly entries: JournalEntry[];
  readonly finished: boolean;
}

/**
 * A journal kept in memory (the default when no state directory is used).
 *
 * @example
 * const journal = createMemoryJournal();
 * await runTuning({ input, lambda, journal });
 * journal.entries; // [{ type: 'update-config', … }, …]
 */
const createMemoryJournal = (): MemoryJournal => {
  const entries: JournalEntry[] = [];
  let finished = false;
  return {
    entries,
    get finished(): boolean {
      return finished;
    },
    record: async (entry) => {
      entries.push(structuredClone(entry));
    },
    finish: async () => {
      finished = true;
      entries.push({ type: 'finished', at: new Date().toISOString() });
    },
  };
};

interface FileJournalOptions {
  /** powertune's state directory (e.g. `~/.powertune`). */
  stateDir: string;
  runId: string;
  functionName: string;
  /** The run's region; undefined when the SDK's default chain (`~/.aws/config`) chose it, so cleanup lets the chain choose again. */
  region?: string | undefined;
  aliasPrefix: string;
  endpoint?: string;
  clock?: Clock;
  /** The process writing the journal (default: this one), recorded in `run-started`. */
  owner?: { pid: number; host: string };
}

/** Path of a run's journal file. */
const journalPath = ({ stateDir, runId }: { stateDir: string; runId: string }): string =>
  join(stateDir, JOURNAL_DIR, `${runId}${JOURNAL_EXTENSION}`);

/**
 * A journal that appends JSON lines to `<stateDir>/runs/<runId>.jsonl` and
 * flushes each line to disk (`fdatasync`) before the change it describes is
 * made. The first line (`run-started`) says which function, region and
 * endpoint the run talked to. Opening an existing run's journal appends to it.
 *
 * @example
 * const journal = createFileJournal({ stateDir, runId, functionName: 'my-fn', region: 'eu-west-1', aliasPrefix: `pt-${runId}-` });
 */
const createFileJournal = ({
  stateDir,
  runId,
  functionName,
  region,
  aliasPrefix,
  endpoint,
  clock = { now: () => new Date() },
  owner = { pid: process.pid, host: hostname() },
}: FileJournalOptions): Journal & { path: string } => {
  const path = journalPath({ stateDir, runId });
  let started = false;
  let queue: Promise<void> = Promise.resolve();
  const append = async (entries: JournalEntry[]): Promise<void> => {
    try {
      if (!started) await mkdir(join(stateDir, JOURNAL_DIR), { recursive: true });
      const handle = await open(path, 'a');
      try {
        await handle.writeFile(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
        await handle.datasync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw new JournalError({ path, operation: 'write', cause: error });
    }
  };
  const write = (entry: JournalEntry): Promise<void> => {
    const lines: JournalEntry[] = [];
    if (!started && entry.type !== 'run-started') {
      lines.push({
        type: 'run-started',
        runId,
        functionName,
        ...(region !== undefined ? { region } : {}),
        aliasPrefix,
        ...(endpoint !== undefined ? { endpoint } : {}),
        at: clock.now().toISOString(),
        pid: owner.pid,
        host: owner.host,
      });
    }
    lines.push(entry);
    // Appends are serialised so lines never interleave.
    const next = queue
      .then(() => append(lines))
      .then(() => {
        started = true;
      });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    path,
    record: (entry) => write(entry),
    finish: () => write({ type: 'finished', at: clock.now().toISOString() }),
  };
};

/** A run whose journal has no `finished` line: it may have left resources behind. */
interface UnfinishedRun {
  runId: string;
  path: string;
  functionName: string;
  /** Undefined when the run's region came from the SDK's default chain. */
  region?: string;
  aliasPrefix: string;
  endpoint?: string;
  startedAt?: string;
  /** Process and host that wrote the journal (absent in journals of older versions). */
  pid?: number;
  host?: string;
  entries: JournalEntry[];
}

const parseLines = (text: string): JournalEntry[] => {
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // A crash can cut the last line short; everything before it still counts.
    }
  }
  return entries;
};

/**
 * Lists the runs under `stateDir` that were never finished (crashed or
 * killed), oldest first.
 *
 * @example
 * for (const run of await readUnfinishedRuns({ stateDir })) console.log(run.runId, run.functionName);
 */
const readUnfinishedRuns = async ({ stateDir }: { stateDir: string }): Promise<UnfinishedRun[]> => {
  const dir = join(stateDir, JOURNAL_DIR);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw new JournalError({ path: dir, operation: 'read', cause: error });
  }
  const runs: UnfinishedRun[] = [];
  for (const name of names.filter((n) => n.endsWith(JOURNAL_EXTENSION)).sort()) {
    const path = join(dir, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new JournalError({ path, operation: 'read', cause: error });
    }
    const entries = parseLines(text);
    if (entries.some((e) => e.type === 'finished')) continue;
    const header = entries.find((e) => e.type === 'run-started');
    if (header?.type !== 'run-started') continue;
    runs.push({
      runId: header.runId,
      path,
      functionName: header.functionName,
      ...(header.region !== undefined ? { region: header.region } : {}),
      aliasPrefix: header.aliasPrefix,
      ...(header.endpoint !== undefined ? { endpoint: header.endpoint } : {}),
      startedAt: header.at,
      ...(header.pid !== undefined ? { pid: header.pid } : {}),
      ...(header.host !== undefined ? { host: header.host } : {}),
      entries,
    });
  }
  return runs;
};

/**
 * Folds journal entries into what the run created and last set.
 *
 * @example
 * const ledger = ledgerFromEntries(journal.entries);
 */
const ledgerFromEntries = (
  entries: readonly JournalEntry[],
): RunLedger & { original?: { memoryMB: number; description: string } } => {
  const ledger: RunLedger & { original?: { memoryMB: number; description: string } } = {
    aliases: [],
    versions: [],
    setByRun: [],
  };
  for (const entry of entries) {
    switch (entry.type) {
      case 'update-config':
        if (ledger.original === undefined)
          ledger.original = { memoryMB: entry.before.memoryMB, description: entry.before.description };
        ledger.setByRun.push({ ...entry.after });
        break;
      case 'publish-version':
        if (entry.keep !== true) ledger.versions.push({ version: entry.version, preExisted: entry.preExisted });
        break;
      case 'create-alias':
        if (!ledger.aliases.includes(entry.name)) ledger.aliases.push(entry.name);
        break;
      case 'apply-optimal':
        ledger.applied = true;
        break;
      default:
        break;
    }
  }
  return ledger;
};

export { createFileJournal, createMemoryJournal, journalPath, ledgerFromEntries, readUnfinishedRuns };
export type { FileJournalOptions, MemoryJournal, UnfinishedRun };
