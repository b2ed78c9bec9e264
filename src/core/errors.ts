/**
 * Error classes of powertune. `PowerTuneError` is the base of every error the
 * project throws on purpose; each edge (CLI, Step Functions, emulator) maps
 * them to its own wire format and exit code.
 *
 * @module core/errors
 */

/**
 * The process exit codes, one meaning each: 0 success; 1 the run failed (an
 * AWS error, every size failed…); 2 bad input (nothing was changed); 130
 * interrupted (cleanup ran).
 */
const ExitCode = {
  Success: 0,
  RunFailed: 1,
  BadInput: 2,
  Interrupted: 130,
} as const;

type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Base class of every intentional powertune error. Each family (input, Lambda,
 * tuner, report, emulator, execution environment, Step Functions, CLI)
 * extends it and says its exit code; the CLI prints any of them as one line
 * and exits with that code. Anything that is not a `PowerTuneError` is a bug.
 *
 * @example
 * throw new PowerTuneError('Tuning failed', { cause: err });
 */
class PowerTuneError extends Error {
  /** Process exit code the CLI uses for this error (default 1 = the run failed). */
  readonly exitCode: number = ExitCode.RunFailed;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PowerTuneError';
  }
}

interface InputErrorOptions {
  /** The input field at fault, e.g. `strategy` or `payload[1].weight`. */
  field: string;
  /** What is allowed (or, with `gotInExpected`, the whole explanation). */
  expected: string;
  /** The value seen, already rendered (see `describeValue`). */
  got: string;
  /** True when `expected` already names the value: the `; got …` suffix is left out. */
  gotInExpected?: boolean;
  cause?: unknown;
}

/**
 * Invalid user input, refused before any AWS call (exit code 2). The message
 * is always `field: expected; got value` (or `field: explanation` when the
 * explanation already names the value).
 *
 * @example
 * throw new InputError({ field: 'num', expected: 'must be an integer >= 5', got: '3' });
 * // message: "num: must be an integer >= 5; got 3"
 */
class InputError extends PowerTuneError {
  override readonly exitCode: number = ExitCode.BadInput;
  readonly field: string;
  readonly expected: string;
  readonly got: string;

  constructor({ field, expected, got, gotInExpected = false, cause }: InputErrorOptions) {
    super(gotInExpected ? `${field}: ${expected}` : `${field}: ${expected}; got ${got}`, { cause });
    this.name = 'InputError';
    this.field = field;
    this.expected = expected;
    this.got = got;
  }
}

/**
 * A log tail could not be parsed into a REPORT record. `parseReport` returns
 * `undefined` instead of throwing; callers that need a record throw this.
 *
 * @example
 * throw new ReportParseError({ reason: 'no REPORT line in the 4 KB log tail', requestId });
 */
class ReportParseError extends PowerTuneError {
  readonly reason: string;
  readonly requestId?: string;

  constructor({ reason, requestId, cause }: { reason: string; requestId?: string; cause?: unknown }) {
    super(
      `Could not read the REPORT of invocation ${requestId ?? '(unknown request id)'}: ${reason}. ` +
        'The invocation is left out of the statistics; if this repeats, check the function log format.',
      { cause },
    );
    this.name = 'ReportParseError';
    this.reason = reason;
    if (requestId !== undefined) this.requestId = requestId;
  }
}

/**
 * No size can be recommended: none completed with a positive average duration.
 *
 * @example
 * throw new NoViableSizeError({ candidates: [128, 256] });
 */
class NoViableSizeError extends PowerTuneError {
  readonly candidates: number[];

  constructor({ candidates, cause }: { candidates: number[]; cause?: unknown }) {
    super(
      `No memory size can be recommended: none of [${candidates.join(', ')}] completed with a positive average duration. ` +
        'Check that the function runs successfully and that its REPORT lines reach the log tail.',
      { cause },
    );
    this.name = 'NoViableSizeError';
    this.candidates = candidates;
  }
}

/**
 * Every memory size failed (errors, timeouts, out of memory, unreadable logs).
 *
 * @example
 * throw new AllSizesFailedError({ reasons: [{ power: 128, reason: 'Runtime.OutOfMemory: …' }] });
 */
class AllSizesFailedError extends PowerTuneError {
  override readonly exitCode: number = ExitCode.RunFailed;
  readonly reasons: Array<{ power: number; reason: string }>;

  constructor({ reasons, cause }: { reasons: Array<{ power: number; reason: string }>; cause?: unknown }) {
    const list = reasons.map(({ power, reason }) => `${power} MB: ${reason}`).join('; ');
    super(
      `Every memory size failed, so there is nothing to recommend (${list}). ` +
        'Fix the errors above (or list the expected ones in allowedExceptions) and run again.',
      { cause },
    );
    this.name = 'AllSizesFailedError';
    this.reasons = reasons;
  }
}

export { AllSizesFailedError, ExitCode, InputError, NoViableSizeError, PowerTuneError, ReportParseError };
export type { ExitCodeValue, InputErrorOptions };
