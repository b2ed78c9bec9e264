/**
 * One Invoke outcome → one `InvocationSample` (REPORT parsed, cold start
 * detected, function error read from the payload).
 *
 * @module tuner/sample-from-outcome
 */
import { parseReport } from '../core/index.js';
import type { InvocationSample } from '../core/index.js';
import type { InvokeOutcome } from '../lambda/index.js';
import { MAX_QUOTED_CHARS } from './constants.js';
import { redactPayloads } from './redact-payloads.js';

/** `{errorType, errorMessage}` of a function error payload, tolerating anything else. */
const readFunctionError = (outcome: InvokeOutcome): { type: string; message: string } => {
  let type = outcome.functionError ?? 'Error';
  let message = outcome.payload.slice(0, MAX_QUOTED_CHARS);
  try {
    const body = JSON.parse(outcome.payload) as { errorType?: unknown; errorMessage?: unknown } | null;
    if (body !== null && typeof body === 'object') {
      if (typeof body.errorType === 'string') type = body.errorType;
      if (typeof body.errorMessage === 'string') message = body.errorMessage;
    }
  } catch {
    // A non-JSON error body is quoted as is (cut).
  }
  return { type, message };
};

/**
 * Builds the sample of one invocation. With `hidePayloads` the error
 * message is scrubbed of the payloads (a function may echo its input).
 *
 * @example
 * const sample = sampleFromOutcome({ power: 512, outcome, allowedExceptions: [], hidePayloads: [] });
 */
const sampleFromOutcome = ({
  power,
  outcome,
  allowedExceptions,
  hidePayloads,
}: {
  power: number;
  outcome: InvokeOutcome;
  allowedExceptions: readonly string[];
  /** Payload texts to scrub from messages (empty unless disablePayloadLogs). */
  hidePayloads: readonly string[];
}): InvocationSample => {
  const report = outcome.log === undefined ? undefined : parseReport(outcome.log);
  const sample: InvocationSample = {
    power,
    coldStart: report?.initDurationMs !== undefined || report?.restoreDurationMs !== undefined,
  };
  if (report !== undefined) sample.report = report;
  else
    sample.parseError =
      outcome.log === undefined ? 'Lambda returned no log tail (LogResult)' : 'no REPORT record in the 4 KB log tail';
  if (outcome.functionError !== undefined) {
    const error = readFunctionError(outcome);
    sample.error = {
      type: error.type,
      message: hidePayloads.length > 0 ? redactPayloads(error.message, hidePayloads) : error.message,
    };
    sample.allowedError = allowedExceptions.includes(error.type);
  }
  if (outcome.retries > 0) sample.retries = outcome.retries;
  if (outcome.throttles > 0) sample.throttles = outcome.throttles;
  const admissionWaitMs = outcome.localService?.admissionWaitMs ?? 0;
  if (admissionWaitMs > 0) sample.admissionWaitMs = admissionWaitMs;
  return sample;
};

export { readFunctionError, sampleFromOutcome };
