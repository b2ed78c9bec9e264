/**
 * Apply step (the reference's Optimizer): with `autoOptimize`, leave the
 * function at the recommended size.
 *
 * @module tuner/apply-optimal
 */
import type { TuningInput } from '../core/index.js';
import { applyOptimalPower } from '../lambda/index.js';
import type { ApplyOptimalPowerResult, ChangeRecorder, LambdaPort } from '../lambda/index.js';
import type { RunPlan } from './types.js';

/**
 * Applies `power` when `autoOptimize` is set (and this is no dry run);
 * returns undefined otherwise.
 *
 * @example
 * const applied = await applyOptimal({ plan, input, lambda, power: result.power, recorder: journal });
 */
const applyOptimal = async ({
  plan,
  input,
  lambda,
  power,
  recorder,
  signal,
}: {
  plan: RunPlan;
  input: TuningInput;
  lambda: LambdaPort;
  power: number;
  recorder?: ChangeRecorder;
  signal?: AbortSignal;
}): Promise<ApplyOptimalPowerResult | undefined> => {
  if (!input.autoOptimize || input.dryRun) return undefined;
  return applyOptimalPower({
    port: lambda,
    functionName: plan.functionName,
    power,
    ...(input.autoOptimizeAlias !== undefined ? { alias: input.autoOptimizeAlias } : {}),
    ...(recorder !== undefined ? { recorder } : {}),
    ...(signal !== undefined ? { signal } : {}),
  });
};

export { applyOptimal };
