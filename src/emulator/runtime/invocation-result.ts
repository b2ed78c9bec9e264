/**
 * Turns what happened in an environment (the runtime's answer, a timeout, a
 * crash…) into the Invoke result: payload, `functionError`, report numbers
 * and the whole invocation log. Pure: the environment measures, this shapes.
 *
 * Platform failures, as the emulator reports them (choices documented):
 * - timeout: payload `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed out after 3.00 seconds"}`
 *   (what Lambda returns today; older runtimes put the log line in `errorMessage`),
 *   log line `<ISO time> <id> Task timed out after 3.00 seconds`, REPORT `Status: timeout`;
 * - runtime exit or out-of-memory kill: payload `{"errorType":"Runtime.ExitError","errorMessage":"RequestId: <id> Error: Runtime exited with error: signal: killed"}`,
 *   REPORT `Status: error` with `Error Type: Runtime.OutOfMemory` for a memory kill
 *   (what Lambda logs) and `Runtime.ExitError` otherwise;
 * - response over 6 MB: `Function.ResponseSizeTooLarge`;
 * - init failure: the runtime's own error (`Runtime.ImportModuleError`,
 *   `Runtime.HandlerNotFound`, …), an `INIT_REPORT … Status: error` line,
 *   and a REPORT whose Duration is the failed init (no `Init Duration`).
 *
 * @module emulator/runtime/invocation-result
 */
import { MAX_RESPONSE_BYTES, MS_PER_SECOND, PLATFORM_ERROR_TYPES } from './constants.js';
import {
  billedDurationMs,
  formatEnd,
  formatInitReport,
  formatInitStart,
  formatReport,
  formatRuntimeExitLines,
  formatStart,
  formatTimeoutLine,
  roundToHundredths,
  timeoutMessage,
} from './lambda-log.js';
import type { FunctionSnapshot, InvokeReport, InvokeResult } from './types.js';

/** How an invocation ended. */
type InvocationOutcome =
  | { kind: 'success'; payload: Buffer }
  | { kind: 'function-error'; payload: Buffer; errorType?: string }
  | { kind: 'too-large' }
  | { kind: 'timeout' }
  | { kind: 'exit'; reason: string; outOfMemory: boolean }
  | { kind: 'init-failure'; payload: Buffer; errorType: string; timedOut: boolean };

/** Cold-start facts, present on the first invocation of an environment. */
interface ColdStart {
  initDurationMs: number;
  /** What the runtime printed during init. */
  initOutput: string;
  initStartTimeMs: number;
}

interface BuildInvokeResultOptions {
  fn: FunctionSnapshot;
  requestId: string;
  outcome: InvocationOutcome;
  durationMs: number;
  maxMemoryUsedMB: number;
  /** What the function printed during the invocation. */
  output: string;
  cold?: ColdStart;
  /** Wall-clock times (epoch ms) of the start and end of the invocation. */
  startTimeMs: number;
  endTimeMs: number;
  /**
   * A cold start's Billed Duration includes its Init Duration (default
   * true): Lambda bills the INIT phase of on-demand functions packaged as
   * ZIP with a managed runtime since 1 August 2025 — every function this
   * emulator runs. false keeps the former rule, for comparisons.
   */
  billInitDuration?: boolean;
}

const jsonPayload = (value: Record<string, unknown>): Buffer => Buffer.from(JSON.stringify(value));

const platformPayload = ({
  outcome,
  requestId,
  timeoutSeconds,
}: {
  outcome: InvocationOutcome;
  requestId: string;
  timeoutSeconds: number;
}): Buffer => {
  switch (outcome.kind) {
    case 'timeout':
      return jsonPayload({
        errorType: PLATFORM_ERROR_TYPES.timeout,
        errorMessage: `RequestId: ${requestId} Error: ${timeoutMessage(timeoutSeconds)}`,
      });
    case 'exit':
      return jsonPayload({
        errorType: PLATFORM_ERROR_TYPES.exit,
        errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${outcome.reason}`,
      });
    default:
      return jsonPayload({
        errorType: PLATFORM_ERROR_TYPES.responseTooLarge,
        errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
      });
  }
};

/** Lambda passes a runtime's error body through; a body that is not a JSON object is wrapped. */
const functionErrorPayload = (body: Buffer, errorType: string | undefined): Buffer => {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return body;
  } catch {
    // not JSON: wrapped below
  }
  return jsonPayload({ errorType: errorType ?? 'Runtime.Unknown', errorMessage: body.toString('utf8') });
};

const errorTypeOf = (outcome: InvocationOutcome, payload: Buffer): string | undefined => {
  switch (outcome.kind) {
    case 'success':
      return undefined;
    case 'timeout':
      return PLATFORM_ERROR_TYPES.timeout;
    case 'exit':
      return outcome.outOfMemory ? PLATFORM_ERROR_TYPES.outOfMemory : PLATFORM_ERROR_TYPES.exit;
    case 'too-large':
      return PLATFORM_ERROR_TYPES.responseTooLarge;
    case 'init-failure':
      return outcome.errorType;
    case 'function-error': {
      try {
        const parsed = JSON.parse(payload.toString('utf8')) as { errorType?: unknown };
        if (typeof parsed.errorType === 'string') return parsed.errorType;
      } catch {
        // fall through
      }
      return outcome.errorType;
    }
  }
};

/**
 * The Invoke result of one invocation, with its log in the function's format.
 *
 * @example
 * const result = buildInvokeResult({ fn, requestId: 'r1', outcome: { kind: 'success', payload: Buffer.from('"ok"') },
 *   durationMs: 12.3, maxMemoryUsedMB: 45, output: '', startTimeMs: Date.now(), endTimeMs: Date.now() });
 * result.report.billedDurationMs; // 13
 */
const buildInvokeResult = ({
  fn,
  requestId,
  outcome,
  durationMs,
  maxMemoryUsedMB,
  output,
  cold,
  startTimeMs,
  endTimeMs,
  billInitDuration = true,
}: BuildInvokeResultOptions): InvokeResult => {
  const logFormat = fn.logFormat;
  const initFailed = outcome.kind === 'init-failure';
  const duration = outcome.kind === 'timeout' ? fn.timeoutSeconds * MS_PER_SECOND : roundToHundredths(durationMs);
  const initDurationMs = cold === undefined || initFailed ? undefined : roundToHundredths(cold.initDurationMs);
  const payload =
    outcome.kind === 'success'
      ? outcome.payload
      : outcome.kind === 'function-error' || outcome.kind === 'init-failure'
        ? functionErrorPayload(outcome.payload, outcome.errorType)
        : platformPayload({ outcome, requestId, timeoutSeconds: fn.timeoutSeconds });
  const timedOut = outcome.kind === 'timeout' || (outcome.kind === 'init-failure' && outcome.timedOut);
  const status: InvokeReport['status'] = outcome.kind === 'success' ? 'success' : timedOut ? 'timeout' : 'error';
  const report: InvokeReport = {
    durationMs: duration,
    billedDurationMs: billedDurationMs(
      duration + (billInitDuration && initDurationMs !== undefined ? initDurationMs : 0),
    ),
    memorySizeMB: fn.memorySizeMB,
    maxMemoryUsedMB,
    ...(initDurationMs === undefined ? {} : { initDurationMs }),
    status,
  };
  const errorType = errorTypeOf(outcome, payload);
  const platformFailure = outcome.kind === 'timeout' || outcome.kind === 'exit' || initFailed;

  let log = '';
  if (cold !== undefined) {
    log += formatInitStart({
      logFormat,
      timeMs: cold.initStartTimeMs,
      runtime: fn.runtime,
      region: fn.region,
      functionName: fn.functionName,
      version: fn.version,
    });
    log += cold.initOutput;
    if (outcome.kind === 'init-failure') {
      log += formatInitReport({
        logFormat,
        timeMs: startTimeMs,
        initDurationMs: cold.initDurationMs,
        status: outcome.timedOut ? 'timeout' : 'error',
        errorType: outcome.errorType,
      });
    }
  }
  log += formatStart({ logFormat, timeMs: startTimeMs, requestId, version: fn.version });
  log += output;
  if (output !== '' && !output.endsWith('\n')) log += '\n';
  if (outcome.kind === 'timeout')
    log += formatTimeoutLine({ logFormat, timeMs: endTimeMs, requestId, timeoutSeconds: fn.timeoutSeconds });
  if (outcome.kind === 'exit')
    log += formatRuntimeExitLines({
      logFormat,
      requestId,
      reason: outcome.reason,
      errorType: PLATFORM_ERROR_TYPES.exit,
    });
  log += formatEnd({
    logFormat,
    timeMs: endTimeMs,
    requestId,
    status,
    durationMs: duration,
    producedBytes: outcome.kind === 'success' ? payload.length : 0,
    ...(errorType === undefined ? {} : { errorType }),
  });
  const reportErrorType =
    errorType === undefined || (outcome.kind === 'timeout' && logFormat === 'Text') ? undefined : errorType;
  log += formatReport({
    logFormat,
    timeMs: endTimeMs,
    requestId,
    report,
    platformFailure,
    ...(reportErrorType === undefined ? {} : { errorType: reportErrorType }),
  });

  return { payload, ...(outcome.kind === 'success' ? {} : { functionError: 'Unhandled' as const }), log, report };
};

export { buildInvokeResult };
export type { BuildInvokeResultOptions, ColdStart, InvocationOutcome };
