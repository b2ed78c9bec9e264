/**
 * Puts `$LATEST` memory and description back as they were before the run —
 * unless someone else changed them meanwhile, in which case their change
 * wins and a warning says what was left.
 *
 * @module lambda/restore-function
 */
import { LAMBDA_ERROR_CODES } from './constants.js';
import { LambdaApiError } from './errors.js';
import type { ChangeRecorder, LambdaPort, LatestSettings } from './types.js';

interface RestoreFunctionOptions {
  port: LambdaPort;
  functionName: string;
  /** `$LATEST` settings before the run. */
  original: LatestSettings;
  /**
   * Every memory/description pair the run set (or tried to set) on
   * `$LATEST`. `$LATEST` is restored only when it still carries one of
   * them; anything else means someone else changed it.
   */
  setByRun: readonly LatestSettings[];
  recorder?: ChangeRecorder;
  signal?: AbortSignal;
}

interface RestoreFunctionResult {
  /** True when `$LATEST` now has the original memory and description. */
  restored: boolean;
  /** True when this call had to update `$LATEST`. */
  changed: boolean;
  /** Set when `$LATEST` was left alone because someone else changed it. */
  warning?: string;
}

const same = (a: LatestSettings, b: LatestSettings): boolean =>
  a.memoryMB === b.memoryMB && a.description === b.description;

const describeSettings = (s: LatestSettings): string =>
  `${s.memoryMB} MB, description ${JSON.stringify(s.description)}`;

/**
 * Restores `$LATEST` when it still carries what the run set, using the
 * current RevisionId as an optimistic lock so a concurrent edit is never
 * overwritten.
 *
 * @example
 * const { restored, warning } = await restoreFunction({
 *   port, functionName: 'my-fn',
 *   original: { memoryMB: 512, description: 'api' }, setByRun: [{ memoryMB: 3008, description: 'api' }],
 * });
 */
const restoreFunction = async ({
  port,
  functionName,
  original,
  setByRun,
  recorder,
  signal,
}: RestoreFunctionOptions): Promise<RestoreFunctionResult> => {
  let current = await port.getConfiguration({ functionName });
  // An update of the run may still be in progress (an interrupted prepare):
  // let it settle, or the RevisionId read now is stale by the time we write.
  if (current.lastUpdateStatus === 'InProgress')
    current = await port.waitUntilUpdated({ functionName, ...(signal !== undefined ? { signal } : {}) });
  if (same(current, original)) return { restored: true, changed: false };
  const manual = `aws lambda update-function-configuration --function-name ${functionName} --memory-size ${original.memoryMB} --description ${JSON.stringify(original.description)}`;
  const lastSet = setByRun[setByRun.length - 1];
  if (!setByRun.some((settings) => same(current, settings))) {
    return {
      restored: false,
      changed: false,
      warning:
        `$LATEST of ${functionName} was changed by someone else during the run (now ${describeSettings(current)}` +
        `${lastSet !== undefined ? `; powertune had set ${describeSettings(lastSet)}` : ''}), so it was left as is. ` +
        `Before the run it had ${describeSettings(original)}; to restore it: ${manual}`,
    };
  }
  await recorder?.record({
    type: 'update-config',
    functionName,
    before: {
      memoryMB: current.memoryMB,
      description: current.description,
      ...(current.revisionId !== undefined ? { revisionId: current.revisionId } : {}),
    },
    after: original,
  });
  try {
    await port.updateConfiguration({
      functionName,
      memoryMB: original.memoryMB,
      description: original.description,
      ...(current.revisionId !== undefined ? { revisionId: current.revisionId } : {}),
    });
  } catch (error) {
    if (error instanceof LambdaApiError && error.code === LAMBDA_ERROR_CODES.preconditionFailed) {
      return {
        restored: false,
        changed: false,
        warning: `$LATEST of ${functionName} changed while powertune was restoring it, so it was left as is. Before the run it had ${describeSettings(original)}; to restore it: ${manual}`,
      };
    }
    throw error;
  }
  await port.waitUntilUpdated({ functionName, ...(signal !== undefined ? { signal } : {}) });
  return { restored: true, changed: true };
};

export { restoreFunction };
export type { RestoreFunctionOptions, RestoreFunctionResult };
