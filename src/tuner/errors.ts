/**
 * Errors of a tuning run.
 *
 * @module tuner/errors
 */
import { ExitCode, PowerTuneError } from '../core/index.js';
import type { CleanupReport } from './types.js';

/**
 * Base class of the tuner's errors.
 *
 * @example
 * if (err instanceof TunerError) console.error(err.message);
 */
class TunerError extends PowerTuneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TunerError';
  }
}

/**
 * The run was interrupted (SIGINT/SIGTERM → the AbortSignal). Invoking
 * stopped and cleanup ran before this was thrown; `cleanup` says what it did.
 *
 * @example
 * throw new RunInterruptedError({ runId: 'lx1abc', cleanup });
 */
class RunInterruptedError extends TunerError {
  override readonly exitCode: number = ExitCode.Interrupted;
  readonly runId: string;
  readonly cleanup?: CleanupReport;

  constructor({ runId, cleanup, cause }: { runId: string; cleanup?: CleanupReport; cause?: unknown }) {
    const done =
      cleanup === undefined
        ? 'nothing had been changed yet'
        : `cleanup deleted ${cleanup.deletedAliases.length} aliases and ${cleanup.deletedVersions.length} versions` +
          `${cleanup.restored ? ' and restored $LATEST' : ''}` +
          `${cleanup.complete ? '' : `; some resources remain: run \`powertune cleanup\` to finish (run ${runId})`}`;
    super(`Run ${runId} was interrupted; ${done}.`, { cause });
    this.name = 'RunInterruptedError';
    this.runId = runId;
    if (cleanup !== undefined) this.cleanup = cleanup;
  }
}

/**
 * The qualified target (`my-fn:prod`) runs different code than `$LATEST`;
 * powertune can only change memory on `$LATEST` and publish from it, so it
 * would measure other code than the one asked for. Nothing was changed.
 *
 * @example
 * throw new QualifierCodeMismatchError({ functionName: 'my-fn', qualifier: 'prod', qualifierVersion: '5' });
 */
class QualifierCodeMismatchError extends TunerError {
  override readonly exitCode: number = ExitCode.BadInput;
  readonly functionName: string;
  readonly qualifier: string;
  readonly qualifierVersion: string;

  constructor({
    functionName,
    qualifier,
    qualifierVersion,
  }: {
    functionName: string;
    qualifier: string;
    qualifierVersion: string;
  }) {
    super(
      `lambdaARN: ${functionName}:${qualifier} (version ${qualifierVersion}) runs different code than $LATEST; ` +
        'powertune measures by publishing versions of $LATEST, so it would not measure the code you named. ' +
        'Deploy that code to $LATEST first, or tune the unqualified function. Nothing was changed.',
    );
    this.name = 'QualifierCodeMismatchError';
    this.functionName = functionName;
    this.qualifier = qualifier;
    this.qualifierVersion = qualifierVersion;
  }
}

/**
 * A journal file could not be read or written.
 *
 * @example
 * throw new JournalError({ path: '/state/runs/x.jsonl', operation: 'write', cause });
 */
class JournalError extends TunerError {
  readonly path: string;
  readonly operation: 'read' | 'write';

  constructor({ path, operation, cause }: { path: string; operation: 'read' | 'write'; cause?: unknown }) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      `Could not ${operation} the run journal ${path} (${detail}). ` +
        'powertune records every change before making it; check that the state directory is writable (or pass another with --state-dir).',
      { cause },
    );
    this.name = 'JournalError';
    this.path = path;
    this.operation = operation;
  }
}

/** Why a temporary copy of a function could not be made. */
type FunctionCopyReason = 'unsupported-port' | 'image-package' | 'no-code-location' | 'download-failed';

/**
 * An architecture comparison (`--architectures`) could not copy the
 * function; nothing was created. The message says what to do instead.
 *
 * @example
 * throw new FunctionCopyError({ functionName: 'api', reason: 'image-package' });
 */
class FunctionCopyError extends TunerError {
  override readonly exitCode: number = ExitCode.BadInput;
  readonly functionName: string;
  readonly reason: FunctionCopyReason;

  constructor({
    functionName,
    reason,
    detail,
    cause,
  }: {
    functionName: string;
    reason: FunctionCopyReason;
    detail?: string;
    cause?: unknown;
  }) {
    const why: Record<FunctionCopyReason, string> = {
      'unsupported-port': 'this Lambda connection cannot read or create functions',
      'image-package': 'it is packaged as a container image, and an image is built for one architecture',
      'no-code-location': 'GetFunction returned no code location to download its ZIP from',
      'download-failed': `its code could not be downloaded${detail === undefined ? '' : ` (${detail})`}`,
    };
    super(
      `Could not copy ${functionName} to compare architectures: ${why[reason]}. ` +
        'Deploy the other architecture as a separate function and use --compare-function ARN instead, or leave out --architectures.',
      { cause },
    );
    this.name = 'FunctionCopyError';
    this.functionName = functionName;
    this.reason = reason;
  }
}

export { FunctionCopyError, JournalError, QualifierCodeMismatchError, RunInterruptedError, TunerError };
export type { FunctionCopyReason };
