/**
 * `powertune tune --power auto` end to end: the CLI (in-process) drives the
 * adaptive search through the AWS SDK against the local Lambda service
 * running the real prime-sieve example, then the service is inspected to
 * prove the run left nothing behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/index.js';
import { packageHandlerFile } from '../../../src/emulator/index.js';
import {
  createActiveFunction,
  readFunctionState,
  readReport,
  REGION,
  startLocalLambdaService,
} from '../../helpers/local-lambda-service.js';
import type { LocalLambdaService } from '../../helpers/local-lambda-service.js';
import { runCli } from '../../helpers/run-cli.js';
import type { CliRun } from '../../helpers/run-cli.js';

const FUNCTION_NAME = 'prime-sieve-adaptive';
const ORIGINAL_MEMORY_MB = 1024;
const BUDGET = 120;
/** An exhaustive 64 MB sweep: 159 sizes (128..10,240 MB) × (10 counted + 1 warm-up). */
const EXHAUSTIVE_64MB_SWEEP = 159 * 11;

/** The architecture tests' request: two sizes, five invocations each, on x86_64 and arm64. */
const BOTH_ARCHITECTURES = ['--power-values', '128,512', '--num', '5', '--architectures', 'x86_64,arm64'];

let service: LocalLambdaService;
const stateDir = mkdtempSync(join(tmpdir(), 'powertune-adaptive-'));

/** Runs `powertune tune` on the test function against the local service and state dir, with `flags` after those. */
const runTune = (flags: string[]): Promise<CliRun> =>
  runCli([
    'tune',
    '--function',
    FUNCTION_NAME,
    '--endpoint-url',
    service.endpoint,
    '--region',
    REGION,
    '--state-dir',
    stateDir,
    ...flags,
  ]);

/** Names every function on the local service (a run's temporary copies included). */
const listFunctionNames = async (): Promise<Array<string | undefined>> => {
  const functions = await service.lambda.send(new ListFunctionsCommand({}));
  return (functions.Functions ?? []).map((fn) => fn.FunctionName);
};

beforeAll(async () => {
  service = await startLocalLambdaService();
  const pkg = await packageHandlerFile({ file: join(process.cwd(), 'examples/functions/prime-sieve/index.mjs') });
  await createActiveFunction(service.lambda, {
    FunctionName: FUNCTION_NAME,
    Runtime: pkg.runtime as never,
    Handler: pkg.handler,
    Code: { ZipFile: pkg.zip },
    MemorySize: ORIGINAL_MEMORY_MB,
    Timeout: 30,
    Description: 'adaptive search test',
  });
}, 60_000);

afterAll(async () => {
  await service?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('Command: tune --power auto (local Lambda service)', () => {
  it('recommends a measured size within its budget, far below a 64 MB sweep, and leaves nothing behind', async () => {
    // Act
    const { code, stdout, stderr } = await runTune([
      '--power',
      'auto',
      '--max-invocations',
      String(BUDGET),
      '--payload',
      '{"limit":200000}',
      '--invocations-per-month',
      '10000000',
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
    const state = await readFunctionState(service.lambda, FUNCTION_NAME);
    expect(state.aliases ?? []).toEqual([]);
    expect(state.versions ?? []).toEqual(['$LATEST']);
    expect(state.memoryMB).toBe(ORIGINAL_MEMORY_MB);
    expect(state.description).toBe('adaptive search test');
  }, 90_000);

  it('refuses arm64 on the local service, which runs every function on the host CPU, and creates nothing', async () => {
    // Act
    const { code, stderr } = await runTune(BOTH_ARCHITECTURES);

    // Assess
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /--architectures: expected only this host's architecture \(x86_64\).*--model-architectures/u,
    );
    expect(await listFunctionNames()).toEqual([FUNCTION_NAME]);
  });

  it('with --model-architectures, tunes arm64 on a temporary copy labelled as modelled, side by side, and deletes the copy', async () => {
    // Act
    const { code, stdout, stderr } = await runTune([
      ...BOTH_ARCHITECTURES,
      '--model-architectures',
      '--payload',
      '{"limit":200000}',
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
    const { data } = readReport(join(stateDir, 'architectures.html'));
    expect(data.kind).toBe('compare');
    expect(data.runs?.map((r) => r.label)).toEqual(['x86_64', 'arm64 (modelled on x86_64)']);
    expect(await listFunctionNames()).toEqual([FUNCTION_NAME]);
  }, 90_000);

  it('exits 1 with the table still printed when no size meets --max-duration', async () => {
    // Act
    const { code, stdout } = await runTune([
      '--power-values',
      '128,256',
      '--num',
      '5',
      '--max-duration',
      '0.01',
      '--payload',
      '{"limit":200000}',
    ]);
    // Assess
    expect(code).toBe(1);
    expect(stdout).toMatch(/128 MB .*\n.*256 MB/);
    expect(stdout).toMatch(
      /No memory size meets the constraints: 128 MB: p95 duration [\d.]+ ms is above the 0\.01 ms limit/,
    );
  }, 60_000);
});
