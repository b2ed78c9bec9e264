/**
 * `powertune tune --power auto` end to end: the CLI (in-process) drives the
 * adaptive search through the AWS SDK against the local Lambda service
 * running the real prime-sieve example, then the service is inspected to
 * prove the run left nothing behind.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/index.js';
import { packageHandlerFile, startEmulator } from '../../../src/emulator/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runCli } from '../../helpers/run-cli.js';

const FUNCTION_NAME = 'prime-sieve-adaptive';
const ORIGINAL_MEMORY_MB = 1024;
const BUDGET = 120;
/** An exhaustive 64 MB sweep: 159 sizes (128..10,240 MB) × (10 counted + 1 warm-up). */
const EXHAUSTIVE_64MB_SWEEP = 159 * 11;

let emulator: RunningEmulator;
let lambda: LambdaClient;
const stateDir = mkdtempSync(join(tmpdir(), 'powertune-adaptive-'));

beforeAll(async () => {
  emulator = await startEmulator({ announce: false, logger: { info: () => undefined, warn: () => undefined } });
  lambda = new LambdaClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  const pkg = await packageHandlerFile({ file: join(process.cwd(), 'examples/functions/prime-sieve/index.mjs') });
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: FUNCTION_NAME,
      Runtime: pkg.runtime as never,
      Handler: pkg.handler,
      Role: 'arn:aws:iam::123456789012:role/powertune-test',
      Code: { ZipFile: pkg.zip },
      MemorySize: ORIGINAL_MEMORY_MB,
      Timeout: 30,
      Description: 'adaptive search test',
    }),
  );
  await waitUntilFunctionActiveV2(
    { client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
    { FunctionName: FUNCTION_NAME },
  );
}, 60_000);

afterAll(async () => {
  lambda?.destroy();
  await emulator?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('Command: tune --power auto (local Lambda service)', () => {
  it('recommends a measured size within its budget, far below a 64 MB sweep, and leaves nothing behind', async () => {
    // Act
    const { code, stdout, stderr } = await runCli([
      'tune',
      '--function',
      FUNCTION_NAME,
      '--endpoint-url',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--power',
      'auto',
      '--max-invocations',
      String(BUDGET),
      '--payload',
      '{"limit":200000}',
      '--invocations-per-month',
      '10000000',
      '--state-dir',
      stateDir,
      '--json',
    ]);
    // Assess
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as TuningResult;
    const recommended = result.sizes.find((size) => size.value === result.power);
    expect(recommended?.status).toBe('ok');
    expect(result.run.search?.mode).toBe('adaptive');
    expect(result.run.search?.invocations).toBeLessThanOrEqual(BUDGET);
    expect(result.run.search?.invocations).toBeLessThan(EXHAUSTIVE_64MB_SWEEP);
    expect(result.run.totalInvocations).toBe(result.run.search?.invocations);
    // Every measured size and the invocations it got; the current size is among them for the monthly comparison.
    expect(result.sizes.length).toBeGreaterThanOrEqual(4);
    expect(result.sizes.every((size) => size.invocations >= 1)).toBe(true);
    expect(result.sizes.map((size) => size.value)).toContain(ORIGINAL_MEMORY_MB);
    expect(result.recommendation.monthly?.currentMemoryMB).toBe(ORIGINAL_MEMORY_MB);
    expect(result.recommendation.explanation?.length).toBeGreaterThan(0);

    // Nothing left: no alias, no version, $LATEST as before.
    const aliases = await lambda.send(new ListAliasesCommand({ FunctionName: FUNCTION_NAME }));
    expect(aliases.Aliases ?? []).toEqual([]);
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: FUNCTION_NAME }));
    expect((versions.Versions ?? []).map((v) => v.Version)).toEqual(['$LATEST']);
    const latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: FUNCTION_NAME }));
    expect(latest.MemorySize).toBe(ORIGINAL_MEMORY_MB);
    expect(latest.Description).toBe('adaptive search test');
  }, 90_000);

  it('refuses arm64 on the local service, which runs every function on the host CPU, and creates nothing', async () => {
    // Act
    const { code, stderr } = await runCli([
      'tune',
      '--function',
      FUNCTION_NAME,
      '--endpoint-url',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--power-values',
      '128,512',
      '--num',
      '5',
      '--architectures',
      'x86_64,arm64',
      '--state-dir',
      stateDir,
    ]);

    // Assess
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /--architectures: expected only this host's architecture \(x86_64\).*--model-architectures/u,
    );
    const functions = await lambda.send(new ListFunctionsCommand({}));
    expect((functions.Functions ?? []).map((fn) => fn.FunctionName)).toEqual([FUNCTION_NAME]);
  });

  it('with --model-architectures, tunes arm64 on a temporary copy labelled as modelled, side by side, and deletes the copy', async () => {
    // Act
    const { code, stdout, stderr } = await runCli([
      'tune',
      '--function',
      FUNCTION_NAME,
      '--endpoint-url',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--power-values',
      '128,512',
      '--num',
      '5',
      '--architectures',
      'x86_64,arm64',
      '--model-architectures',
      '--payload',
      '{"limit":200000}',
      '--state-dir',
      stateDir,
      '--json',
      '--report',
      join(stateDir, 'architectures.html'),
    ]);
    // Assess
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as TuningResult;
    expect(result.run.architecture).toBe('x86_64');
    expect(result.comparison).toHaveLength(1);
    expect(result.comparison?.[0]?.architecture).toBe('arm64');
    expect(result.comparison?.[0]?.label).toBe('arm64 (modelled on x86_64)');
    expect(stderr).toContain('arm64 modelled on this x86_64 host');
    expect(result.comparison?.[0]?.result.run.architecture).toBe('arm64');
    expect(result.comparison?.[0]?.result.sizes.map((size) => size.value)).toEqual([128, 512]);
    // --report draws both architectures on one page.
    const html = readFileSync(join(stateDir, 'architectures.html'), 'utf8');
    const data = JSON.parse(
      /<script type="application\/json" id="powertune-data">(.*?)<\/script>/su.exec(html)?.[1] ?? '{}',
    ) as { kind?: string; runs?: Array<{ label: string }> };
    expect(data.kind).toBe('compare');
    expect(data.runs?.map((r) => r.label)).toEqual(['x86_64', 'arm64 (modelled on x86_64)']);
    const functions = await lambda.send(new ListFunctionsCommand({}));
    expect((functions.Functions ?? []).map((fn) => fn.FunctionName)).toEqual([FUNCTION_NAME]);
  }, 90_000);

  it('exits 1 with the table still printed when no size meets --max-duration', async () => {
    // Act
    const { code, stdout } = await runCli([
      'tune',
      '--function',
      FUNCTION_NAME,
      '--endpoint-url',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--power-values',
      '128,256',
      '--num',
      '5',
      '--max-duration',
      '0.01',
      '--payload',
      '{"limit":200000}',
      '--state-dir',
      stateDir,
    ]);
    // Assess
    expect(code).toBe(1);
    expect(stdout).toMatch(/128 MB .*\n.*256 MB/);
    expect(stdout).toMatch(
      /No memory size meets the constraints: 128 MB: p95 duration [\d.]+ ms is above the 0\.01 ms limit/,
    );
  }, 60_000);
});
