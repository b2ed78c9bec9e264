/**
 * Errors of the report renderers.
 *
 * @module report/errors
 */

import { ExitCode, PowerTuneError } from '../core/index.js';

/** Base of every error thrown by `report/` (exit 1 unless a subclass says the input was at fault). */
class ReportError extends PowerTuneError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReportError';
  }
}

/** A per-invocation CSV was asked for a result that carries no samples (bad input: exit 2). */
class MissingSamplesError extends ReportError {
  public override readonly exitCode: number = ExitCode.BadInput;
  public readonly runId: string;

  public constructor({ runId }: { runId: string }, options?: ErrorOptions) {
    super(
      `Cannot write one CSV row per invocation: result of run ${runId} has no "samples" ` +
        '(the Step Functions driver omits them to stay under the state size limit). ' +
        'Use --per size, or re-run the tuning locally to keep samples.',
      options,
    );
    this.name = 'MissingSamplesError';
    this.runId = runId;
  }
}

/** The result has no size that succeeded, so there is nothing to plot or compare (bad input: exit 2). */
class EmptyResultError extends ReportError {
  public override readonly exitCode: number = ExitCode.BadInput;
  public readonly runId: string;

  public constructor({ runId, label }: { runId: string; label?: string }, options?: ErrorOptions) {
    super(
      `Cannot compare ${label ?? 'result'} (run ${runId}): no memory size succeeded, so there is no best size. ` +
        'Fix the failures shown by `powertune report` and tune again.',
      options,
    );
    this.name = 'EmptyResultError';
    this.runId = runId;
  }
}

export { EmptyResultError, MissingSamplesError, ReportError };
