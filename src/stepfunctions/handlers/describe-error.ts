/**
 * Turns errors into the `{ error, cause }` pair the `Failed` state shows:
 * our stable error name and a message a human can act on. Also reads the
 * JSON `Cause` Step Functions stores for a failed Lambda task.
 *
 * @module stepfunctions/handlers/describe-error
 */
import { PowerTuneError } from '../../core/index.js';
import type { FailureDescription } from '../types.js';
import { toHandlerError } from './to-handler-error.js';

/**
 * The error name and message of a thrown value (non-powertune errors are
 * wrapped as `UnexpectedHandlerError`).
 *
 * @example
 * describeError(new InputError({ field: 'num', expected: 'must be >= 5', got: '3' }));
 * // { error: 'InputError', cause: 'num: must be >= 5; got 3' }
 */
const describeError = (error: unknown, handler = 'prepare'): FailureDescription => {
  const wrapped = error instanceof PowerTuneError ? error : toHandlerError({ handler, error });
  return { error: wrapped.name, cause: wrapped.message };
};

/**
 * Reads a caught Step Functions error: `Cause` is the Lambda error JSON
 * (`{"errorType","errorMessage","trace"}`) for a handler error, or plain text
 * for a Step Functions error (`States.Timeout`, `Lambda.…Exception`).
 *
 * @example
 * describeCaughtError({ Error: 'InputError', Cause: '{"errorMessage":"num: …"}' });
 * // { error: 'InputError', cause: 'num: …' }
 */
const describeCaughtError = (caught: { Error?: string; Cause?: string } | undefined): FailureDescription => {
  const error = caught?.Error ?? 'States.Unknown';
  const raw = caught?.Cause ?? '';
  try {
    const parsed = JSON.parse(raw) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return { error, cause: parsed.errorMessage };
  } catch {
    // Not JSON: a Step Functions message; use it as it is.
  }
  return { error, cause: raw === '' ? `The step failed with ${error} and no further detail.` : raw };
};

export { describeCaughtError, describeError };
