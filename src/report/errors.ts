/**
 * Errors of the report renderers.
 *
 * @module report/errors
 */

/** Base of every error thrown by `report/`. */
class ReportError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReportError';
  }
}

/** A per-invocation CSV was asked for a result that carries no samples. */
class MissingSamplesError extends ReportError {
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

/** The result has no size that succeeded, so there is nothing to plot or compare. */
class EmptyResultError extends ReportError {
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
