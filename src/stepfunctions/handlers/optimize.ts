/**
 * Optimize handler (the reference's Optimizer): with `autoOptimize`, leave
 * the function at the recommended size (and point `autoOptimizeAlias` at
 * it) — unless no size met the constraints, when `power` is no
 * recommendation and the function is left as it was. Outputs the result —
 * the execution's output.
 *
 * @module stepfunctions/handlers/optimize
 */
import type { TuningInput, TuningResult } from '../../core/index.js';
import { applyOptimal } from '../../tuner/index.js';
import type { OptimizeEvent } from '../types.js';
import { defaultHandlerDeps, type HandlerDeps } from './handler-deps.js';
import { withHandlerErrors } from './to-handler-error.js';

/**
 * The Optimize step.
 *
 * @example
 * const result = await optimizeStep({ run, result });
 */
const optimizeStep = async (
  { run, result }: OptimizeEvent,
  deps: HandlerDeps = defaultHandlerDeps(),
): Promise<TuningResult> => {
  const { plan } = run;
  if (result.recommendation.constraints?.satisfied === false) return result;
  await applyOptimal({
    plan,
    input: run.options as TuningInput,
    lambda: deps.lambdaFor(plan.region),
    power: result.power,
  });
  return result;
};

/** The Lambda entry point. */
const handler = withHandlerErrors('optimize', (event: OptimizeEvent) => optimizeStep(event));

export { handler, optimizeStep };
