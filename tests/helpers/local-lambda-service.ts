/**
 * The local Lambda service as CLI integration tests use it: a quiet emulator
 * with an SDK client pointed at it, functions created ready to invoke, and
 * readers for what a run must leave behind (the function's state, a
 * `--report` page's data).
 */
import { readFileSync } from 'node:fs';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import type { AliasConfiguration, CreateFunctionCommandInput } from '@aws-sdk/client-lambda';
import { startEmulator } from '../../src/emulator/index.js';
import type { ExecutionBackend } from '../../src/emulator/index.js';

const REGION = 'us-east-1';
const ROLE = 'arn:aws:iam::123456789012:role/powertune-test';

interface LocalLambdaService {
  endpoint: string;
  lambda: LambdaClient;
  stop(): Promise<void>;
}

/** What a run must give back, as the SDK returned it (undefined where a list was absent). */
interface FunctionState {
  memoryMB: number | undefined;
  description: string | undefined;
  aliases: AliasConfiguration[] | undefined;
  versions: Array<string | undefined> | undefined;
}

/** The data a `--report` page embeds for its charts (the fields the tests read). */
interface ReportData {
  kind?: string;
  runs?: Array<{ label: string }>;
}

/** Starts the emulator without announcements or logs (on `backend` when given), with a single-attempt SDK client pointed at it. */
const startLocalLambdaService = async ({
  backend,
}: { backend?: ExecutionBackend } = {}): Promise<LocalLambdaService> => {
  const emulator = await startEmulator({
    announce: false,
    logger: { info: () => undefined, warn: () => undefined },
    ...(backend === undefined ? {} : { backend }),
  });
  const lambda = new LambdaClient({
    endpoint: emulator.endpoint,
    region: REGION,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  return {
    endpoint: emulator.endpoint,
    lambda,
    stop: async () => {
      lambda.destroy();
      await emulator.stop();
    },
  };
};

/** Creates a function under the test role and waits until it is Active. */
const createActiveFunction = async (
  lambda: LambdaClient,
  input: Omit<CreateFunctionCommandInput, 'Role'> & { FunctionName: string },
): Promise<void> => {
  await lambda.send(new CreateFunctionCommand({ ...input, Role: ROLE }));
  await waitUntilFunctionActiveV2(
    { client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
    { FunctionName: input.FunctionName },
  );
};

/** Reads `$LATEST`'s memory and description, the aliases and the version numbers of a function. */
const readFunctionState = async (lambda: LambdaClient, name: string): Promise<FunctionState> => {
  const latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  const aliases = await lambda.send(new ListAliasesCommand({ FunctionName: name }));
  const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name }));
  return {
    memoryMB: latest.MemorySize,
    description: latest.Description,
    aliases: aliases.Aliases,
    versions: versions.Versions?.map((v) => v.Version),
  };
};

/** Reads a `--report` HTML page and the JSON data it embeds (`{}` when there is none). */
const readReport = (path: string): { html: string; data: ReportData } => {
  const html = readFileSync(path, 'utf8');
  const data = JSON.parse(
    /<script type="application\/json" id="powertune-data">(.*?)<\/script>/su.exec(html)?.[1] ?? '{}',
  ) as ReportData;
  return { html, data };
};

export { createActiveFunction, readFunctionState, readReport, REGION, startLocalLambdaService };
export type { FunctionState, LocalLambdaService, ReportData };
