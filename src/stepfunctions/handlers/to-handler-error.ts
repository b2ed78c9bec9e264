/**
 * The one place where handler errors get their wire identity: the error's
 * `name` becomes the Lambda `errorType`, which the state machine's
 * Retry/Catch match and the `Failed` state shows. Our own errors keep their
 * stable names (`InputError`, `AllSizesFailedError`, `LambdaApiError`…);
 * anything else is wrapped in `UnexpectedHandlerError` so the name set stays
 * closed.
 *
 * @module stepfunctions/handlers/to-handler-error
 */
import { PowerTuneError } from '../../core/index.js';
import { StepFunctionsError } from '../errors.js';

/**
 * An error that is not one of ours reached a handler's edge.
 *
 * @example
 * throw new UnexpectedHandlerError({ handler: 'measure', cause: new TypeError('x') });
 */
class UnexpectedHandlerError extends StepFunctionsError {
  readonly handler: string;

  constructor({ handler, cause }: { handler: string; cause: unknown }) {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(
      `The ${handler} step failed unexpectedly (${detail}). ` +
        'This is probably a powertune bug: please report it with the execution history.',
      { cause },
    );
    this.name = 'UnexpectedHandlerError';
    this.handler = handler;
  }
}

/**
 * Returns the error to throw from a handler.
 *
 * @example
 * try { … } catch (error) { throw toHandlerError({ handler: 'prepare', error }); }
 */
const toHandlerError = ({ handler, error }: { handler: string; error: unknown }): Error =>
  error instanceof PowerTuneError ? error : new UnexpectedHandlerError({ handler, cause: error });

/**
 * Wraps a handler body so every error leaves it through {@link toHandlerError}.
 *
 * @example
 * const handler = withHandlerErrors('analyze', async (event) => analyzeStep(event));
 */
const withHandlerErrors =
  <E, C, R>(handler: string, body: (event: E, context: C) => Promise<R>) =>
  async (event: E, context: C): Promise<R> => {
    try {
      return await body(event, context);
    } catch (error) {
      throw toHandlerError({ handler, error });
    }
  };

export { toHandlerError, UnexpectedHandlerError, withHandlerErrors };
