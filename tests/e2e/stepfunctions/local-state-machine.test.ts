/**
 * End to end, offline: the handlers bundled by scripts/bundle-handlers.mjs,
 * deployed as functions into the local Lambda emulator, driven by the
 * generated state machine in aws-local-stepfunctions (which invokes them
 * through the emulator's Lambda API), tuning a deterministic function.
 */
import '../../unit/stepfunctions/helpers/promise-with-resolvers.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateInput, type TuningResult } from '../../../src/core/index.js';
import { createZip, startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { createSdkLambdaPort } from '../../../src/lambda/index.js';
import { HANDLER_NAMES } from '../../../src/stepfunctions/constants.js';
import { buildStateMachineDefinition } from '../../../src/stepfunctions/state-machine.js';
import { runTuning } from '../../../src/tuner/index.js';
import { runLocalMachine } from '../../integration/stepfunctions/helpers/run-local-machine.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const HANDLER_TIMEOUT_SECONDS = 120;
const TUNED = 'sfn-e2e-target';

/** Duration = 200 ms + 10 s / memory: 128 MB is cheapest by a wide margin (about 40% below 256 MB even if CPU contention adds 150 ms at 128 MB), 1024 MB fastest. */
const TARGET_SOURCE = `
export const handler = async () => {
  const memory = Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  await new Promise((resolve) => setTimeout(resolve, 200 + 10000 / memory));
  return { memory };
};
`;

let emulator: RunningEmulator;
let client: LambdaClient;
let workDir: string;

const functionArn = (name: string): string => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

const createFunction = async ({
  name,
  files,
  memorySize,
  timeout,
  environment = {},
}: {
  name: string;
  files: Array<{ path: string; data: Buffer }>;
  memorySize: number;
  timeout: number;
  environment?: Record<string, string>;
}): Promise<void> => {
  await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${ACCOUNT}:role/powertune`,
      Code: { ZipFile: createZip(files) },
      MemorySize: memorySize,
      Timeout: timeout,
      Environment: { Variables: environment },
    }),
  );
  await waitUntilFunctionActiveV2({ client, maxWaitTime: 30 }, { FunctionName: name });
};

const functionState = async (name: string) => {
  const state = (await (await fetch(`${emulator.endpoint}/_powertune/state`)).json()) as {
    functions: Array<{ functionName: string; versions: string[]; aliases: unknown[] }>;
  };
  return state.functions.find((fn) => fn.functionName === name);
};

const runMachine = (input: Record<string, unknown>) =>
  runLocalMachine({
    definition: buildStateMachineDefinition({
      handlerArns: Object.fromEntries(HANDLER_NAMES.map((name) => [name, functionArn(`powertune-${name}`)])),
      maxConcurrency: 2,
      totalTimeoutSeconds: HANDLER_TIMEOUT_SECONDS,
    }),
    input,
    awsConfig: { region: REGION, credentials: { accessKeys: CREDENTIALS } },
  });

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'powertune-sfn-e2e-'));
  execFileSync(process.execPath, ['scripts/bundle-handlers.mjs', '--outdir', workDir], { stdio: 'pipe' });
  emulator = await startEmulator({ port: 0, announce: false });
  // aws-local-stepfunctions builds its own LambdaClient; the SDK reads the endpoint from here.
  process.env.AWS_ENDPOINT_URL_LAMBDA = emulator.endpoint;
  client = new LambdaClient({ region: REGION, endpoint: emulator.endpoint, credentials: CREDENTIALS });
  // Like Lambda, the emulator refuses AWS_ACCESS_KEY_ID as a function variable (and hands out no role):
  // the handlers' SDK finds fake credentials in a shared credentials file instead.
  const credentialsFile = join(workDir, 'credentials');
  writeFileSync(
    credentialsFile,
    `[default]\naws_access_key_id = ${CREDENTIALS.accessKeyId}\naws_secret_access_key = ${CREDENTIALS.secretAccessKey}\n`,
  );
  const handlerEnv = {
    AWS_ENDPOINT_URL_LAMBDA: emulator.endpoint,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_CONFIG_FILE: join(workDir, 'config'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTUNE_HANDLER_TIMEOUT_SECONDS: String(HANDLER_TIMEOUT_SECONDS),
  };
  for (const name of HANDLER_NAMES) {
    await createFunction({
      name: `powertune-${name}`,
      files: [{ path: 'index.mjs', data: readFileSync(join(workDir, name, 'index.mjs')) }],
      memorySize: 1769,
      timeout: HANDLER_TIMEOUT_SECONDS,
      environment: handlerEnv,
    });
  }
  await createFunction({
    name: TUNED,
    files: [{ path: 'index.mjs', data: Buffer.from(TARGET_SOURCE) }],
    memorySize: 256,
    timeout: 10,
  });
}, 120_000);

afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_LAMBDA;
  await emulator?.stop();
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

describe('Step Functions driver, end to end on the local emulator', () => {
  it('recommends what runTuning recommends for the same function and input, and leaves nothing behind', async () => {
    // Prepare
    const input = { lambdaARN: functionArn(TUNED), num: 5, powerValues: [128, 256, 1024], strategy: 'cost' };
    const local = await runTuning({
      input: validateInput(input),
      lambda: createSdkLambdaPort({ region: REGION, endpoint: emulator.endpoint }),
    });

    // Act
    const result = await runMachine(input);

    // Assess
    expect(result.cause).toBeUndefined();
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as TuningResult;
    expect(output.power).toBe(local.power);
    expect(output.power).toBe(128);
    expect(output.stats.map((s) => s.value)).toEqual([128, 256, 1024]);
    expect(output.stateMachine.executionCost).toBeGreaterThan(0);
    expect(output.run.backend).toBe('aws-step-functions');
    const left = await functionState(TUNED);
    expect(left?.aliases).toEqual([]);
    expect(left?.versions.filter((v) => v !== '$LATEST')).toEqual([]);
    const latest = await client.send(new GetFunctionConfigurationCommand({ FunctionName: TUNED }));
    expect(latest.MemorySize).toBe(256);
  }, 180_000);

  it('ends FAILED after cleanup when publishing a version keeps failing', async () => {
    // Prepare: every PublishVersion is throttled (the port retries, then gives up)
    emulator.service.setFaults({ controlPlaneErrorRate: { PublishVersion: 1 } });

    // Act
    let result;
    try {
      result = await runMachine({ lambdaARN: functionArn(TUNED), num: 5, powerValues: [128, 512] });
    } finally {
      emulator.service.setFaults({ controlPlaneErrorRate: 0 });
    }

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('LambdaApiError');
    expect(result.cause).toMatch(/PublishVersion/);
    expect(result.cause).toMatch(/restored \$LATEST to 256 MB/);
    expect(result.entered).toContain('CleanupOnError');
    const left = await functionState(TUNED);
    expect(left?.aliases).toEqual([]);
    expect(left?.versions.filter((v) => v !== '$LATEST')).toEqual([]);
    const latest = await client.send(new GetFunctionConfigurationCommand({ FunctionName: TUNED }));
    expect(latest.MemorySize).toBe(256);
  }, 180_000);
});
