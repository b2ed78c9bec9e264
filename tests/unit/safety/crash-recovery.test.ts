import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runVersionDescription } from '../../../src/core/index.js';
import { cleanupFromJournal, createFileJournal, readUnfinishedRuns } from '../../../src/tuner/index.js';
import type { JournalEntry } from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';
import { runCli } from '../../helpers/run-cli.js';

let stateDir: string;

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'powertune-recovery-'));
});

afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe('Function: cleanupFromJournal — a run killed right after PublishVersion answered', () => {
  it('deletes the unjournalled version carrying the run marker, and no version of the user or of another run', async () => {
    // Prepare: the journal says $LATEST was set to 1024 MB, then the process died before recording the version.
    const lambda = createFakeLambdaPort({
      memoryMB: 1024,
      description: 'api',
      versions: [
        { version: '1', memoryMB: 512, description: 'user release' },
        { version: '2', memoryMB: 256, description: runVersionDescription('pt-other-256') },
        { version: '3', memoryMB: 1024, description: runVersionDescription('pt-crashed-1024') },
      ],
      aliases: [{ name: 'live', version: '1' }],
    });
    const entries: JournalEntry[] = [
      {
        type: 'run-started',
        runId: 'crashed',
        functionName: 'my-fn',
        region: 'eu-west-1',
        aliasPrefix: 'pt-crashed-',
        at: '',
      },
      {
        type: 'update-config',
        functionName: 'my-fn',
        before: { memoryMB: 512, description: 'api' },
        after: { memoryMB: 1024, description: 'api' },
      },
    ];

    // Act
    const report = await cleanupFromJournal({ entries, lambda });

    // Assess
    expect(report).toMatchObject({ deletedVersions: ['3'], restored: true, complete: true });
    expect([...lambda.versions.keys()].sort()).toEqual(['1', '2']);
    expect(lambda.latest).toMatchObject({ memoryMB: 512, description: 'api' });
  });
});

describe('Function: createFileJournal — owner', () => {
  it('records the pid and host of the run, which readUnfinishedRuns returns', async () => {
    // Prepare
    const journal = createFileJournal({
      stateDir,
      runId: 'r1',
      functionName: 'my-fn',
      region: 'eu-west-1',
      aliasPrefix: 'pt-r1-',
      owner: { pid: 4242, host: 'laptop' },
    });

    // Act
    await journal.record({ type: 'create-alias', functionName: 'my-fn', name: 'pt-r1-128', version: '7' });
    const runs = await readUnfinishedRuns({ stateDir });

    // Assess
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ runId: 'r1', pid: 4242, host: 'laptop' });
  });
});

describe('Command: powertune cleanup — a run that is still going', () => {
  it('skips a run whose process is alive on this host, says so, and keeps its journal unfinished', async () => {
    // Prepare: a journal owned by a live process (our parent).
    const journal = createFileJournal({
      stateDir,
      runId: 'live1',
      functionName: 'my-fn',
      region: 'eu-west-1',
      aliasPrefix: 'pt-live1-',
      endpoint: 'http://127.0.0.1:9',
      owner: { pid: process.ppid, host: hostname() },
    });
    await journal.record({ type: 'create-alias', functionName: 'my-fn', name: 'pt-live1-128', version: '7' });

    // Act
    const listed = await runCli(['cleanup', '--list', '--state-dir', stateDir]);
    const cleaned = await runCli(['cleanup', '--state-dir', stateDir]);

    // Assess
    expect(listed.stdout).toMatch(
      new RegExp(`live1 {2}my-fn {2}eu-west-1 .* still running \\(process ${process.ppid}\\)`, 'u'),
    );
    expect(cleaned.code).toBe(0);
    expect(cleaned.stdout).toMatch(
      new RegExp(`run live1 on my-fn: skipped, its process ${process.ppid} is still running`, 'u'),
    );
    expect((await readUnfinishedRuns({ stateDir })).map((run) => run.runId)).toEqual(['live1']);
  });
});
