import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRunJournal } from '../../../src/cli/open-run-journal.js';
import type { CommandContext, RunJournalInfo } from '../../../src/cli/types.js';
import { readUnfinishedRuns } from '../../../src/tuner/index.js';

let stateDir: string;
const contextWith = (seen: RunJournalInfo[]): CommandContext => ({
  argv: [],
  cwd: '/',
  env: {},
  stdout: { write: () => true },
  stderr: { write: () => true },
  onRunJournal: (info) => seen.push(info),
});

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'powertune-journal-'));
});

afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe('Function: openRunJournal', () => {
  it('reports the journal to the bin and records the run with its alias prefix, region and endpoint', async () => {
    // Prepare
    const seen: RunJournalInfo[] = [];

    // Act
    const journal = openRunJournal({
      stateDir,
      runId: 'r1',
      functionName: 'my-fn',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9001',
      context: contextWith(seen),
    });
    await journal.record({ type: 'create-alias', functionName: 'my-fn', name: 'pt-r1-128', version: '7' });

    // Assess
    expect(seen).toEqual([{ runId: 'r1', stateDir, journalPath: journal.path }]);
    const [run] = await readUnfinishedRuns({ stateDir });
    expect(run).toMatchObject({
      runId: 'r1',
      functionName: 'my-fn',
      region: 'eu-west-1',
      aliasPrefix: 'pt-r1-',
      endpoint: 'http://127.0.0.1:9001',
    });
  });

  it('records no region when the SDK default chain chose it', async () => {
    // Act
    const journal = openRunJournal({
      stateDir,
      runId: 'r2',
      functionName: 'my-fn',
      region: undefined,
      context: contextWith([]),
    });
    await journal.record({ type: 'create-alias', functionName: 'my-fn', name: 'pt-r2-128', version: '7' });

    // Assess
    expect(await readFile(journal.path, 'utf8')).not.toContain('"region"');
    const [run] = await readUnfinishedRuns({ stateDir });
    expect(run?.region).toBeUndefined();
  });
});
