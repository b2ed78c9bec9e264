/**
 * Prepare step: make one memory size invocable through its run-scoped
 * alias(es). Sizes are prepared one after another: Lambda allows one
 * configuration update at a time per function.
 *
 * @module tuner/prepare-size
 */
import { preparePowerConfiguration } from '../lambda/index.js';
import type { ChangeRecorder, LambdaPort, LatestSettings, PreparedAlias } from '../lambda/index.js';
import type { PreparedSize, RunPlan } from './types.js';

/**
 * Prepares every alias of one planned size (one, or `num` with
 * onlyColdStarts), recording each change first.
 *
 * @example
 * const prepared = await prepareSize({ plan, power: 1024, lambda, recorder: journal });
 */
const prepareSize = async ({
  plan,
  power,
  lambda,
  recorder,
  latest = plan.original,
  signal,
}: {
  plan: RunPlan;
  power: number;
  lambda: LambdaPort;
  recorder?: ChangeRecorder;
  /** `$LATEST` before this size (defaults to the original). */
  latest?: LatestSettings & { revisionId?: string };
  signal?: AbortSignal;
}): Promise<PreparedSize> => {
  const size = plan.sizes.find((s) => s.power === power);
  if (size === undefined)
    throw new RangeError(`prepareSize: ${power} MB is not in the plan (${plan.sizes.map((s) => s.power).join(', ')})`);
  const aliases: PreparedAlias[] = [];
  let before = latest;
  for (const planned of size.aliases) {
    const prepared = await preparePowerConfiguration({
      port: lambda,
      functionName: plan.functionName,
      power,
      aliasName: planned.name,
      before,
      originalMemoryMB: plan.original.memoryMB,
      ...(plan.codeSha256 !== undefined ? { codeSha256: plan.codeSha256 } : {}),
      description: planned.description ?? plan.original.description,
      knownVersions: plan.preexistingVersions,
      ...(recorder !== undefined ? { recorder } : {}),
      ...(signal !== undefined ? { signal } : {}),
    });
    aliases.push(prepared);
    before = prepared.latest;
  }
  return { power, aliases, latest: before };
};

export { prepareSize };
