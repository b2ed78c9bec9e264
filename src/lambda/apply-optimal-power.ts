/**
 * Auto-optimize: leave the function at the recommended memory size. Without
 * an alias `$LATEST` gets the size (and we wait until the update is done);
 * with `autoOptimizeAlias` the size is also published as a version and the
 * alias is created or moved to it — the version is kept on purpose.
 *
 * @module lambda/apply-optimal-power
 */
import type { ChangeRecorder, LambdaPort } from './types.js';

interface ApplyOptimalPowerOptions {
  port: LambdaPort;
  functionName: string;
  /** The recommended memory size (MB). */
  power: number;
  /** Alias to create or update (the reference's `autoOptimizeAlias`). */
  alias?: string;
  recorder?: ChangeRecorder;
  signal?: AbortSignal;
}

interface ApplyOptimalPowerResult {
  memoryMB: number;
  alias?: string;
  /** Version the alias now points to. */
  version?: string;
  /** Whether the alias was created (false: an existing alias was moved). */
  aliasCreated?: boolean;
}

/**
 * Applies the optimal memory size, like the reference's Optimizer, but
 * waiting for the update to finish before reporting success.
 *
 * @example
 * await applyOptimalPower({ port, functionName: 'my-fn', power: 1024, alias: 'live' });
 */
const applyOptimalPower = async ({
  port,
  functionName,
  power,
  alias,
  recorder,
  signal,
}: ApplyOptimalPowerOptions): Promise<ApplyOptimalPowerResult> => {
  await recorder?.record({
    type: 'apply-optimal',
    functionName,
    memoryMB: power,
    ...(alias !== undefined ? { alias } : {}),
  });
  await port.updateConfiguration({ functionName, memoryMB: power });
  await port.waitUntilUpdated({ functionName, ...(signal !== undefined ? { signal } : {}) });
  if (alias === undefined) return { memoryMB: power };

  const published = await port.publishVersion({ functionName });
  await recorder?.record({
    type: 'publish-version',
    functionName,
    version: published.version,
    preExisted: false,
    keep: true,
  });
  if (published.state === 'Pending') {
    await port.waitUntilUpdated({
      functionName,
      qualifier: published.version,
      ...(signal !== undefined ? { signal } : {}),
    });
  }
  const existing = await port.getAlias({ functionName, name: alias });
  if (existing === undefined) {
    await port.createAlias({ functionName, name: alias, version: published.version });
  } else {
    await port.updateAlias({ functionName, name: alias, version: published.version });
  }
  return { memoryMB: power, alias, version: published.version, aliasCreated: existing === undefined };
};

export { applyOptimalPower };
export type { ApplyOptimalPowerOptions, ApplyOptimalPowerResult };
