/**
 * CLI exit semantics: only the `bin` entry calls `process.exit`; commands
 * throw `ExitError` (or any other `PowerTuneError`) with its documented code
 * (ARCHITECTURE.md, "Errors and exit codes").
 *
 * @module cli/errors
 */
import { ExitCode, PowerTuneError } from '../core/index.js';
import type { ExitCodeValue } from '../core/index.js';

/** Thrown by commands to end the process with a message and a documented code. */
class ExitError extends PowerTuneError {
  public override readonly exitCode: ExitCodeValue;

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
