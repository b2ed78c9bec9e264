import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { UnsupportedRuntimeError, createExecutionBackend } from '../../../../src/emulator/runtime/index.js';
import type { ExecutionBackend, FunctionSnapshot, InvokeResult } from '../../../../src/emulator/runtime/index.js';
import { removeFixtures, snapshot, writeFixtures } from './function-fixtures.js';

let root: string;
let backend: ExecutionBackend;

const hasPython = ((): boolean => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const invoke = (
  fn: FunctionSnapshot,
  event: unknown = {},
  extra: { clientContext?: string; invokedFunctionArn?: string } = {},
): Promise<InvokeResult> =>
  backend.invoke({ fn, payload: Buffer.from(JSON.stringify(event)), requestId: randomUUID(), ...extra });

const body = (result: InvokeResult): Record<string, unknown> =>
  JSON.parse(result.payload.toString('utf8')) as Record<string, unknown>;

beforeAll(async () => {
  root = writeFixtures();
  backend = await createExecutionBackend({ maxIdleMsPerEnvironment: 60_000 });
});

afterAll(async () => {
  await backend.stop();
  removeFixtures(root);
});

describe('Function: createExecutionBackend — Node.js handlers', () => {
  it('runs an ESM handler with the event, a Lambda context and Lambda-formatted console lines', async () => {
    // Prepare
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:esm',
      functionName: 'esm',
      memorySizeMB: 1024,
    });
    const clientContext = Buffer.from(JSON.stringify({ custom: { a: 1 } })).toString('base64');

    // Act
    const result = await invoke(
      fn,
      { hello: 'world' },
      { clientContext, invokedFunctionArn: `${fn.functionArn}:live` },
    );

    // Assess
    const answer = body(result);
    expect(result.functionError).toBeUndefined();
    expect(answer).toMatchObject({
      event: { hello: 'world' },
      functionName: 'esm',
      functionVersion: '$LATEST',
      memoryLimitInMB: '1024',
      invokedFunctionArn: `${fn.functionArn}:live`,
      logGroupName: '/aws/lambda/fixture',
      clientContext: { custom: { a: 1 } },
    });
    expect(answer.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(answer.remaining).toBeGreaterThan(9000);
    expect(answer.traceId).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    const requestId = answer.requestId as string;
    expect(result.log).toContain(`\tundefined\tINFO\tinit of esm\n`);
    expect(result.log).toMatch(
      new RegExp(`\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z\\t${requestId}\\tINFO\\tevent {"hello":"world"}\\n`),
    );
    expect(result.log).toContain(`\t${requestId}\tWARN\tcareful\n`);
    expect(result.log.indexOf('init of esm')).toBeLessThan(result.log.indexOf(`START RequestId: ${requestId}`));
    expect(result.log).toMatch(
      new RegExp(
        `END RequestId: ${requestId}\\nREPORT RequestId: ${requestId}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 1024 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms\\t\\n$`,
      ),
    );
  });

  it.each([
    ['a .js file in a "type": "module" package (ESM)', 'esm-js', 'app.handler', { kind: 'esm' }],
    ['a .js file in a CommonJS package', 'cjs', 'index.handler', { kind: 'cjs' }],
    ['a callback-style .cjs handler', 'cjs', 'callback.handler', { viaCallback: 42 }],
    ['a nested path and export', 'nested', 'src/app.handlers.main', 'nested ok'],
  ])('runs %s', async (_label, dir, handler, expected) => {
    const result = await invoke(
      snapshot({
        codeDir: join(root, dir),
        handler,
        functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${dir}-${handler}`,
      }),
      { n: 21 },
    );

    expect(result.functionError).toBeUndefined();
    expect(JSON.parse(result.payload.toString())).toEqual(expected);
  });

  it('starts cold once, then reuses the warm environment without Init Duration', async () => {
    // Prepare
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      handler: 'index.pid',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:warm',
    });

    // Act
    const first = await invoke(fn);
    const second = await invoke(fn);
    const third = await invoke(fn);

    // Assess
    expect(first.report.initDurationMs).toBeGreaterThan(0);
    expect(first.log).toMatch(/^INIT_START /);
    expect(second.report.initDurationMs).toBeUndefined();
    expect(third.report.initDurationMs).toBeUndefined();
    expect(second.log).not.toContain('Init Duration');
    expect(body(second).pid).toBe(body(first).pid);
    expect(body(third).pid).toBe(body(first).pid);
  });

  it('runs concurrent invocations in separate environments, each a cold start', async () => {
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      handler: 'index.sleep',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:concurrent',
    });

    const results = await Promise.all([1, 2, 3].map(() => invoke(fn, { ms: 300 })));
    const pids = await Promise.all([1, 2, 3].map(() => invoke({ ...fn, handler: 'index.sleep' }, { ms: 1 })));

    expect(results.every((result) => result.report.initDurationMs !== undefined)).toBe(true);
    expect(pids.every((result) => result.report.initDurationMs === undefined)).toBe(true);
  });

  it('starts a new environment when the snapshot changes (memory, code) and after discard()', async () => {
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      handler: 'index.pid',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:changes',
    });
    const base = body(await invoke(fn)).pid;

    const otherMemory = body(await invoke({ ...fn, memorySizeMB: 2048 })).pid;
    const otherCode = body(await invoke({ ...fn, codeSha256: 'sha-2' })).pid;
    const same = body(await invoke(fn)).pid;
    await backend.discard({ functionArn: fn.functionArn });
    const afterDiscard = await invoke(fn);

    expect(new Set([base, otherMemory, otherCode]).size).toBe(3);
    expect(same).toBe(base);
    expect(afterDiscard.report.initDurationMs).toBeDefined();
    expect(body(afterDiscard).pid).not.toBe(base);
  });

  it("gives the function Lambda's variables and its own, and none of the host's", async () => {
    // Prepare
    process.env.POWERTUNE_HOST_ONLY = 'leak';
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      handler: 'index.env',
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:envs',
      functionName: 'envs',
      region: 'eu-west-1',
      memorySizeMB: 256,
      environment: { TABLE: 'orders' },
    });

    // Act
    const env = body(await invoke(fn));
    delete process.env.POWERTUNE_HOST_ONLY;

    // Assess
    expect(env).toMatchObject({
      TABLE: 'orders',
      AWS_LAMBDA_FUNCTION_NAME: 'envs',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fixture',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_LOG_FORMAT: 'Text',
      LAMBDA_TASK_ROOT: join(root, 'esm'),
      _HANDLER: 'index.env',
      TZ: ':UTC',
    });
    expect(env.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/\[\$LATEST\]/);
    expect(env.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(env).not.toHaveProperty('POWERTUNE_HOST_ONLY');
  });

  it('answers a handler error as Unhandled with errorType, errorMessage and stackTrace, and logs it', async () => {
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      handler: 'index.fail',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fail',
    });

    const result = await invoke(fn);
    const next = await invoke(fn);

    expect(result.functionError).toBe('Unhandled');
    expect(body(result)).toMatchObject({
      errorType: 'TypeError',
      errorMessage: 'boom',
      stackTrace: expect.arrayContaining(['TypeError: boom']),
    });
    expect(result.report.status).toBe('error');
    expect(result.log).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"boom"/);
    expect(next.report.initDurationMs).toBeUndefined();
  });

  it('answers a callback error like a thrown one', async () => {
    const result = await invoke(
      snapshot({
        codeDir: join(root, 'cjs'),
        handler: 'callback.failing',
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cbfail',
      }),
    );

    expect(result.functionError).toBe('Unhandled');
    expect(body(result)).toMatchObject({ errorType: 'Error', errorMessage: 'callback failure' });
  });

  it.each([
    ['a missing module', 'esm', 'missing.handler', 'Runtime.ImportModuleError', /Cannot find module 'missing'/],
    [
      'a missing export',
      'esm',
      'index.nothing',
      'Runtime.HandlerNotFound',
      /index\.nothing is undefined or not exported/,
    ],
    ['a syntax error', 'broken', 'index.handler', 'Runtime.UserCodeSyntaxError', /SyntaxError/],
    ['an error thrown at init', 'throws-at-init', 'index.handler', 'Error', /cannot connect at init/],
  ])('reports %s at init as %s', async (_label, dir, handler, errorType, message) => {
    const fn = snapshot({
      codeDir: join(root, dir),
      handler,
      functionArn: `arn:aws:lambda:us-east-1:123456789012:function:init-${dir}-${handler}`,
    });

    const result = await invoke(fn);

    expect(result.functionError).toBe('Unhandled');
    expect(body(result)).toMatchObject({ errorType, errorMessage: expect.stringMatching(message) });
    expect(result.log).toContain(`INIT_REPORT Init Duration: `);
    expect(result.log).toMatch(new RegExp(`Status: error\\tError Type: ${errorType.replace('.', '\\.')}\\t\\n$`));
  });

  it('times out after the configured seconds: kills the environment, answers Sandbox.Timedout', async () => {
    // Prepare
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      handler: 'index.sleep',
      timeoutSeconds: 1,
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:timeout',
    });

    // Act
    const started = Date.now();
    const result = await invoke(fn, { ms: 3000 });
    const elapsed = Date.now() - started;
    const next = await invoke(fn, { ms: 1 });

    // Assess
    expect(elapsed).toBeLessThan(2800);
    expect(result.functionError).toBe('Unhandled');
    const requestId = /START RequestId: (\S+)/.exec(result.log)?.[1] ?? '';
    expect(body(result)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${requestId} Error: Task timed out after 1.00 seconds`,
    });
    // A cold start: Lambda bills its INIT too (since 1 August 2025).
    expect(result.report).toMatchObject({
      durationMs: 1000,
      billedDurationMs: Math.ceil(1000 + (result.report.initDurationMs ?? 0)),
      status: 'timeout',
    });
    expect(result.log).toMatch(
      new RegExp(`\\d{4}-[\\d-]+T[\\d:.]+Z ${requestId} Task timed out after 1\\.00 seconds\\n`),
    );
    expect(next.report.initDurationMs).toBeDefined();
  });

  it('kills an environment that outgrows its memory size: Runtime.ExitError, Max Memory Used at the limit', async () => {
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      handler: 'index.allocate',
      memorySizeMB: 128,
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:oom',
    });

    const result = await invoke(fn, { mb: 300 });

    expect(result.functionError).toBe('Unhandled');
    expect(body(result)).toMatchObject({
      errorType: 'Runtime.ExitError',
      errorMessage: expect.stringMatching(/Runtime exited with error: signal: killed$/),
    });
    expect(result.report.maxMemoryUsedMB).toBeGreaterThanOrEqual(128);
    expect(result.log).toMatch(/Status: error\tError Type: Runtime\.OutOfMemory\t\n$/);
  });

  it("reports the environment's real peak memory in Max Memory Used", async () => {
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      handler: 'index.allocate',
      memorySizeMB: 512,
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:peak',
    });

    const baseline = await invoke(fn, { mb: 1, holdMs: 1 });
    const grown = await invoke(fn, { mb: 60, holdMs: 50 });

    expect(baseline.report.maxMemoryUsedMB).toBeGreaterThan(10);
    expect(grown.report.maxMemoryUsedMB - baseline.report.maxMemoryUsedMB).toBeGreaterThanOrEqual(55);
    expect(grown.report.maxMemoryUsedMB).toBeLessThan(512);
  });

  it('discards an environment whose runtime exits during an invocation', async () => {
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      handler: 'index.crash',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:crash',
    });

    const result = await invoke(fn);
    const next = await invoke(fn);

    expect(body(result)).toMatchObject({
      errorType: 'Runtime.ExitError',
      errorMessage: expect.stringMatching(/Runtime exited with error: exit status 3$/),
    });
    expect(result.log).toMatch(/Status: error\tError Type: Runtime\.ExitError\t\n$/);
    expect(next.report.initDurationMs).toBeDefined();
  });

  it('reports an uncaught exception thrown after the handler awaited, then replaces the environment', async () => {
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      handler: 'index.rejectLater',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:late',
    });

    const result = await invoke(fn);

    expect(result.functionError).toBe('Unhandled');
    expect(body(result)).toMatchObject({ errorType: 'RangeError', errorMessage: 'late' });
    expect(result.log).toContain('Uncaught Exception');
  });

  it('refuses a response over 6 MB with Function.ResponseSizeTooLarge', async () => {
    const result = await invoke(
      snapshot({
        codeDir: join(root, 'esm'),
        handler: 'index.big',
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:big',
      }),
    );

    expect(result.functionError).toBe('Unhandled');
    expect(body(result)).toMatchObject({ errorType: 'Function.ResponseSizeTooLarge' });
  });

  it('refuses a runtime it cannot run with UnsupportedRuntimeError', async () => {
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      runtime: 'java21',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:java',
    });

    await expect(invoke(fn)).rejects.toThrow(UnsupportedRuntimeError);
  });

  it('writes platform.* JSON records and JSON console lines in JSON log format', async () => {
    const fn = snapshot({
      codeDir: join(root, 'esm'),
      logFormat: 'JSON',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:json',
    });

    const result = await invoke(fn, { a: 1 });

    const records = result.log
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const types = records.map((record) => record.type ?? `console.${String(record.level)}`);
    expect(types).toEqual([
      'platform.initStart',
      'console.INFO',
      'platform.start',
      'console.INFO',
      'console.WARN',
      'platform.runtimeDone',
      'platform.report',
    ]);
    const report = records.at(-1) as { record: { metrics: Record<string, number>; status: string } };
    expect(report.record.status).toBe('success');
    expect(Object.keys(report.record.metrics).sort()).toEqual([
      'billedDurationMs',
      'durationMs',
      'initDurationMs',
      'maxMemoryUsedMB',
      'memorySizeMB',
    ]);
    expect(records[3]).toMatchObject({ level: 'INFO', message: 'event {"a":1}', requestId: expect.any(String) });
  });
});

describe.skipIf(!hasPython)('Function: createExecutionBackend — Python handlers', () => {
  it('runs a python3.x handler with a context, print output and Lambda-formatted logging', async () => {
    const fn = snapshot({
      codeDir: join(root, 'python'),
      runtime: 'python3.12',
      handler: 'main.handler',
      memorySizeMB: 512,
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:py',
    });

    const cold = await invoke(fn, { n: 1 });
    const warm = await invoke(fn, { n: 2 });

    const answer = body(cold);
    expect(cold.functionError).toBeUndefined();
    expect(answer).toMatchObject({ event: { n: 1 }, memory: '512', name: 'fixture' });
    expect(cold.report.initDurationMs).toBeDefined();
    expect(warm.report.initDurationMs).toBeUndefined();
    expect(body(warm).pid).toBe(answer.pid);
    expect(cold.log).toMatch(/^INIT_START Runtime Version: python:3\.12\.v0\t/);
    expect(cold.log).toContain('python init\n');
    expect(cold.log).toMatch(
      new RegExp(`\\[INFO\\]\\t[\\dT:.Z-]+\\t${String(answer.requestId)}\\tgot \\{"n": 1\\}\\nprinted line\\n`),
    );
  });

  it('answers a Python exception with errorType, errorMessage and stackTrace', async () => {
    const fn = snapshot({
      codeDir: join(root, 'python'),
      runtime: 'python3.12',
      handler: 'main.fail',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:pyfail',
    });

    const result = await invoke(fn);

    expect(result.functionError).toBe('Unhandled');
    expect(body(result)).toMatchObject({
      errorType: 'ValueError',
      errorMessage: 'bad value',
      stackTrace: [expect.stringContaining('main.py')],
    });
    expect(result.log).toContain('[ERROR] ValueError: bad value');
  });

  it('reports a missing Python module as Runtime.ImportModuleError', async () => {
    const fn = snapshot({
      codeDir: join(root, 'python'),
      runtime: 'python3.12',
      handler: 'nope.handler',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:pymissing',
    });

    const result = await invoke(fn);

    expect(body(result)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringMatching(/Unable to import module 'nope'/),
    });
  });
});
