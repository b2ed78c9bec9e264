/**
 * Safety under faults: powertune tunes a "production" function on the
 * emulator while the Lambda API throttles, fails with 5xx, answers slowly,
 * the function times out or runs out of memory, and the tuner itself is
 * interrupted (SIGINT, twice) or killed (SIGKILL) at seeded random points.
 * After each: no alias or version of the run remains, `$LATEST` is as it
 * was, the user's own alias and version are untouched, and the exit code
 * and message say what happened.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import {
  findLeftovers,
  MEMORY_SENSITIVE_HANDLER,
  REGION,
  snapshotFunction,
  startSafetyWorld,
} from './helpers/emulator-fixture.js';
import type { FunctionSnapshot, SafetyWorld } from './helpers/emulator-fixture.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import type { FaultProxy, FaultRule, InjectedError } from './helpers/fault-proxy.js';
import { randomInt, seededRandom } from './helpers/seeded-random.js';
import { spawnCli } from './helpers/spawn-cli.js';
import type { SpawnedCli } from './helpers/spawn-cli.js';
import {
  countFrom,
  deployAndSnapshot,
  leftoversOn,
  runTune,
  SMALL_RUN,
  spawnTune,
  withProxyRule,
} from './safety-harness.js';
import type { TuneOptions } from './safety-harness.js';

const SERVICE_ERROR: InjectedError = { status: 500, type: 'ServiceException', message: 'injected 5xx' };
const CONTROL_PLANE_OPERATIONS = [
  'GetFunctionConfiguration',
  'ListVersionsByFunction',
  'UpdateFunctionConfiguration',
  'PublishVersion',
  'CreateAlias',
  'ListAliases',
  'DeleteAlias',
  'DeleteFunction',
] as const;
/** Signals and kills land this long at most after the run started (a LONG_RUN takes about 2 s more). */
const MAX_SIGNAL_DELAY_MS = 1_000;
/** A longer run for signals and kills, so random points land inside it. */
const LONG_RUN = ['--num', '15', '--power-values', '128,256,512', '--region', REGION] as const;

let world: SafetyWorld;
let proxy: FaultProxy;
let stateRoot: string;
let functionCounter = 0;
const tally = { faults: 0, recovered: 0, leftovers: 0 };

/** Deploys a fresh production function and returns its name and snapshot. */
const prepareFunction = async ({ file, timeoutSeconds }: { file?: string; timeoutSeconds?: number } = {}): Promise<{
  name: string;
  before: FunctionSnapshot;
  stateDir: string;
}> => {
  functionCounter += 1;
  const name = `safety-${functionCounter}`;
  const before = await deployAndSnapshot({ client: world.client, name, file, timeoutSeconds });
  return { name, before, stateDir: join(stateRoot, name) };
};

/** Asserts the function is exactly as before, and counts the run as recovered. */
const expectUntouched = async ({ name, before }: { name: string; before: FunctionSnapshot }): Promise<void> => {
  const leftovers = await leftoversOn({ client: world.client, name, before });
  tally.leftovers += leftovers.length;
  expect(leftovers).toEqual([]);
  tally.recovered += 1;
};

/** Journals under a state dir that have no `finished` line. */
const unfinishedJournals = async (stateDir: string): Promise<string[]> => {
  const dir = join(stateDir, 'runs');
  const names = await readdir(dir).catch(() => [] as string[]);
  const open: string[] = [];
  for (const name of names)
    if (!(await readFile(join(dir, name), 'utf8')).includes('"type":"finished"')) open.push(name);
  return open;
};

/** Resolves once the journals under `stateDir` hold `text` at least `times` times (the run has changed things). */
const waitForJournal = async (stateDir: string, text: string, times = 1, limitMs = 20_000): Promise<void> => {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    const dir = join(stateDir, 'runs');
    let seen = 0;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      seen += (await readFile(join(dir, name), 'utf8').catch(() => '')).split(text).length - 1;
    }
    if (seen >= times) return;
    await sleep(20);
  }
  throw new Error(`${text} not journalled ${times} times under ${stateDir} after ${limitMs} ms`);
};

/** A run's function, state dir and flags; the helper that starts it picks the endpoint. */
type RunSpec = Omit<TuneOptions, 'endpoint'>;

/** Runs `powertune tune` in-process on the emulator directly (no proxy). */
const tuneDirect = ({ name, stateDir, options }: RunSpec): ReturnType<typeof runTune> =>
  runTune({ name, stateDir, options, endpoint: world.emulator.endpoint });

/** Runs `powertune tune` in-process through the fault proxy. */
const tuneThroughProxy = ({ name, stateDir, options }: RunSpec): ReturnType<typeof runTune> =>
  runTune({ name, stateDir, options, endpoint: proxy.endpoint });

/** Spawns `powertune tune` as a real process on the emulator directly, so signals and `kill -9` hit it. */
const spawnDirect = ({ name, stateDir, options }: RunSpec): SpawnedCli =>
  spawnTune({ name, stateDir, options, endpoint: world.emulator.endpoint });

/** Spawns a run on the emulator directly and resolves once its journal records a created alias (it has changed things). */
const spawnRunPastFirstAlias = async ({ name, stateDir, options = LONG_RUN }: RunSpec): Promise<SpawnedCli> => {
  const cli = spawnDirect({ name, stateDir, options });
  await waitForJournal(stateDir, '"type":"create-alias"');
  return cli;
};

/** Sends `signal` to a spawned run and resolves with how it exited. */
const stopRun = (cli: SpawnedCli, signal: NodeJS.Signals): SpawnedCli['done'] => {
  cli.child.kill(signal);
  return cli.done;
};

/** Waits until a spawned run has started, sends `signal` after a delay drawn from `seed`, and resolves with its exit. */
const signalAtRandomPoint = async ({
  cli,
  signal,
  seed,
}: {
  cli: SpawnedCli;
  signal: NodeJS.Signals;
  seed: number;
}): SpawnedCli['done'] => {
  const delayMs = randomInt(seededRandom(seed), 0, MAX_SIGNAL_DELAY_MS);
  await cli.waitFor(/powertune: run /u);
  await sleep(delayMs);
  return stopRun(cli, signal);
};

/** The first `count` calls of `operation` fail with `error`; later ones pass. */
const burst = (operation: string, count: number, error: InjectedError = SERVICE_ERROR): FaultRule => {
  let seen = 0;
  return (call) => {
    if (call.operation !== operation) return undefined;
    seen += 1;
    return seen <= count ? error : undefined;
  };
};

/** Configures the emulator's own fault injection (throttling, latency). */
const setEmulatorFaults = async (faults: Record<string, unknown>): Promise<void> => {
  const reply = await fetch(`${world.emulator.endpoint}/_powertune/faults`, {
    method: 'POST',
    body: JSON.stringify(faults),
  });
  expect(reply.status).toBe(200);
};

/** Runs `act` with the emulator's `faults` switched on, and always applies `reset` afterwards. */
const withEmulatorFaults = async <T>(
  { faults, reset }: { faults: Record<string, unknown>; reset: Record<string, unknown> },
  act: () => Promise<T>,
): Promise<T> => {
  await setEmulatorFaults(faults);
  try {
    return await act();
  } finally {
    await setEmulatorFaults(reset);
  }
};

beforeAll(async () => {
  world = await startSafetyWorld({ cpuMode: 'virtual-time', random: seededRandom(20_260_101) });
  proxy = await startFaultProxy({ target: world.emulator.endpoint });
  stateRoot = await mkdtemp(join(tmpdir(), 'powertune-safety-'));
});

afterAll(async () => {
  console.log(`faults injected: ${tally.faults}, runs recovered: ${tally.recovered}, leftovers: ${tally.leftovers}`);
  await proxy?.stop();
  await world?.stop();
  if (stateRoot !== undefined) await rm(stateRoot, { recursive: true, force: true });
}, 30_000);

describe('Fault injection: Lambda API errors', () => {
  it.each(CONTROL_PLANE_OPERATIONS)(
    'retries a burst of 5xx on %s and leaves the function as it was',
    async (operation) => {
      // Prepare
      const { name, before, stateDir } = await prepareFunction();
      const injectedSince = countFrom(proxy.injected, `${operation} 500`);

      // Act
      const run = await withProxyRule({ proxy, rule: burst(operation, 2) }, () =>
        tuneThroughProxy({ name, stateDir, options: ['--json', ...SMALL_RUN] }),
      );

      // Assess
      const injected = injectedSince();
      tally.faults += injected;
      expect(injected).toBe(2);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ power: expect.any(Number) });
      await expectUntouched({ name, before });
      expect(await unfinishedJournals(stateDir)).toEqual([]);
    },
  );

  it('counts every throttle of a throttling burst in the result, and never retries a successful invocation', async () => {
    // Prepare
    const { name, before, stateDir } = await prepareFunction();
    const throttledSince = countFrom(proxy.responses, 'Invoke 429');
    const okSince = countFrom(proxy.responses, 'Invoke 200');

    // Act
    const run = await withEmulatorFaults({ faults: { throttleRate: 0.3 }, reset: { throttleRate: 0 } }, () =>
      tuneThroughProxy({ name, stateDir, options: ['--warmup', '0', '--json', ...SMALL_RUN] }),
    );

    // Assess
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      sizes: Array<{ value: number; retries: number; throttles: number; invocations: number }>;
    };
    const throttled = throttledSince();
    tally.faults += throttled;
    expect(throttled).toBeGreaterThan(0);
    expect(result.sizes.reduce((sum, size) => sum + size.throttles, 0)).toBe(throttled);
    for (const size of result.sizes) expect(size.retries).toBeGreaterThanOrEqual(size.throttles);
    // 2 sizes × 5 counted invocations, no warm-up: each succeeded exactly once.
    expect(okSince()).toBe(10);
    await expectUntouched({ name, before });
  });

  it('stops with exit 1, names the failing call, and restores $LATEST when PublishVersion keeps failing with 5xx', async () => {
    // Prepare
    const { name, before, stateDir } = await prepareFunction();
    const rule: FaultRule = (call) => (call.operation === 'PublishVersion' ? SERVICE_ERROR : undefined);
    const injectedSince = countFrom(proxy.injected, 'PublishVersion 500');

    // Act
    const run = await withProxyRule({ proxy, rule }, () => tuneThroughProxy({ name, stateDir, options: SMALL_RUN }));

    // Assess
    tally.faults += injectedSince();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`powertune: PublishVersion on \\S*${name} failed after 5 retries with ServiceException`, 'u'),
    );
    expect(run.stderr).toContain('$LATEST restored');
    await expectUntouched({ name, before });
  });

  it('keeps the journal and exits 1 when cleanup cannot delete, then `powertune cleanup` finishes the job, idempotently', async () => {
    // Prepare
    const { name, before, stateDir } = await prepareFunction();
    const rule: FaultRule = (call) =>
      call.operation === 'DeleteAlias'
        ? { status: 503, type: 'ServiceException', message: 'injected outage' }
        : undefined;
    const injectedSince = countFrom(proxy.injected, 'DeleteAlias 503');

    // Act
    const run = await withProxyRule({ proxy, rule }, () => tuneThroughProxy({ name, stateDir, options: SMALL_RUN }));
    const left = await snapshotFunction({ client: world.client, name });
    const listed = await runCli(['cleanup', '--list', '--state-dir', stateDir]);
    const cleaned = await runCli(['cleanup', '--state-dir', stateDir]);
    const again = await runCli(['cleanup', '--state-dir', stateDir]);

    // Assess
    tally.faults += injectedSince();
    // The measurements are still printed, but leftovers in the account fail the run for CI.
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Recommended: \d+ MB/u);
    expect(run.stderr).toMatch(/run `powertune cleanup` to remove them/u);
    expect(findLeftovers({ before, after: left }).some((line) => line.startsWith('run alias pt-'))).toBe(true);
    expect(listed.stdout).toContain(name);
    expect(cleaned.code).toBe(0);
    expect(cleaned.stdout).toMatch(
      new RegExp(`on ${name}: deleted 2 aliases \\(pt-[a-z0-9]+-128, pt-[a-z0-9]+-256\\), 2 versions`, 'u'),
    );
    expect(again.stdout).toMatch(/No unfinished runs/u);
    await expectUntouched({ name, before });
  });

  it('finishes with the function as it was when the control plane is slow', async () => {
    // Prepare
    const { name, before, stateDir } = await prepareFunction();

    // Act
    const run = await withEmulatorFaults(
      { faults: { controlPlaneLatencyMs: 100 }, reset: { controlPlaneLatencyMs: 0 } },
      () => tuneDirect({ name, stateDir, options: ['--json', ...SMALL_RUN] }),
    );

    // Assess
    tally.faults += 1;
    expect(run.code).toBe(0);
    await expectUntouched({ name, before });
  });

  it.each([
    // Timeout 1 s for the timeout case; 10 s for out-of-memory, so that filling
    // the heap on a loaded 2-core machine can never hit the timeout first.
    [
      'a timeout',
      { sleepBelowMB: 512, sleepMs: 2_500 },
      1,
      /^Sandbox\.Timedout: .*Task timed out after 1\.00 seconds/u,
    ],
    ['running out of memory', { oomBelowMB: 512, oomMB: 200 }, 10, /^Runtime\.ExitError: /u],
  ])(
    'marks 128 MB failed on %s, recommends 512 MB, and leaves the function as it was',
    async (_label, payload, timeoutSeconds, reason) => {
      // Prepare
      const { name, before, stateDir } = await prepareFunction({ file: MEMORY_SENSITIVE_HANDLER, timeoutSeconds });

      // Act
      const run = await tuneDirect({
        name,
        stateDir,
        options: [
          '--json',
          '--num',
          '5',
          '--power-values',
          '128,512',
          '--region',
          REGION,
          '--payload',
          JSON.stringify(payload),
        ],
      });

      // Assess
      tally.faults += 1;
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as {
        power: number;
        sizes: Array<{ value: number; status: string; failureReason?: string }>;
      };
      expect(result.power).toBe(512);
      expect(result.sizes[0]).toMatchObject({ value: 128, status: 'failed' });
      expect(result.sizes[0]?.failureReason).toMatch(reason);
      await expectUntouched({ name, before });
    },
  );
});

describe('Fault injection: the tuner process is interrupted or killed', () => {
  it.each([11, 23, 37])(
    'cleans up, says what it undid and exits 130 on SIGINT at a random point (seed %i)',
    async (seed) => {
      // Prepare
      const { name, before, stateDir } = await prepareFunction();
      const cli = spawnDirect({ name, stateDir, options: LONG_RUN });

      // Act
      const exit = await signalAtRandomPoint({ cli, signal: 'SIGINT', seed });

      // Assess
      tally.faults += 1;
      expect(exit.code).toBe(130);
      expect(exit.stderr).toMatch(
        /powertune: Run [a-z0-9]+ was interrupted; (cleanup deleted \d+ aliases and \d+ versions|nothing had been changed yet)/u,
      );
      expect(await unfinishedJournals(stateDir)).toEqual([]);
      await expectUntouched({ name, before });
    },
  );

  it('stops at once on a second SIGINT, prints the exact cleanup command, and that command undoes the rest', async () => {
    // Prepare
    const { name, before, stateDir } = await prepareFunction();
    const cli = await spawnRunPastFirstAlias({ name, stateDir });

    // Act
    cli.child.kill('SIGINT');
    await cli.waitFor('cleaning up');
    const exit = await stopRun(cli, 'SIGINT');
    const command = /\n {2}(powertune cleanup --run [a-z0-9]+ --state-dir \S+)\n/u.exec(exit.stderr)?.[1];
    const cleanup = spawnCli([...(command ?? 'missing').split(' ').slice(1)]);
    const cleaned = await cleanup.done;

    // Assess
    tally.faults += 2;
    expect(exit.code).toBe(130);
    expect(exit.stderr).toMatch(/powertune: stopped at once, before cleanup finished/u);
    expect(command).toBe(`powertune cleanup --run ${command?.split(' ')[3] ?? ''} --state-dir ${stateDir}`);
    expect(cleaned.code).toBe(0);
    expect(cleaned.stdout).toMatch(/\$LATEST (restored|NOT restored)/u);
    expect(await unfinishedJournals(stateDir)).toEqual([]);
    await expectUntouched({ name, before });
  });

  it.each([5, 17, 29])('recovers with `powertune cleanup` after kill -9 at a random point (seed %i)', async (seed) => {
    // Prepare
    const { name, before, stateDir } = await prepareFunction();
    const cli = spawnDirect({ name, stateDir, options: LONG_RUN });

    // Act
    const exit = await signalAtRandomPoint({ cli, signal: 'SIGKILL', seed });
    const cleaned = await runCli(['cleanup', '--state-dir', stateDir, '--endpoint-url', world.emulator.endpoint]);
    const listed = await runCli(['cleanup', '--list', '--state-dir', stateDir]);

    // Assess
    tally.faults += 1;
    expect(exit.signal).toBe('SIGKILL');
    expect(cleaned.code).toBe(0);
    expect(cleaned.stdout).toMatch(
      new RegExp(`run [a-z0-9]+ on \\S*${name}: deleted \\d+ aliases.*; \\$LATEST restored`, 'u'),
    );
    expect(listed.stdout).toMatch(/No unfinished runs/u);
    await expectUntouched({ name, before });
  });

  it("warns a new run about a killed run's leftovers with the exact cleanup command; that command then restores the true original", async () => {
    // Prepare: a run killed once it has changed the function.
    const { name, before, stateDir } = await prepareFunction();
    await stopRun(await spawnRunPastFirstAlias({ name, stateDir }), 'SIGKILL');
    const [journal] = await unfinishedJournals(stateDir);
    const runId = journal?.replace('.jsonl', '') ?? 'missing';

    // Act
    const next = await tuneDirect({ name, stateDir, options: SMALL_RUN });
    const cleaned = await runCli(['cleanup', '--run', runId, '--state-dir', stateDir]);

    // Assess
    tally.faults += 1;
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(
      `warning: run ${runId} on this function did not finish; undo what it left with: powertune cleanup --run ${runId} --state-dir ${stateDir}`,
    );
    expect(cleaned.code).toBe(0);
    await expectUntouched({ name, before });
  });

  /** Starts a one-size run (256 MB) and kills it (kill -9) once that size is published behind its alias and being measured. */
  const killOneSizeRun = async ({ name, stateDir }: { name: string; stateDir: string }): Promise<void> => {
    const killed = await spawnRunPastFirstAlias({
      name,
      stateDir,
      options: ['--num', '40', '--power-values', '256', '--region', REGION],
    });
    // The journal records the alias before creating it (safety rule: record,
    // then change), so wait until the function really carries it.
    const started = Date.now();
    while (Object.keys((await snapshotFunction({ client: world.client, name })).aliases).length === 0) {
      if (Date.now() - started > 20_000) throw new Error(`no alias appeared on ${name} within 20 s`);
      await sleep(25);
    }
    await stopRun(killed, 'SIGKILL');
  };

  it('restores the true original in a new run from another machine after kill -9, from the memory the killed run recorded in its versions', async () => {
    // Prepare: a one-size run killed while it measures, so $LATEST carries that published size.
    const { name, before, stateDir } = await prepareFunction();
    await killOneSizeRun({ name, stateDir });
    const stranded = await snapshotFunction({ client: world.client, name });

    // Act: a run with a state dir of its own knows nothing of the killed run's journal.
    const next = await tuneDirect({ name, stateDir: `${stateDir}-elsewhere`, options: SMALL_RUN });
    const afterNext = await snapshotFunction({ client: world.client, name });
    const cleaned = await runCli(['cleanup', '--state-dir', stateDir]);

    // Assess
    tally.faults += 1;
    expect(stranded.memoryMB).not.toBe(before.memoryMB);
    expect(next.code).toBe(0);
    expect(stranded.memoryMB).toBe(256);
    expect(next.stderr).toContain(`$LATEST of ${name} has 256 MB, a size of powertune run`);
    expect(next.stderr).toContain(`this run restores the original that run recorded, ${before.memoryMB} MB`);
    expect(afterNext.memoryMB).toBe(before.memoryMB);
    expect(afterNext.description).toBe(before.description);
    expect(cleaned.code).toBe(0);
    await expectUntouched({ name, before });
  });

  it('undoes a killed run whose journal is gone with its machine, from what it left on the function (cleanup --function)', async () => {
    // Prepare: a run killed mid-measurement, then its state dir lost (a CI runner discarded at its time limit).
    const { name, before, stateDir } = await prepareFunction();
    await killOneSizeRun({ name, stateDir });
    await rm(stateDir, { recursive: true, force: true });
    const cleanupArgs = [
      'cleanup',
      '--function',
      name,
      '--endpoint-url',
      world.emulator.endpoint,
      '--region',
      REGION,
      '--state-dir',
      stateDir,
    ];

    // Act
    const listed = await runCli([...cleanupArgs, '--list']);
    const tooRecent = await runCli(cleanupArgs);
    const afterTooRecent = await snapshotFunction({ client: world.client, name });
    const cleaned = await runCli([...cleanupArgs, '--older-than', '0']);
    const again = await runCli([...cleanupArgs, '--older-than', '0']);

    // Assess
    tally.faults += 1;
    expect(listed.stdout).toMatch(
      new RegExp(
        `run [a-z0-9]+ on ${name}: 1 aliases, 1 versions, original ${before.memoryMB} MB, last change 0 min ago`,
        'u',
      ),
    );
    expect(tooRecent.code).toBe(0);
    expect(tooRecent.stdout).toMatch(
      /skipped .*it may still be running on another machine — pass --older-than 0 to clean it up now/u,
    );
    expect(afterTooRecent.memoryMB).toBe(256);
    expect(cleaned.code).toBe(0);
    expect(cleaned.stdout).toMatch(
      new RegExp(
        `run [a-z0-9]+ on ${name}: deleted 1 aliases \\(pt-[a-z0-9]+-256\\), 1 versions \\(\\d+\\); \\$LATEST restored`,
        'u',
      ),
    );
    expect(again.stdout).toContain(`No powertune aliases or versions on ${name}: nothing to clean up.`);
    await expectUntouched({ name, before });
  });

  it('deletes the temporary function copy of an architecture comparison after kill -9, and the original is untouched', async () => {
    // Prepare: kill the run while it tunes its arm64 copy.
    const { name, before, stateDir } = await prepareFunction();
    const cli = spawnDirect({
      name,
      stateDir,
      options: ['--architectures', 'x86_64,arm64', '--model-architectures', ...SMALL_RUN],
    });
    await waitForJournal(stateDir, '"type":"create-function"');
    await sleep(400);
    await stopRun(cli, 'SIGKILL');
    const copiesBefore = world.emulator.service
      .state()
      .functions.filter((fn) => fn.functionName.startsWith(`${name}-pt-`));

    // Act
    const cleaned = await runCli(['cleanup', '--state-dir', stateDir, '--endpoint-url', world.emulator.endpoint]);

    // Assess
    tally.faults += 1;
    expect(copiesBefore).toHaveLength(1);
    expect(cleaned.code).toBe(0);
    expect(world.emulator.service.state().functions.filter((fn) => fn.functionName.includes('-pt-'))).toEqual([]);
    expect(await unfinishedJournals(stateDir)).toEqual([]);
    await expectUntouched({ name, before });
  });
});
