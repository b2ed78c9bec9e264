/**
 * `powertune tune --compare-function`: the CLI tunes two existing functions
 * on a running local Lambda service the same way and reports both, leaving
 * neither function changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/index.js';
import { createZip } from '../../../src/emulator/index.js';
import {
  createActiveFunction,
  readFunctionState,
  readReport,
  REGION,
  startLocalLambdaService,
} from '../../helpers/local-lambda-service.js';
import type { LocalLambdaService } from '../../helpers/local-lambda-service.js';
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

let service: LocalLambdaService;
const stateDir = mkdtempSync(join(tmpdir(), 'powertune-compare-fn-'));

beforeAll(async () => {
  service = await startLocalLambdaService();
  for (const [name, ms] of [
    ['fast', 10],
    ['slow', 50],
  ] as const) {
    await createActiveFunction(service.lambda, {
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: handlerSleeping(ms) },
      MemorySize: 256,
      Timeout: 10,
      Description: `${name} function`,
    });
  }
}, 60_000);

afterAll(async () => {
  await service?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('Command: powertune tune --compare-function', () => {
  it('tunes both functions the same way, reports the second under comparison, and leaves both as they were', async () => {
    // Act
    const run = await runCli([
      'tune',
      '--endpoint-url',
      service.endpoint,
      '--region',
      REGION,
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
    const { html, data } = readReport(join(stateDir, 'compare.html'));
    expect(data.kind).toBe('compare');
    expect(data.runs?.map((r) => r.label)).toEqual(['A', 'B']);
    expect(html).not.toMatch(/\bfast\b|\bslow\b/u);
    for (const name of ['fast', 'slow']) {
      const state = await readFunctionState(service.lambda, name);
      expect(state.memoryMB).toBe(256);
      expect(state.description).toBe(`${name} function`);
      expect(state.aliases).toEqual([]);
      expect(state.versions).toEqual(['$LATEST']);
    }
  });
});
