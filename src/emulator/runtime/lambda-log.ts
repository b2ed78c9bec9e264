/**
 * The platform's lines of an invocation log, exactly as Lambda writes them:
 * classic text (`START`/`END`/`REPORT`, tab-separated) or, when a function's
 * log format is JSON, the `platform.*` records of the Lambda Telemetry API
 * schema (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html).
 * The function's own lines are written by the bootstrap in the child process.
 *
 * Formatting rules taken from Lambda:
 * - `Duration` has two decimals; `Billed Duration` is that value rounded up
 *   to whole milliseconds (1 ms granularity, minimum 1 ms).
 * - The REPORT line ends with a tab after its last field, then a newline.
 * - `Init Duration` appears only on the first invocation of an environment.
 * - `Status` and `Error Type` appear only when the platform ended the
 *   invocation (timeout, crash, out of memory); a handler error leaves the
 *   text REPORT line unchanged.
 *
 * @module emulator/runtime/lambda-log
 */
import { createHash } from 'node:crypto';

import { BYTES_PER_MB } from './constants.js';
import type { InvokeReport } from './types.js';

type LogFormat = 'Text' | 'JSON';

const HUNDREDTHS = 100;

/** `12.3456` → `12.35` (the precision of `Duration` in REPORT lines). */
const roundToHundredths = (ms: number): number => Math.round(ms * HUNDREDTHS) / HUNDREDTHS;

/**
 * Billed duration of an invocation: its duration, as printed, rounded up to
 * the next millisecond (Lambda bills in 1 ms units), at least 1 ms.
 *
 * @example
 * billedDurationMs(12.01); // 13
 * billedDurationMs(0.2);   // 1
 */
const billedDurationMs = (durationMs: number): number => Math.max(1, Math.ceil(roundToHundredths(durationMs)));

/**
 * `Max Memory Used` in whole MB (MiB, as Lambda counts) from a byte count.
 * Rounded up, so a function never looks smaller than it is.
 *
 * @example
 * maxMemoryUsedMB(45 * 1024 * 1024 + 1); // 46
 */
const maxMemoryUsedMB = (bytes: number): number => Math.max(1, Math.ceil(bytes / BYTES_PER_MB));

const iso = (timeMs: number): string => new Date(timeMs).toISOString();

const jsonRecord = (timeMs: number, type: string, record: Record<string, unknown>): string =>
  `${JSON.stringify({ time: iso(timeMs), type, record })}\n`;

interface RuntimeVersion {
  /** e.g. `nodejs:20.v0` or `python:3.12.v0`. */
  runtimeVersion: string;
  /** e.g. `arn:aws:lambda:us-east-1::runtime:4f1a…` (stable per runtime, never a real AWS ARN). */
  runtimeVersionArn: string;
}

/**
 * The runtime version Lambda names in `INIT_START`. The emulator runs the
 * host's interpreters, so the version is `v0` and the ARN's hash is derived
 * from the runtime name.
 *
 * @example
 * runtimeVersionOf({ runtime: 'nodejs20.x', region: 'us-east-1' }).runtimeVersion; // 'nodejs:20.v0'
 */
const runtimeVersionOf = ({ runtime, region }: { runtime: string; region: string }): RuntimeVersion => {
  const match = /^([a-z]+)(\d+(?:\.\d+)?)/.exec(runtime);
  const family = match?.[1] ?? runtime;
  const release = match?.[2] ?? '0';
  const hash = createHash('sha256').update(`powertune-emulator:${runtime}`).digest('hex');
  return { runtimeVersion: `${family}:${release}.v0`, runtimeVersionArn: `arn:aws:lambda:${region}::runtime:${hash}` };
};

interface InitStartOptions {
  logFormat: LogFormat;
  timeMs: number;
  runtime: string;
  region: string;
  functionName: string;
  version: string;
}

/**
 * The first line of a cold start: `INIT_START Runtime Version: …` or a
 * `platform.initStart` record.
 *
 * @example
 * formatInitStart({ logFormat: 'Text', timeMs: 0, runtime: 'nodejs20.x', region: 'us-east-1', functionName: 'f', version: '$LATEST' });
 * // 'INIT_START Runtime Version: nodejs:20.v0\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:…\n'
 */
const formatInitStart = ({ logFormat, timeMs, runtime, region, functionName, version }: InitStartOptions): string => {
  const { runtimeVersion, runtimeVersionArn } = runtimeVersionOf({ runtime, region });
  if (logFormat === 'JSON') {
    return jsonRecord(timeMs, 'platform.initStart', {
      initializationType: 'on-demand',
      phase: 'init',
      runtimeVersion,
      runtimeVersionArn,
      functionName,
      functionVersion: version,
    });
  }
  return `INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: ${runtimeVersionArn}\n`;
};

interface InitReportOptions {
  logFormat: LogFormat;
  timeMs: number;
  initDurationMs: number;
  status: 'error' | 'timeout';
  errorType?: string;
}

/**
 * The line Lambda writes when init fails or times out:
 * `INIT_REPORT Init Duration: … ms\tPhase: init\tStatus: error\tError Type: …`
 * or a `platform.initReport` record.
 *
 * @example
 * formatInitReport({ logFormat: 'Text', timeMs: 0, initDurationMs: 55.1, status: 'error', errorType: 'Runtime.ImportModuleError' });
 * // 'INIT_REPORT Init Duration: 55.10 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError\n'
 */
const formatInitReport = ({ logFormat, timeMs, initDurationMs, status, errorType }: InitReportOptions): string => {
  if (logFormat === 'JSON') {
    return jsonRecord(timeMs, 'platform.initReport', {
      initializationType: 'on-demand',
      phase: 'init',
      status,
      ...(errorType === undefined ? {} : { errorType }),
      metrics: { durationMs: roundToHundredths(initDurationMs) },
    });
  }
  const fields = [`INIT_REPORT Init Duration: ${initDurationMs.toFixed(2)} ms`, 'Phase: init', `Status: ${status}`];
  if (errorType !== undefined) fields.push(`Error Type: ${errorType}`);
  return `${fields.join('\t')}\n`;
};

/**
 * `START RequestId: <id> Version: <version>` or a `platform.start` record.
 *
 * @example
 * formatStart({ logFormat: 'Text', timeMs: 0, requestId: 'r1', version: '$LATEST' });
 * // 'START RequestId: r1 Version: $LATEST\n'
 */
const formatStart = ({
  logFormat,
  timeMs,
  requestId,
  version,
}: {
  logFormat: LogFormat;
  timeMs: number;
  requestId: string;
  version: string;
}): string =>
  logFormat === 'JSON'
    ? jsonRecord(timeMs, 'platform.start', { requestId, version })
    : `START RequestId: ${requestId} Version: ${version}\n`;

interface EndOptions {
  logFormat: LogFormat;
  timeMs: number;
  requestId: string;
  status: InvokeReport['status'];
  durationMs: number;
  /** Size of the response (JSON `platform.runtimeDone` only). */
  producedBytes: number;
  errorType?: string;
}

/**
 * `END RequestId: <id>` or a `platform.runtimeDone` record.
 *
 * @example
 * formatEnd({ logFormat: 'Text', timeMs: 0, requestId: 'r1', status: 'success', durationMs: 1, producedBytes: 2 });
 * // 'END RequestId: r1\n'
 */
const formatEnd = ({
  logFormat,
  timeMs,
  requestId,
  status,
  durationMs,
  producedBytes,
  errorType,
}: EndOptions): string => {
  if (logFormat === 'Text') return `END RequestId: ${requestId}\n`;
  return jsonRecord(timeMs, 'platform.runtimeDone', {
    requestId,
    status,
    ...(errorType === undefined ? {} : { errorType }),
    metrics: { durationMs: roundToHundredths(durationMs), producedBytes },
  });
};

interface ReportOptions {
  logFormat: LogFormat;
  timeMs: number;
  requestId: string;
  report: InvokeReport;
  /** Set when the platform ended the invocation (`Sandbox.Timedout`, `Runtime.ExitError`, …) or, in JSON, for a function error. */
  errorType?: string;
  /** True when the platform (not the handler) ended the invocation: adds `Status`/`Error Type` to the text line. */
  platformFailure?: boolean;
}

/**
 * The REPORT line (tab-separated, trailing tab, exactly as Lambda prints it)
 * or a `platform.report` record with `record.metrics` and `record.status`.
 *
 * @example
 * formatReport({ logFormat: 'Text', timeMs: 0, requestId: 'r1',
 *   report: { durationMs: 12.34, billedDurationMs: 13, memorySizeMB: 128, maxMemoryUsedMB: 45, status: 'success' } });
 * // 'REPORT RequestId: r1\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\t\n'
 */
const formatReport = ({
  logFormat,
  timeMs,
  requestId,
  report,
  errorType,
  platformFailure = false,
}: ReportOptions): string => {
  if (logFormat === 'JSON') {
    const metrics: Record<string, number> = {
      durationMs: roundToHundredths(report.durationMs),
      billedDurationMs: report.billedDurationMs,
      memorySizeMB: report.memorySizeMB,
      maxMemoryUsedMB: report.maxMemoryUsedMB,
    };
    if (report.initDurationMs !== undefined) metrics.initDurationMs = roundToHundredths(report.initDurationMs);
    return jsonRecord(timeMs, 'platform.report', {
      requestId,
      metrics,
      status: report.status,
      ...(errorType === undefined ? {} : { errorType }),
    });
  }
  const fields = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${report.billedDurationMs} ms`,
    `Memory Size: ${report.memorySizeMB} MB`,
    `Max Memory Used: ${report.maxMemoryUsedMB} MB`,
  ];
  if (report.initDurationMs !== undefined) fields.push(`Init Duration: ${report.initDurationMs.toFixed(2)} ms`);
  if (platformFailure) {
    fields.push(`Status: ${report.status}`);
    if (errorType !== undefined) fields.push(`Error Type: ${errorType}`);
  }
  return `${fields.join('\t')}\t\n`;
};

/**
 * Lambda's text for a timeout, e.g. `Task timed out after 3.00 seconds`.
 *
 * @example
 * timeoutMessage(3); // 'Task timed out after 3.00 seconds'
 */
const timeoutMessage = (timeoutSeconds: number): string => `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;

/**
 * The log line Lambda writes when an invocation times out (text format only;
 * in JSON the `platform.*` records carry `status: "timeout"`).
 *
 * @example
 * formatTimeoutLine({ logFormat: 'Text', timeMs: 0, requestId: 'r1', timeoutSeconds: 3 });
 * // '1970-01-01T00:00:00.000Z r1 Task timed out after 3.00 seconds\n'
 */
const formatTimeoutLine = ({
  logFormat,
  timeMs,
  requestId,
  timeoutSeconds,
}: {
  logFormat: LogFormat;
  timeMs: number;
  requestId: string;
  timeoutSeconds: number;
}): string => (logFormat === 'JSON' ? '' : `${iso(timeMs)} ${requestId} ${timeoutMessage(timeoutSeconds)}\n`);

/**
 * The lines Lambda writes when the runtime process dies during an
 * invocation (text format only).
 *
 * @example
 * formatRuntimeExitLines({ logFormat: 'Text', requestId: 'r1', reason: 'signal: killed', errorType: 'Runtime.ExitError' });
 * // 'RequestId: r1 Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n'
 */
const formatRuntimeExitLines = ({
  logFormat,
  requestId,
  reason,
  errorType,
}: {
  logFormat: LogFormat;
  requestId: string;
  reason: string;
  errorType: string;
}): string =>
  logFormat === 'JSON' ? '' : `RequestId: ${requestId} Error: Runtime exited with error: ${reason}\n${errorType}\n`;

export {
  billedDurationMs,
  formatEnd,
  formatInitReport,
  formatInitStart,
  formatReport,
  formatRuntimeExitLines,
  formatStart,
  formatTimeoutLine,
  maxMemoryUsedMB,
  roundToHundredths,
  runtimeVersionOf,
  timeoutMessage,
};
export type { EndOptions, InitReportOptions, InitStartOptions, LogFormat, ReportOptions, RuntimeVersion };
