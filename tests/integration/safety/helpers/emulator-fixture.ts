/**
 * The safety suite's world: a real emulator on 127.0.0.1, a "production"
 * function with a version and an alias of its own that a run must never
 * touch, and a snapshot that proves what a run left behind.
 */
import { fileURLToPath } from 'node:url';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import type { Runtime } from '@aws-sdk/client-lambda';
import { packageHandlerFile, startEmulator } from '../../../../src/emulator/index.js';
import type { RunningEmulator } from '../../../../src/emulator/index.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/powertune-safety`;
const WAIT = { maxWaitTime: 20, minDelay: 1, maxDelay: 1 };
/** Run-scoped names start with this (`pt-<runId>-<power>`). */
const RUN_PREFIX = 'pt-';
/** Short settle time keeps a run of two sizes around a second. */
const UPDATE_DELAY_MS = 20;

const MEMORY_SENSITIVE_HANDLER = fileURLToPath(new URL('../fixtures/memory-sensitive.mjs', import.meta.url));
const NOOP_HANDLER = fileURLToPath(new URL('../../../../examples/functions/noop/index.mjs', import.meta.url));

interface SafetyWorld {
  emulator: RunningEmulator;
  /** Talks to the emulator directly (no proxy, no faults on our side). */
  client: LambdaClient;
  stop(): Promise<void>;
}

/** What a run may change and must give back. */
interface FunctionSnapshot {
  memoryMB: number;
  description: string;
  /** Published versions (number → description + memory). */
  versions: Record<string, { description: string; memoryMB: number }>;
  /** Aliases (name → version). */
  aliases: Record<string, string>;
}

/**
 * Starts the emulator with real execution environments on a free loopback port.
 */
const startSafetyWorld = async ({
  random,
  cpuMode,
}: { random?: () => number; cpuMode?: 'auto' | 'cgroup' | 'virtual-time' } = {}): Promise<SafetyWorld> => {
  const emulator = await startEmulator({
    port: 0,
    updateDelayMs: UPDATE_DELAY_MS,
    announce: false,
    logger: { info: () => undefined, warn: () => undefined },
    ...(random === undefined ? {} : { random }),
    ...(cpuMode === undefined ? {} : { cpuMode }),
  });
  const client = new LambdaClient({
    endpoint: emulator.endpoint,
    region: REGION,
    credentials: { accessKeyId: 'safety', secretAccessKey: 'safety' },
    maxAttempts: 5,
  });
  return {
    emulator,
    client,
    stop: async () => {
      client.destroy();
      await emulator.stop();
    },
  };
};

/**
 * Deploys a function the way a user's production function looks: its own
 * memory and description, a published version `1` and an alias `live` → 1.
 */
const deployUserFunction = async ({
  client,
  name,
  file = NOOP_HANDLER,
  memoryMB = 512,
  timeoutSeconds = 3,
}: {
  client: LambdaClient;
  name: string;
  file?: string;
  memoryMB?: number;
  timeoutSeconds?: number;
}): Promise<void> => {
  const { zip, handler, runtime } = packageHandlerFile({ file });
  await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: ROLE,
      Runtime: runtime as Runtime,
      Handler: handler,
      Code: { ZipFile: zip },
      MemorySize: memoryMB,
      Timeout: timeoutSeconds,
      Description: `production ${name}`,
    }),
  );
  await waitUntilFunctionActiveV2({ client, ...WAIT }, { FunctionName: name });
  await client.send(new PublishVersionCommand({ FunctionName: name, Description: 'user release 1' }));
  await client.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '1' }));
  await waitUntilFunctionUpdatedV2({ client, ...WAIT }, { FunctionName: name });
};

/** Reads `$LATEST`, every version and every alias of a function. */
const snapshotFunction = async ({
  client,
  name,
}: {
  client: LambdaClient;
  name: string;
}): Promise<FunctionSnapshot> => {
  const latest = await client.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  const versions: FunctionSnapshot['versions'] = {};
  let marker: string | undefined;
  do {
    const page = await client.send(
      new ListVersionsByFunctionCommand({ FunctionName: name, ...(marker === undefined ? {} : { Marker: marker }) }),
    );
    for (const v of page.Versions ?? []) {
      if (v.Version !== '$LATEST')
        versions[v.Version ?? '?'] = { description: v.Description ?? '', memoryMB: v.MemorySize ?? 0 };
    }
    marker = page.NextMarker;
  } while (marker !== undefined && marker !== '');
  const aliases: FunctionSnapshot['aliases'] = {};
  for (const a of (await client.send(new ListAliasesCommand({ FunctionName: name }))).Aliases ?? [])
    aliases[a.Name ?? '?'] = a.FunctionVersion ?? '?';
  return { memoryMB: latest.MemorySize ?? 0, description: latest.Description ?? '', versions, aliases };
};

/**
 * Everything a run left behind or changed, as readable lines (empty when
 * the function is exactly as before): run-scoped aliases, versions that did
 * not exist before, changed `$LATEST`, and any touched user alias/version.
 */
const findLeftovers = ({ before, after }: { before: FunctionSnapshot; after: FunctionSnapshot }): string[] => {
  const problems: string[] = [];
  if (after.memoryMB !== before.memoryMB)
    problems.push(`$LATEST memory ${after.memoryMB} MB, was ${before.memoryMB} MB`);
  if (after.description !== before.description)
    problems.push(
      `$LATEST description ${JSON.stringify(after.description)}, was ${JSON.stringify(before.description)}`,
    );
  for (const name of Object.keys(after.aliases)) {
    if (name.startsWith(RUN_PREFIX)) problems.push(`run alias ${name} → ${after.aliases[name]} remains`);
    else if (!(name in before.aliases)) problems.push(`new alias ${name}`);
  }
  for (const [name, version] of Object.entries(before.aliases)) {
    if (after.aliases[name] !== version)
      problems.push(`user alias ${name} was ${version}, now ${after.aliases[name] ?? 'deleted'}`);
  }
  for (const version of Object.keys(after.versions)) {
    if (!(version in before.versions))
      problems.push(`version ${version} (${after.versions[version]?.description}) remains`);
  }
  for (const [version, info] of Object.entries(before.versions)) {
    const now = after.versions[version];
    if (now === undefined) problems.push(`user version ${version} was deleted`);
    else if (now.memoryMB !== info.memoryMB || now.description !== info.description)
      problems.push(`user version ${version} changed`);
  }
  return problems;
};

export {
  ACCOUNT,
  deployUserFunction,
  findLeftovers,
  MEMORY_SENSITIVE_HANDLER,
  NOOP_HANDLER,
  REGION,
  snapshotFunction,
  startSafetyWorld,
};
export type { FunctionSnapshot, SafetyWorld };
