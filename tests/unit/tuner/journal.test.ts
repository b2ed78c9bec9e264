import { mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateInput } from '../../../src/core/index.js';
import {
  cleanupFromJournal,
  createFileJournal,
  createRunLedger,
  journalPath,
  planRun,
  prepareSize,
  readUnfinishedRuns,
  runTuning,
} from '../../../src/tuner/index.js';
import { createFakeLambdaPort } from '../../helpers/fake-lambda-port.js';
import type { FakeLambda } from '../../helpers/fake-lambda-port.js';

const RUN_ID = 'crash1';

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'powertune-journal-'));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

/** Prepares two sizes with a file journal, then "crashes" (never cleans up). */
const crashAfterPreparing = async (lambda: FakeLambda): Promise<void> => {
  const input = validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: [256, 512], payload: 'SECRET-PAYLOAD' });
  const plan = await planRun({ input, lambda, runId: RUN_ID, env: {} });
  const journal = createFileJournal({
    stateDir,
    runId: RUN_ID,
    functionName: plan.functionName,
    region: plan.region,
    aliasPrefix: plan.aliasPrefix,
  });
  const tracker = createRunLedger({ journal });
  let latest = plan.original;
  for (const size of plan.sizes)
    latest = (await prepareSize({ plan, power: size.power, lambda, recorder: tracker.recorder, latest })).latest;
};

describe('Function: createFileJournal', () => {
  it('writes one JSON line per change, starting with the run header, and never the payload', async () => {
    // Prepare
    const lambda = createFakeLambdaPort();
    // Act
    await crashAfterPreparing(lambda);
    // Assess
    const text = await readFile(journalPath({ stateDir, runId: RUN_ID }), 'utf8');
    const types = text
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types).toEqual([
      'run-started',
      'update-config',
      'publish-version',
      'create-alias',
      'update-config',
      'publish-version',
      'create-alias',
    ]);
    expect(text).not.toContain('SECRET-PAYLOAD');
    expect(JSON.parse(text.split('\n')[1] ?? '')).toMatchObject({
      before: { memoryMB: 128, description: 'original' },
      after: { memoryMB: 256 },
    });
  });

  it('records each change before it is made: a failed update is already in the journal', async () => {
    const lambda = createFakeLambdaPort({
      failOn: (c) => (c.op === 'updateConfiguration' ? new Error('network down') : undefined),
    });
    await crashAfterPreparing(lambda).catch(() => undefined);
    const text = await readFile(journalPath({ stateDir, runId: RUN_ID }), 'utf8');
    expect(text).toContain('"type":"update-config"');
  });
});

describe('Function: readUnfinishedRuns', () => {
  it('lists a crashed run with its function, region and entries, and skips finished runs', async () => {
    // Prepare
    await crashAfterPreparing(createFakeLambdaPort());
    const other = createFileJournal({
      stateDir,
      runId: 'done1',
      functionName: 'f',
      region: 'eu-west-1',
      aliasPrefix: 'pt-done1-',
    });
    await other.record({ type: 'create-alias', functionName: 'f', name: 'pt-done1-128', version: '1' });
    await other.finish();
    // Act
    const runs = await readUnfinishedRuns({ stateDir });
    // Assess
    expect(runs.map((r) => [r.runId, r.functionName, r.region, r.aliasPrefix])).toEqual([
      [RUN_ID, 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn', 'eu-west-1', `pt-${RUN_ID}-`],
    ]);
    expect(runs[0]?.entries).toHaveLength(7);
  });

  it('returns nothing when the state directory has no runs yet', async () => {
    await expect(readUnfinishedRuns({ stateDir: join(stateDir, 'missing') })).resolves.toEqual([]);
  });

  it('tolerates a last line cut short by a crash', async () => {
    await crashAfterPreparing(createFakeLambdaPort());
    await appendFile(journalPath({ stateDir, runId: RUN_ID }), '{"type":"create-al');
    const [run] = await readUnfinishedRuns({ stateDir });
    expect(run?.entries).toHaveLength(7);
  });
});

describe('Function: cleanupFromJournal', () => {
  it('undoes a crashed run from its journal, then marks it finished', async () => {
    // Prepare
    const lambda = createFakeLambdaPort({
      versions: [{ version: '1', memoryMB: 64 }],
      aliases: [{ name: 'live', version: '1' }],
    });
    await crashAfterPreparing(lambda);
    expect([...lambda.aliases.keys()]).toEqual(['live', 'pt-crash1-256', 'pt-crash1-512']);
    expect(lambda.latest.memoryMB).toBe(512);
    const [run] = await readUnfinishedRuns({ stateDir });
    // Act
    const report = await cleanupFromJournal({
      entries: run?.entries ?? [],
      lambda,
      journal: createFileJournal({
        stateDir,
        runId: RUN_ID,
        functionName: run?.functionName ?? '',
        region: run?.region ?? '',
        aliasPrefix: run?.aliasPrefix ?? '',
      }),
    });
    // Assess
    expect(report).toMatchObject({
      deletedAliases: ['pt-crash1-256', 'pt-crash1-512'],
      deletedVersions: ['2', '3'],
      restored: true,
      complete: true,
    });
    expect([...lambda.aliases.keys()]).toEqual(['live']);
    expect([...lambda.versions.keys()]).toEqual(['1']);
    expect(lambda.latest).toMatchObject({ memoryMB: 128, description: 'original' });
    await expect(readUnfinishedRuns({ stateDir })).resolves.toEqual([]);
  });

  it('is idempotent: a second cleanup deletes and changes nothing', async () => {
    const lambda = createFakeLambdaPort();
    await crashAfterPreparing(lambda);
    const [run] = await readUnfinishedRuns({ stateDir });
    await cleanupFromJournal({ entries: run?.entries ?? [], lambda });
    const callsBefore = lambda.callsOf('updateConfiguration').length;
    // Act
    const again = await cleanupFromJournal({ entries: run?.entries ?? [], lambda });
    // Assess
    expect(again).toMatchObject({ deletedAliases: [], deletedVersions: [], restored: true, complete: true });
    expect(lambda.callsOf('updateConfiguration')).toHaveLength(callsBefore);
    expect(lambda.latest.memoryMB).toBe(128);
  });

  it('refuses to delete aliases outside the run prefix even if a tampered journal names them', async () => {
    const lambda = createFakeLambdaPort({
      versions: [{ version: '1', memoryMB: 128 }],
      aliases: [{ name: 'live', version: '1' }],
    });
    const entries = [
      {
        type: 'run-started' as const,
        runId: 'x',
        functionName: 'my-fn',
        region: 'eu-west-1',
        aliasPrefix: 'pt-x-',
        at: '',
      },
      { type: 'create-alias' as const, functionName: 'my-fn', name: 'live', version: '1' },
    ];
    const report = await cleanupFromJournal({ entries, lambda });
    expect(lambda.aliases.has('live')).toBe(true);
    expect(report.skipped).toContainEqual(expect.objectContaining({ kind: 'alias', name: 'live' }));
  });

  it('leaves the journal unfinished when a delete fails, so a later cleanup can finish it', async () => {
    let failing = true;
    const lambda = createFakeLambdaPort({
      failOn: (c) => (failing && c.op === 'deleteVersion' ? new Error('throttled') : undefined),
    });
    await crashAfterPreparing(lambda);
    const [run] = await readUnfinishedRuns({ stateDir });
    const reopen = (): ReturnType<typeof createFileJournal> =>
      createFileJournal({
        stateDir,
        runId: RUN_ID,
        functionName: run?.functionName ?? '',
        region: 'eu-west-1',
        aliasPrefix: run?.aliasPrefix ?? '',
      });
    const first = await cleanupFromJournal({ entries: run?.entries ?? [], lambda, journal: reopen() });
    expect(first.complete).toBe(false);
    expect(await readUnfinishedRuns({ stateDir })).toHaveLength(1);
    failing = false;
    const [again] = await readUnfinishedRuns({ stateDir });
    const second = await cleanupFromJournal({ entries: again?.entries ?? [], lambda, journal: reopen() });
    expect(second).toMatchObject({ complete: true, deletedVersions: ['1', '2'] });
    expect(await readUnfinishedRuns({ stateDir })).toEqual([]);
  });
});

describe('Function: runTuning with a file journal', () => {
  it('finishes the journal of a successful run, so cleanup has nothing to do', async () => {
    const lambda = createFakeLambdaPort();
    const input = validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: [256] });
    const journal = createFileJournal({
      stateDir,
      runId: 'ok1',
      functionName: 'my-fn',
      region: 'eu-west-1',
      aliasPrefix: 'pt-ok1-',
    });
    await runTuning({ input, lambda, journal, runId: 'ok1' });
    await expect(readUnfinishedRuns({ stateDir })).resolves.toEqual([]);
    const text = await readFile(journalPath({ stateDir, runId: 'ok1' }), 'utf8');
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { type: string }).type),
    ).toEqual([
      'run-started',
      'update-config',
      'publish-version',
      'create-alias',
      'update-config',
      'cleanup-done',
      'finished',
    ]);
  });

  it('reports an unwritable state directory as a JournalError before changing the function', async () => {
    const blocker = join(stateDir, 'file');
    await writeFile(blocker, 'not a directory');
    const lambda = createFakeLambdaPort();
    const journal = createFileJournal({
      stateDir: blocker,
      runId: 'w1',
      functionName: 'my-fn',
      region: 'eu-west-1',
      aliasPrefix: 'pt-w1-',
    });
    const error = await runTuning({
      input: validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: [128] }),
      lambda,
      journal,
      runId: 'w1',
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('JournalError');
    expect(lambda.callsOf('updateConfiguration')).toHaveLength(0);
  });
});
