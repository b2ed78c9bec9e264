import { describe, expect, it } from 'vitest';

import {
  billedDurationMs,
  formatEnd,
  formatInitReport,
  formatInitStart,
  formatReport,
  formatRuntimeExitLines,
  formatStart,
  formatTimeoutLine,
  maxMemoryUsedMB,
} from '../../../../src/emulator/runtime/lambda-log.js';
import type { InvokeReport } from '../../../../src/emulator/runtime/types.js';

const ID = '3f2c6b1e-0000-4000-8000-000000000001';
const T0 = Date.parse('2024-01-01T00:00:00.000Z');

const warm: InvokeReport = {
  durationMs: 12.34,
  billedDurationMs: 13,
  memorySizeMB: 128,
  maxMemoryUsedMB: 45,
  status: 'success',
};
const cold: InvokeReport = { ...warm, initDurationMs: 123.456 };

describe('Function: billedDurationMs', () => {
  it.each([
    [12.34, 13],
    [12.006, 13],
    [12.004, 12],
    [12, 12],
    [0.2, 1],
    [0, 1],
    [999.995, 1000],
  ])('bills %d ms as %d ms (1 ms granularity, minimum 1 ms, rounded from the printed value)', (duration, billed) => {
    expect(billedDurationMs(duration)).toBe(billed);
  });
});

describe('Function: maxMemoryUsedMB', () => {
  it.each([
    [45 * 1024 * 1024, 45],
    [45 * 1024 * 1024 + 1, 46],
    [0, 1],
  ])('reports %d bytes as %d MB', (bytes, mb) => {
    expect(maxMemoryUsedMB(bytes)).toBe(mb);
  });
});

describe('Function: formatReport', () => {
  it.each([
    [
      'a warm invocation',
      warm,
      false,
      undefined,
      `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\t\n`,
    ],
    [
      'a cold start (Init Duration, two decimals)',
      cold,
      false,
      undefined,
      `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\tInit Duration: 123.46 ms\t\n`,
    ],
    [
      'a timeout',
      { ...warm, durationMs: 3000, billedDurationMs: 3000, status: 'timeout' as const },
      true,
      undefined,
      `REPORT RequestId: ${ID}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\tStatus: timeout\t\n`,
    ],
    [
      'an out-of-memory kill',
      { ...warm, maxMemoryUsedMB: 128, status: 'error' as const },
      true,
      'Runtime.OutOfMemory',
      `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory\t\n`,
    ],
    [
      'a handler error (text line unchanged)',
      { ...warm, status: 'error' as const },
      false,
      'Error',
      `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\t\n`,
    ],
  ])(
    'writes the text REPORT line of %s exactly as Lambda does',
    (_label, report, platformFailure, errorType, expected) => {
      // Act
      const line = formatReport({
        logFormat: 'Text',
        timeMs: T0,
        requestId: ID,
        report,
        platformFailure,
        ...(errorType === undefined ? {} : { errorType }),
      });

      // Assess
      expect(line).toBe(expected);
    },
  );

  it('matches the reference tool regexes for duration, billed and init', () => {
    const line = formatReport({ logFormat: 'Text', timeMs: T0, requestId: ID, report: cold });

    expect(/\tDuration: (\d+\.\d+) ms/m.exec(line)?.[1]).toBe('12.34');
    expect(/\tBilled Duration: (\d+) ms/m.exec(line)?.[1]).toBe('13');
    expect(/\tInit Duration: (\d+\.\d+) ms/m.exec(line)?.[1]).toBe('123.46');
  });

  it('writes a platform.report record with metrics and status in JSON format', () => {
    // Act
    const line = formatReport({ logFormat: 'JSON', timeMs: T0, requestId: ID, report: cold });

    // Assess
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({
      time: '2024-01-01T00:00:00.000Z',
      type: 'platform.report',
      record: {
        requestId: ID,
        metrics: {
          durationMs: 12.34,
          billedDurationMs: 13,
          memorySizeMB: 128,
          maxMemoryUsedMB: 45,
          initDurationMs: 123.46,
        },
        status: 'success',
      },
    });
  });

  it('leaves initDurationMs out of a warm JSON report and names the error type of a failed one', () => {
    const line = formatReport({
      logFormat: 'JSON',
      timeMs: T0,
      requestId: ID,
      report: { ...warm, status: 'timeout' },
      errorType: 'Sandbox.Timedout',
    });

    const record = JSON.parse(line).record;
    expect(record.metrics).not.toHaveProperty('initDurationMs');
    expect(record.status).toBe('timeout');
    expect(record.errorType).toBe('Sandbox.Timedout');
  });
});

describe('Function: formatStart / formatEnd', () => {
  it('writes START and END lines in text format', () => {
    expect(formatStart({ logFormat: 'Text', timeMs: T0, requestId: ID, version: '$LATEST' })).toBe(
      `START RequestId: ${ID} Version: $LATEST\n`,
    );
    expect(
      formatEnd({ logFormat: 'Text', timeMs: T0, requestId: ID, status: 'success', durationMs: 1, producedBytes: 2 }),
    ).toBe(`END RequestId: ${ID}\n`);
  });

  it('writes platform.start and platform.runtimeDone records in JSON format', () => {
    const start = JSON.parse(formatStart({ logFormat: 'JSON', timeMs: T0, requestId: ID, version: '7' }));
    const end = JSON.parse(
      formatEnd({
        logFormat: 'JSON',
        timeMs: T0 + 5,
        requestId: ID,
        status: 'error',
        durationMs: 4.567,
        producedBytes: 0,
        errorType: 'Error',
      }),
    );

    expect(start).toEqual({
      time: '2024-01-01T00:00:00.000Z',
      type: 'platform.start',
      record: { requestId: ID, version: '7' },
    });
    expect(end).toEqual({
      time: '2024-01-01T00:00:00.005Z',
      type: 'platform.runtimeDone',
      record: { requestId: ID, status: 'error', errorType: 'Error', metrics: { durationMs: 4.57, producedBytes: 0 } },
    });
  });
});

describe('Function: formatTimeoutLine', () => {
  it.each([
    [3, `2024-01-01T00:00:00.000Z ${ID} Task timed out after 3.00 seconds\n`],
    [1, `2024-01-01T00:00:00.000Z ${ID} Task timed out after 1.00 seconds\n`],
  ])("writes Lambda's timeout line for a %d s timeout", (timeoutSeconds, expected) => {
    expect(formatTimeoutLine({ logFormat: 'Text', timeMs: T0, requestId: ID, timeoutSeconds })).toBe(expected);
  });

  it('writes nothing in JSON format (the records carry status timeout)', () => {
    expect(formatTimeoutLine({ logFormat: 'JSON', timeMs: T0, requestId: ID, timeoutSeconds: 3 })).toBe('');
  });
});

describe('Function: formatInitStart / formatInitReport', () => {
  it('names the runtime version in an INIT_START line', () => {
    const line = formatInitStart({
      logFormat: 'Text',
      timeMs: T0,
      runtime: 'nodejs20.x',
      region: 'eu-west-1',
      functionName: 'f',
      version: '$LATEST',
    });

    expect(line).toMatch(
      /^INIT_START Runtime Version: nodejs:20\.v0\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:[0-9a-f]{64}\n$/,
    );
  });

  it('writes a platform.initStart record in JSON format', () => {
    const record = JSON.parse(
      formatInitStart({
        logFormat: 'JSON',
        timeMs: T0,
        runtime: 'python3.12',
        region: 'us-east-1',
        functionName: 'f',
        version: '2',
      }),
    ).record;

    expect(record).toMatchObject({
      initializationType: 'on-demand',
      phase: 'init',
      runtimeVersion: 'python:3.12.v0',
      functionName: 'f',
      functionVersion: '2',
    });
  });

  it('reports a failed init with its error type', () => {
    expect(
      formatInitReport({
        logFormat: 'Text',
        timeMs: T0,
        initDurationMs: 55.1,
        status: 'error',
        errorType: 'Runtime.ImportModuleError',
      }),
    ).toBe('INIT_REPORT Init Duration: 55.10 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError\n');
  });
});

describe('Function: formatRuntimeExitLines', () => {
  it('writes the runtime exit error lines in text format only', () => {
    expect(
      formatRuntimeExitLines({
        logFormat: 'Text',
        requestId: ID,
        reason: 'signal: killed',
        errorType: 'Runtime.ExitError',
      }),
    ).toBe(`RequestId: ${ID} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`);
    expect(
      formatRuntimeExitLines({
        logFormat: 'JSON',
        requestId: ID,
        reason: 'signal: killed',
        errorType: 'Runtime.ExitError',
      }),
    ).toBe('');
  });
});
