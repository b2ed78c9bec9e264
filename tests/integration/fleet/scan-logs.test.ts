/**
 * `scan --logs` on the local service through the real AWS SDK adapter: the
 * REPORT statistics come from Logs Insights in the format each function
 * logs — Text REPORT lines, or JSON `platform.report` records for a
 * function with `LoggingConfig.LogFormat: JSON` (which a Text-only query
 * would miss).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScannedFunction } from '../../../src/core/fleet/index.js';
import { createZip } from '../../../src/emulator/index.js';
import { FakeExecutionBackend } from '../../helpers/fake-execution-backend.js';
import { createActiveFunction, startLocalLambdaService } from '../../helpers/local-lambda-service.js';
import type { LocalLambdaService } from '../../helpers/local-lambda-service.js';
import { runCli } from '../../helpers/run-cli.js';

/** name → [log format, invocations, billed ms of each, max memory used MB, log group (default `/aws/lambda/<name>`)]. */
const FUNCTIONS: Record<string, readonly ['Text' | 'JSON', number, number, number, string?]> = {
  plain: ['Text', 4, 30, 70],
  structured: ['JSON', 3, 12, 90],
  // Two functions of different formats sharing one log group.
  'worker-text': ['Text', 2, 10, 50, '/shared/workers'],
  'worker-json': ['JSON', 2, 20, 80, '/shared/workers'],
};

let service: LocalLambdaService;
const cwd = mkdtempSync(join(tmpdir(), 'powertune-scan-logs-'));

beforeAll(async () => {
  const backend = new FakeExecutionBackend({
    respond: (request) => {
      const [, , billed = 1, memory = 1] = FUNCTIONS[request.fn.functionName] ?? [];
      return { payload: '"ok"', durationMs: billed - 0.5, maxMemoryUsedMB: memory };
    },
  });
  service = await startLocalLambdaService({ backend });
  const { lambda } = service;
  for (const [name, [format, invocations, , , logGroup]] of Object.entries(FUNCTIONS)) {
    await createActiveFunction(lambda, {
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: createZip([{ path: 'index.mjs', data: Buffer.from('export const handler = async () => 1;') }]) },
      MemorySize: 512,
      LoggingConfig: { LogFormat: format, ...(logGroup === undefined ? {} : { LogGroup: logGroup }) },
    });
    for (let i = 0; i < invocations; i += 1) await lambda.send(new InvokeCommand({ FunctionName: name }));
  }
}, 60_000);

afterAll(async () => {
  await service?.stop();
  rmSync(cwd, { recursive: true, force: true });
});

describe('scan --logs on the local service', () => {
  it('reads REPORT statistics of Text-logging and JSON-logging functions alike', async () => {
    // Act
    const run = await runCli(['scan', '--endpoint-url', service.endpoint, '--days', '1', '--logs', '--json'], {
      cwd,
      env: { AWS_REGION: 'us-east-1' },
    });
    // Assess: every invocation's REPORT counted once, the first of each function a cold start
    expect(run.code, run.stderr).toBe(0);
    const { functions } = JSON.parse(run.stdout) as { functions: ScannedFunction[] };
    const logsOf = (name: string): ScannedFunction['logs'] => functions.find((f) => f.functionName === name)?.logs;
    expect(logsOf('plain')).toMatchObject({ reports: 4, billedDurationAvgMs: 30, maxMemoryUsedMB: 70, coldStarts: 1 });
    expect(logsOf('structured')).toMatchObject({
      reports: 3,
      billedDurationAvgMs: 12,
      maxMemoryUsedMB: 90,
      coldStarts: 1,
    });
    // The shared group holds both formats' REPORTs: both queries read it and their counts add up
    const shared = { reports: 4, billedDurationAvgMs: 15, maxMemoryUsedMB: 80, coldStarts: 2 };
    expect(logsOf('worker-text')).toMatchObject(shared);
    expect(logsOf('worker-json')).toMatchObject(shared);
  });
});
