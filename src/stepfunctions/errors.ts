/**
 * Errors of the Step Functions driver. Handlers rethrow every error with a
 * stable `name` (it becomes the Lambda `errorType`, which is what the state
 * machine's `Retry`/`Catch` match and what the `Failed` state shows).
 *
 * @module stepfunctions/errors
 */
import { ExitCode, PowerTuneError } from '../core/index.js';

/**
 * Base class of the Step Functions driver's errors.
 *
 * @example
 * if (err instanceof StepFunctionsError) console.error(err.message);
 */
class StepFunctionsError extends PowerTuneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StepFunctionsError';
  }
}

/**
 * A handler received an event that is not the shape the state machine sends
 * (usually: the state machine definition and the handlers are from different
 * versions).
 *
 * @example
 * throw new HandlerEventError({ handler: 'prepare', field: 'run', expected: 'an object', got: 'undefined' });
 */
class HandlerEventError extends StepFunctionsError {
  readonly handler: string;
  readonly field: string;

  constructor({
    handler,
    field,
    expected,
    got,
    cause,
  }: {
    handler: string;
    field: string;
    expected: string;
    got: string;
    cause?: unknown;
  }) {
    super(
      `The ${handler} handler received an event whose "${field}" is ${got}; expected ${expected}. ` +
        'Redeploy the state machine and the handlers from the same powertune version.',
      { cause },
    );
    this.name = 'HandlerEventError';
    this.handler = handler;
    this.field = field;
  }
}

/**
 * An encoded duration series could not be encoded or decoded.
 *
 * @example
 * throw new SeriesCodecError({ reason: 'truncated' });
 */
class SeriesCodecError extends StepFunctionsError {
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`Could not process a compact duration series: ${reason}.`, { cause });
    this.name = 'SeriesCodecError';
    this.reason = reason;
  }
}

/**
 * The run does not fit one execution (too many batches, or a state larger
 * than Step Functions allows). Raised by Initialize, before any change.
 *
 * @example
 * throw new RunTooLargeError({ what: '2400 executor batches', limit: '2000', advice: 'lower num' });
 */
class RunTooLargeError extends StepFunctionsError {
  override readonly exitCode: number = ExitCode.BadInput;
  readonly what: string;
  readonly limit: string;

  constructor({ what, limit, advice, cause }: { what: string; limit: string; advice: string; cause?: unknown }) {
    super(
      `This run needs ${what}, more than one Step Functions execution allows (${limit}); ${advice}. Nothing was changed.`,
      {
        cause,
      },
    );
    this.name = 'RunTooLargeError';
    this.what = what;
    this.limit = limit;
  }
}

/**
 * A Step Functions execution ended in a state other than SUCCEEDED.
 *
 * @example
 * throw new ExecutionFailedError({ executionArn, status: 'FAILED', error: 'InputError', cause: 'num: …' });
 */
class ExecutionFailedError extends StepFunctionsError {
  readonly executionArn: string;
  readonly status: string;
  readonly error?: string;
  readonly errorCause?: string;

  constructor({
    executionArn,
    status,
    error,
    cause,
  }: {
    executionArn: string;
    status: string;
    error?: string;
    cause?: string;
  }) {
    super(
      `The Step Functions execution ${executionArn} ended ${status}` +
        `${error === undefined ? '' : `: ${error}`}${cause === undefined ? '' : ` — ${cause}`}. ` +
        'See the execution in the Step Functions console for the full history.',
    );
    this.name = 'ExecutionFailedError';
    this.executionArn = executionArn;
    this.status = status;
    if (error !== undefined) this.error = error;
    if (cause !== undefined) this.errorCause = cause;
  }
}

export { ExecutionFailedError, HandlerEventError, RunTooLargeError, SeriesCodecError, StepFunctionsError };
