/**
 * End to end with the real execution backend: a tiny Node handler deployed
 * from a file through the AWS SDK, invoked cold then warm.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  InvokeCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageHandlerFile, startEmulator } from '../../../src/emulator/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';

const hasPython = ((): boolean => {
  try {
    execFileSync('sh', ['-c', 'command -v python3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPython) console.warn('[notice] python3 not found: skipping the Python handler end-to-end test');

let emulator: RunningEmulator;
let lambda: LambdaClient;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'powertune-e2e-'));
  writeFileSync(
    join(work, 'handler.mjs'),
    [
      'export const handler = async (event, context) => {',
      "  console.log('handling', JSON.stringify(event));",
      '  return { doubled: event.n * 2, memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, name: context.functionName };',
      '};',
    ].join('\n'),
  );
  writeFileSync(
    join(work, 'lambda_function.py'),
    'import os\n\ndef lambda_handler(event, context):\n    print("py handling", event["n"])\n    return {"doubled": event["n"] * 2, "memory": os.environ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]}\n',
  );
  emulator = await startEmulator({
    updateDelayMs: 20,
    logger: { info: () => undefined, warn: () => undefined },
    backendOptions: { handleSignals: false },
  });
  lambda = new LambdaClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  lambda?.destroy();
  await emulator?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('Function: startEmulator — real execution backend', () => {
  it('runs a Node handler deployed from a file: response, function log and REPORT (Init Duration on the cold start only)', async () => {
    // Prepare
    const { zip, handler, runtime } = packageHandlerFile({ file: join(work, 'handler.mjs') });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'e2e',
        Role: 'arn:aws:iam::123456789012:role/x',
        Runtime: runtime,
        Handler: handler,
        MemorySize: 256,
        Code: { ZipFile: zip },
      }),
    );
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
      { FunctionName: 'e2e' },
    );

    // Act
    const cold = await lambda.send(
      new InvokeCommand({ FunctionName: 'e2e', Payload: JSON.stringify({ n: 21 }), LogType: 'Tail' }),
    );
    const warm = await lambda.send(
      new InvokeCommand({ FunctionName: 'e2e', Payload: JSON.stringify({ n: 2 }), LogType: 'Tail' }),
    );

    // Assess
    expect(cold.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(cold.Payload ?? []).toString())).toEqual({ doubled: 42, memory: '256', name: 'e2e' });
    const coldLog = Buffer.from(cold.LogResult ?? '', 'base64').toString();
    const warmLog = Buffer.from(warm.LogResult ?? '', 'base64').toString();
    expect(coldLog).toContain('handling {"n":21}');
    expect(coldLog).toMatch(
      /REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/,
    );
    expect(warmLog).toMatch(
      /REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB/,
    );
    expect(warmLog).not.toContain('Init Duration');
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'e2e' }));
  });

  it.skipIf(!hasPython)('runs a Python handler deployed from a file', async () => {
    const { zip, handler, runtime } = packageHandlerFile({
      file: join(work, 'lambda_function.py'),
      exportName: 'lambda_handler',
    });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'e2e-py',
        Role: 'arn:aws:iam::123456789012:role/x',
        Runtime: runtime,
        Handler: handler,
        MemorySize: 512,
        Code: { ZipFile: zip },
      }),
    );
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
      { FunctionName: 'e2e-py' },
    );
    const reply = await lambda.send(
      new InvokeCommand({ FunctionName: 'e2e-py', Payload: JSON.stringify({ n: 5 }), LogType: 'Tail' }),
    );
    expect(reply.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(reply.Payload ?? []).toString())).toEqual({ doubled: 10, memory: '512' });
    expect(Buffer.from(reply.LogResult ?? '', 'base64').toString()).toMatch(
      /py handling 5[\s\S]*REPORT RequestId: .*Memory Size: 512 MB/,
    );
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'e2e-py' }));
  });

  it('leaves no child process behind after stop()', async () => {
    // Prepare: one warm environment is alive
    const { zip, handler, runtime } = packageHandlerFile({ file: join(work, 'handler.mjs') });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'e2e-stop',
        Role: 'arn:aws:iam::123456789012:role/x',
        Runtime: runtime,
        Handler: handler,
        Code: { ZipFile: zip },
      }),
    );
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
      { FunctionName: 'e2e-stop' },
    );
    await lambda.send(new InvokeCommand({ FunctionName: 'e2e-stop', Payload: '{"n":1}' }));
    const children = (): string[] =>
      execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.endsWith(' ps'));
    expect(children().length).toBeGreaterThan(0);

    // Act
    await emulator.stop();

    // Assess
    expect(children()).toEqual([]);
  });
});
