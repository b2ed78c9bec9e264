/**
 * Concurrency safety on the emulator: two runs on one function at once,
 * and someone else changing `$LATEST` while a run measures, publishes or
 * restores. powertune must never delete what is not its own, never measure
 * someone else's settings under its alias, and never overwrite a change it
 * did not make when it restores.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLeftovers, REGION, snapshotFunction, startSafetyWorld } from './helpers/emulator-fixture.js';
import type { SafetyWorld } from './helpers/emulator-fixture.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import type { FaultProxy, FaultRule } from './helpers/fault-proxy.js';
import { deployAndSnapshot, leftoversOn, runTune, SMALL_RUN, withProxyRule } from './safety-harness.js';
import type { TuneOptions } from './safety-harness.js';

const WAIT = { maxWaitTime: 20, minDelay: 1, maxDelay: 1 };
const HOTFIX = { MemorySize: 777, Description: 'hotfix deployed during the run' } as const;

interface RunResult {
  power: number;
  samples?: Array<{ power: number; report?: { memorySizeMB?: number } }>;
}

let world: SafetyWorld;
let proxy: FaultProxy;
let stateRoot: string;

/** Someone else (a deploy, a colleague) changes `$LATEST` out of band and waits for it to settle. */
const changeLatestOutOfBand = async (name: string): Promise<void> => {
  await world.client.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, ...HOTFIX }));
  await waitUntilFunctionUpdatedV2({ client: world.client, ...WAIT }, { FunctionName: name });
};

/** A small run of `name` through the fault proxy, journalling under its own state dir; `options` follow. */
const tuneThroughProxy = ({ name, options = [] }: Pick<TuneOptions, 'name' | 'options'>): ReturnType<typeof runTune> =>
  runTune({ name, endpoint: proxy.endpoint, stateDir: join(stateRoot, name), options: [...SMALL_RUN, ...options] });

/** Alias names a run journalled as created. */
const journalledAliases = async (stateDir: string): Promise<string[]> => {
  const dir = join(stateDir, 'runs');
  const names: string[] = [];
  for (const file of await readdir(dir)) {
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      if (line.includes('"type":"create-alias"')) names.push((JSON.parse(line) as { name: string }).name);
    }
  }
  return names;
};

/** Every counted sample ran at the memory size it is filed under. */
const expectMeasuredAtOwnSizes = (result: RunResult): void => {
  expect(result.samples?.length ?? 0).toBeGreaterThan(0);
  for (const sample of result.samples ?? []) expect(sample.report?.memorySizeMB).toBe(sample.power);
};

beforeAll(async () => {
  world = await startSafetyWorld({ cpuMode: 'virtual-time' });
  proxy = await startFaultProxy({ target: world.emulator.endpoint });
  stateRoot = await mkdtemp(join(tmpdir(), 'powertune-concurrency-'));
});

afterAll(async () => {
  await proxy?.stop();
  await world?.stop();
  if (stateRoot !== undefined) await rm(stateRoot, { recursive: true, force: true });
}, 30_000);

describe('Concurrency: two runs on the same function at once', () => {
  it('lets both finish, each measuring its own sizes, deleting only its own aliases, and $LATEST ends as it started', async () => {
    // Prepare
    const name = 'shared';
    const before = await deployAndSnapshot({ client: world.client, name });
    const dirs = [join(stateRoot, 'a'), join(stateRoot, 'b')];
    const tune = (stateDir: string, sizes: string): ReturnType<typeof runTune> =>
      runTune({
        name,
        endpoint: world.emulator.endpoint,
        stateDir,
        options: ['--num', '5', '--power-values', sizes, '--region', REGION, '--json'],
      });

    // Act
    const [a, b] = await Promise.all([tune(dirs[0] ?? '', '128,256,512'), tune(dirs[1] ?? '', '256,1024')]);

    // Assess
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    expectMeasuredAtOwnSizes(JSON.parse(a.stdout) as RunResult);
    expectMeasuredAtOwnSizes(JSON.parse(b.stdout) as RunResult);
    const [aliasesA, aliasesB] = [await journalledAliases(dirs[0] ?? ''), await journalledAliases(dirs[1] ?? '')];
    expect(aliasesA).toHaveLength(3);
    expect(aliasesB).toHaveLength(2);
    expect(aliasesA.filter((alias) => aliasesB.includes(alias))).toEqual([]);
    expect(await leftoversOn({ client: world.client, name, before })).toEqual([]);
  });
});

describe('Concurrency: someone else changes $LATEST during a run', () => {
  it('re-applies the size when $LATEST changed between its update and PublishVersion, so it never measures their settings', async () => {
    // Prepare
    const name = 'race-publish';
    const before = await deployAndSnapshot({ client: world.client, name });
    let raced = false;
    const rule: FaultRule = async (call) => {
      if (call.operation === 'PublishVersion' && !raced) {
        raced = true;
        await changeLatestOutOfBand(name);
      }
      return undefined;
    };

    // Act
    const run = await withProxyRule({ proxy, rule }, () => tuneThroughProxy({ name, options: ['--json'] }));

    // Assess
    expect(raced).toBe(true);
    expect(proxy.responses['PublishVersion 412']).toBe(1);
    expect(run.code).toBe(0);
    expectMeasuredAtOwnSizes(JSON.parse(run.stdout) as RunResult);
    expect(await leftoversOn({ client: world.client, name, before })).toEqual([]);
  });

  it.each([
    [
      'during the run',
      'DeleteAlias',
      /\$LATEST of \S+ was changed by someone else during the run \(now 777 MB[^)]*\), so it was left as is/u,
    ],
    [
      'while it restores',
      'UpdateFunctionConfiguration',
      /\$LATEST of \S+ changed while powertune was restoring it, so it was left as is/u,
    ],
  ])('leaves a change made %s in place and warns with the command to restore', async (_label, operation, warning) => {
    // Prepare
    const name = `race-${operation}`;
    const before = await deployAndSnapshot({ client: world.client, name });
    // Two sizes make two updates; the third UpdateFunctionConfiguration is the restore.
    const at = operation === 'UpdateFunctionConfiguration' ? 3 : 1;
    let calls = 0;
    const rule: FaultRule = async (call) => {
      if (call.operation === operation) {
        calls += 1;
        if (calls === at) await changeLatestOutOfBand(name);
      }
      return undefined;
    };

    // Act
    const run = await withProxyRule({ proxy, rule }, () => tuneThroughProxy({ name }));
    const after = await snapshotFunction({ client: world.client, name });

    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(warning);
    expect(run.stderr).toContain(
      `--memory-size ${before.memoryMB} --description ${JSON.stringify(before.description)}`,
    );
    expect({ memoryMB: after.memoryMB, description: after.description }).toEqual({
      memoryMB: HOTFIX.MemorySize,
      description: HOTFIX.Description,
    });
    // Everything else the run made is gone, and the user's alias and version are untouched.
    expect(
      findLeftovers({ before, after: { ...after, memoryMB: before.memoryMB, description: before.description } }),
    ).toEqual([]);
  });
});
