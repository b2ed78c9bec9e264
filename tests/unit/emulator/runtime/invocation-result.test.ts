import { describe, expect, it } from 'vitest';

import { buildInvokeResult } from '../../../../src/emulator/runtime/invocation-result.js';
import type { InvocationOutcome } from '../../../../src/emulator/runtime/invocation-result.js';
import type { FunctionSnapshot } from '../../../../src/emulator/runtime/types.js';

const ID = '11111111-2222-4333-8444-555555555555';
const T0 = Date.parse('2024-01-01T00:00:00.000Z');

const fn: FunctionSnapshot = {
  functionName: 'demo',
  functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:demo',
  version: '$LATEST',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  codeDir: '/tmp/code',
  codeSha256: 'abc',
  memorySizeMB: 128,
  timeoutSeconds: 3,
  environment: {},
  logFormat: 'Text',
  architecture: 'x86_64',
  region: 'us-east-1',
  accountId: '123456789012',
  logGroup: '/aws/lambda/demo',
};

const build = (
  outcome: InvocationOutcome,
  extra: Partial<Parameters<typeof buildInvokeResult>[0]> = {},
): ReturnType<typeof buildInvokeResult> =>
  buildInvokeResult({
    fn,
    requestId: ID,
    outcome,
    durationMs: 12.341,
    maxMemoryUsedMB: 50,
    output: '',
    startTimeMs: T0,
    endTimeMs: T0 + 12,
    ...extra,
  });

const json = (buffer: Buffer): unknown => JSON.parse(buffer.toString('utf8'));

describe('Function: buildInvokeResult', () => {
  it('returns the response and a START/output/END/REPORT log for a warm success', () => {
    // Act
    const result = build({ kind: 'success', payload: Buffer.from('{"ok":true}') }, { output: 'hello\n' });

    // Assess
    expect(result.functionError).toBeUndefined();
    expect(result.payload.toString()).toBe('{"ok":true}');
    expect(result.report).toEqual({
      durationMs: 12.34,
      billedDurationMs: 13,
      memorySizeMB: 128,
      maxMemoryUsedMB: 50,
      status: 'success',
    });
    expect(result.log).toBe(
      `START RequestId: ${ID} Version: $LATEST\nhello\nEND RequestId: ${ID}\n` +
        `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\t\n`,
    );
  });

  it('puts INIT_START and the init output first and reports Init Duration on a cold start', () => {
    const result = build(
      { kind: 'success', payload: Buffer.from('null') },
      { cold: { initDurationMs: 150.126, initOutput: 'loading\n', initStartTimeMs: T0 - 200 } },
    );

    expect(result.report.initDurationMs).toBe(150.13);
    expect(result.log.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^INIT_START Runtime Version: nodejs:20\.v0\t/),
      'loading',
      `START RequestId: ${ID} Version: $LATEST`,
    ]);
    expect(result.log).toContain('\tInit Duration: 150.13 ms\t\n');
  });

  // Lambda bills INIT of on-demand ZIP functions with managed runtimes since 1 August 2025.
  it.each([
    [
      'Text',
      'cold',
      undefined,
      `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 113 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\tInit Duration: 100.50 ms\t\n`,
    ],
    [
      'Text',
      'cold',
      true,
      `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 113 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\tInit Duration: 100.50 ms\t\n`,
    ],
    [
      'Text',
      'cold',
      false,
      `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\tInit Duration: 100.50 ms\t\n`,
    ],
    [
      'Text',
      'warm',
      undefined,
      `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\t\n`,
    ],
    [
      'JSON',
      'cold',
      undefined,
      { durationMs: 12.34, billedDurationMs: 113, memorySizeMB: 128, maxMemoryUsedMB: 50, initDurationMs: 100.5 },
    ],
    [
      'JSON',
      'cold',
      false,
      { durationMs: 12.34, billedDurationMs: 13, memorySizeMB: 128, maxMemoryUsedMB: 50, initDurationMs: 100.5 },
    ],
    ['JSON', 'warm', undefined, { durationMs: 12.34, billedDurationMs: 13, memorySizeMB: 128, maxMemoryUsedMB: 50 }],
  ] as const)(
    'writes the %s REPORT of a %s start with billInitDuration %s',
    (logFormat, start, billInitDuration, expected) => {
      // Prepare
      const cold = start === 'cold' ? { cold: { initDurationMs: 100.5, initOutput: '', initStartTimeMs: T0 } } : {};

      // Act
      const result = buildInvokeResult({
        fn: { ...fn, logFormat },
        requestId: ID,
        outcome: { kind: 'success', payload: Buffer.from('null') },
        durationMs: 12.341,
        maxMemoryUsedMB: 50,
        output: '',
        startTimeMs: T0,
        endTimeMs: T0 + 12,
        ...cold,
        ...(billInitDuration === undefined ? {} : { billInitDuration }),
      });

      // Assess
      const lines = result.log.split('\n');
      const lastLine = lines[lines.length - 2] ?? '';
      if (typeof expected === 'string') expect(`${lastLine}\n`).toBe(expected);
      else expect((JSON.parse(lastLine) as { record: { metrics: unknown } }).record.metrics).toEqual(expected);
    },
  );

  it("reports a timeout with Sandbox.Timedout, Lambda's log line and the configured timeout as duration", () => {
    const result = build({ kind: 'timeout' });

    expect(result.functionError).toBe('Unhandled');
    expect(json(result.payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${ID} Error: Task timed out after 3.00 seconds`,
    });
    expect(result.report).toMatchObject({ durationMs: 3000, billedDurationMs: 3000, status: 'timeout' });
    expect(result.log).toContain(
      `2024-01-01T00:00:00.012Z ${ID} Task timed out after 3.00 seconds\nEND RequestId: ${ID}\n`,
    );
    expect(result.log).toMatch(/\tStatus: timeout\t\n$/);
  });

  it('reports an out-of-memory kill as Runtime.ExitError, with Error Type Runtime.OutOfMemory in REPORT', () => {
    const result = build({ kind: 'exit', reason: 'signal: killed', outOfMemory: true }, { maxMemoryUsedMB: 128 });

    expect(json(result.payload)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${ID} Error: Runtime exited with error: signal: killed`,
    });
    expect(result.log).toContain(
      `RequestId: ${ID} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`,
    );
    expect(result.log).toMatch(/\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime\.OutOfMemory\t\n$/);
  });

  it('passes a handler error through as Lambda does, leaving the text REPORT line plain', () => {
    const body = Buffer.from(
      JSON.stringify({ errorType: 'TypeError', errorMessage: 'boom', stackTrace: ['TypeError: boom'] }),
    );

    const result = build({ kind: 'function-error', payload: body, errorType: 'TypeError' });

    expect(result.functionError).toBe('Unhandled');
    expect(result.payload).toEqual(body);
    expect(result.report.status).toBe('error');
    expect(result.log).toMatch(/Max Memory Used: 50 MB\t\n$/);
  });

  it('wraps an error body that is not a JSON object', () => {
    const result = build({ kind: 'function-error', payload: Buffer.from('plain text'), errorType: 'Custom' });

    expect(json(result.payload)).toEqual({ errorType: 'Custom', errorMessage: 'plain text' });
  });

  it('answers Function.ResponseSizeTooLarge for a response over 6 MB', () => {
    const result = build({ kind: 'too-large' });

    expect(json(result.payload)).toMatchObject({ errorType: 'Function.ResponseSizeTooLarge' });
    expect(result.functionError).toBe('Unhandled');
  });

  it('reports a failed init with INIT_REPORT and without Init Duration', () => {
    const payload = Buffer.from(
      JSON.stringify({ errorType: 'Runtime.ImportModuleError', errorMessage: "Error: Cannot find module 'index'" }),
    );

    const result = build(
      { kind: 'init-failure', payload, errorType: 'Runtime.ImportModuleError', timedOut: false },
      { durationMs: 40, cold: { initDurationMs: 40, initOutput: 'ERROR line\n', initStartTimeMs: T0 } },
    );

    expect(result.payload).toEqual(payload);
    expect(result.report.initDurationMs).toBeUndefined();
    expect(result.log).toContain(
      'ERROR line\nINIT_REPORT Init Duration: 40.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError\n',
    );
    expect(result.log).toMatch(/\tStatus: error\tError Type: Runtime\.ImportModuleError\t\n$/);
  });

  it('writes every platform line as a JSON record in JSON log format', () => {
    const result = build(
      { kind: 'success', payload: Buffer.from('1') },
      {
        fn: { ...fn, logFormat: 'JSON' },
        output: '{"timestamp":"x","level":"INFO","message":"hi"}\n',
        cold: { initDurationMs: 10, initOutput: '', initStartTimeMs: T0 },
      },
    );

    const records = result.log
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type?: string; level?: string });
    expect(records.map((record) => record.type ?? record.level)).toEqual([
      'platform.initStart',
      'platform.start',
      'INFO',
      'platform.runtimeDone',
      'platform.report',
    ]);
  });
});
