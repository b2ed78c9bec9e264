/**
 * The mechanics the safety tests share, so each test reads as prepare / act /
 * assess: deploy a function and snapshot it, start `powertune tune` in-process
 * or as a real child process, install a fault rule for the length of one
 * action, and list what a run left behind.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { runCli } from '../../helpers/run-cli.js';
import type { CliRun } from '../../helpers/run-cli.js';
import { deployUserFunction, findLeftovers, REGION, snapshotFunction } from './helpers/emulator-fixture.js';
import type { FunctionSnapshot } from './helpers/emulator-fixture.js';
import type { FaultProxy, FaultRule } from './helpers/fault-proxy.js';
import { spawnCli } from './helpers/spawn-cli.js';
import type { SpawnedCli } from './helpers/spawn-cli.js';

/** A small run: two sizes, few invocations (the suite must stay fast on 2 cores). */
const SMALL_RUN = ['--num', '5', '--power-values', '128,256', '--region', REGION] as const;

interface TuneOptions {
  /** The function to tune. */
  name: string;
  /** The emulator itself, or the fault proxy in front of it. */
  endpoint: string;
  /** The run's journal folder. */
  stateDir: string;
  /** Every further flag, in order (sizes, `--num`, `--json`, …). */
  options?: readonly string[];
}

/** The argv of `powertune tune` on `name` through `endpoint`, journalling under `stateDir`. */
const tuneArgs = ({ name, endpoint, stateDir, options = [] }: TuneOptions): string[] => [
  'tune',
  '--function',
  name,
  '--endpoint-url',
  endpoint,
  '--state-dir',
  stateDir,
  ...options,
];

/** Runs `powertune tune` in-process and resolves with its exit code and output. */
const runTune = (tune: TuneOptions): Promise<CliRun> => runCli(tuneArgs(tune));

/** Spawns `powertune tune` as a real process, so signals and `kill -9` hit it. */
const spawnTune = (tune: TuneOptions): SpawnedCli => spawnCli(tuneArgs(tune));

/** Runs `act` with `rule` installed on `proxy`, and always removes the rule afterwards. */
const withProxyRule = async <T>(
  { proxy, rule }: { proxy: FaultProxy; rule: FaultRule },
  act: () => Promise<T>,
): Promise<T> => {
  proxy.setRule(rule);
  try {
    return await act();
  } finally {
    proxy.setRule(undefined);
  }
};

/** Starts counting `key` in one of the proxy's tallies; the returned function says how many were added since. */
const countFrom = (counts: Readonly<Record<string, number>>, key: string): (() => number) => {
  const start = counts[key] ?? 0;
  return () => (counts[key] ?? 0) - start;
};

/** Deploys a user's production function and resolves with its snapshot before any run. */
const deployAndSnapshot = async (deploy: Parameters<typeof deployUserFunction>[0]): Promise<FunctionSnapshot> => {
  await deployUserFunction(deploy);
  return snapshotFunction({ client: deploy.client, name: deploy.name });
};

/** What runs left on `name` or changed since `before` (empty: the function is exactly as it was). */
const leftoversOn = async ({
  client,
  name,
  before,
}: {
  client: LambdaClient;
  name: string;
  before: FunctionSnapshot;
}): Promise<string[]> => findLeftovers({ before, after: await snapshotFunction({ client, name }) });

export { countFrom, deployAndSnapshot, leftoversOn, runTune, SMALL_RUN, spawnTune, withProxyRule };
export type { TuneOptions };
