/**
 * CLI exit semantics (DESIGN.md "Exit codes"): only the `bin` entry calls
 * `process.exit`; commands throw `ExitError` with the documented code.
 *
 * @module cli/errors
 */

/** The documented exit codes. */
const ExitCode = {
  Success: 0,
  RunFailed: 1,
  BadInput: 2,
  Interrupted: 130,
} as const;

type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Thrown by commands to end the process with a message and a documented code. */
class ExitError extends Error {
  public readonly exitCode: ExitCodeValue;

  public constructor(message: string, exitCode: ExitCodeValue, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExitError';
    this.exitCode = exitCode;
  }
}

/** Bad flags or arguments: exit 2, nothing was changed anywhere. */
class UsageError extends ExitError {
  public readonly field: string;

  public constructor({ field, message }: { field: string; message: string }) {
    super(message, ExitCode.BadInput);
    this.name = 'UsageError';
    this.field = field;
  }
}

export { ExitCode, ExitError, UsageError };
export type { ExitCodeValue };
