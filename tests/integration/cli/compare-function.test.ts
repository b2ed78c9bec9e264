/**
 * `powertune tune --compare-function`: the CLI tunes two existing functions
 * on a running local Lambda service the same way and reports both, leaving
 * neither function changed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/index.js';
import { createZip, startEmulator } from '../../../src/emulator/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runCli } from '../../helpers/run-cli.js';

/** Two handlers with a fixed sleep: "slow" takes 40 ms longer than "fast" at every size. */
const handlerSleeping = (ms: number): Buffer =>
  createZip([
    {
      path: 'index.mjs',
      data: Buffer.from(
        `export const handler = async () => { await new Promise((r) => setTimeout(r, ${ms})); return 'ok'; };`,
      ),
    },
  ]);

let emulator: RunningEmulator;
let lambda: LambdaClient;
const stateDir = mkdtempSync(join(tmpdir(), 'powertune-compare-fn-'));

beforeAll(async () => {
  emulator = await startEmulator({ announce: false, logger: { info: () => undefined, warn: () => undefined } });
  lambda = new LambdaClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  for (const [name, ms] of [
    ['fast', 10],
    ['slow', 50],
  ] as const) {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::123456789012:role/powertune-test',
        Code: { ZipFile: handlerSleeping(ms) },
        MemorySize: 256,
        Timeout: 10,
        Description: `${name} function`,
      }),
    );
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
      { FunctionName: name },
    );
  }
}, 60_000);

afterAll(async () => {
  lambda?.destroy();
  await emulator?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('Command: powertune tune --compare-function', () => {
  it('tunes both functions the same way, reports the second under comparison, and leaves both as they were', async () => {
    // Act
    const run = await runCli([
      'tune',
      '--endpoint-url',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--function',
      'fast',
      '--compare-function',
      'slow',
      '--num',
      '5',
      '--power-values',
      '128,256',
      '--state-dir',
      stateDir,
      '--json',
      '--report',
      join(stateDir, 'compare.html'),
    ]);
    // Assess
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as TuningResult;
    expect(result.stats.map((s) => s.value)).toEqual([128, 256]);
    expect(result.comparison).toHaveLength(1);
    const other = result.comparison?.[0]?.result;
    expect(other?.stats.map((s) => s.value)).toEqual([128, 256]);
    // The slow function sleeps 40 ms longer: its measured durations say so.
    expect((other?.duration ?? 0) - result.duration).toBeGreaterThan(25);
    // --report draws both runs on one page, labelled A and B: no function names without --include-function-name.
    const html = readFileSync(join(stateDir, 'compare.html'), 'utf8');
    const data = JSON.parse(
      /<script type="application\/json" id="powertune-data">(.*?)<\/script>/su.exec(html)?.[1] ?? '{}',
    ) as { kind?: string; runs?: Array<{ label: string }> };
    expect(data.kind).toBe('compare');
    expect(data.runs?.map((r) => r.label)).toEqual(['A', 'B']);
    expect(html).not.toMatch(/\bfast\b|\bslow\b/u);
    for (const name of ['fast', 'slow']) {
      const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
      expect(config.MemorySize).toBe(256);
      expect(config.Description).toBe(`${name} function`);
      expect((await lambda.send(new ListAliasesCommand({ FunctionName: name }))).Aliases).toEqual([]);
      expect(
        (await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name }))).Versions?.map((v) => v.Version),
      ).toEqual(['$LATEST']);
    }
  });
});
