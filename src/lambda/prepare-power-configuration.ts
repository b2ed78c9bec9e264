/**
 * Prepares one power configuration: UpdateFunctionConfiguration → wait for
 * `LastUpdateStatus: Successful` → PublishVersion → CreateAlias. Built only
 * on the port, so the CLI tuner and the Step Functions handlers share it.
 *
 * @module lambda/prepare-power-configuration
 */
import { runVersionDescription } from '../core/index.js';
import { LAMBDA_ERROR_CODES, MAX_PUBLISH_RACE_RETRIES, PUBLISH_RACE_BACKOFF_BASE_MS } from './constants.js';
import { AliasConflictError, CodeChangedError, ConcurrentModificationError, LambdaApiError } from './errors.js';
import type {
  ChangeRecorder,
  FunctionConfiguration,
  LambdaPort,
  LatestSettings,
  RandomSource,
  Sleep,
} from './types.js';
import { defaultSleep } from './with-retry.js';

interface PreparePowerConfigurationOptions {
  port: LambdaPort;
  /** Unqualified function name or ARN. */
  functionName: string;
  /** Memory size to publish (MB). */
  power: number;
  /** Run-scoped alias to create, e.g. `pt-<runId>-1024`. */
  aliasName: string;
  /** `$LATEST` memory and description right before this update (for the journal). */
  before: LatestSettings & { revisionId?: string };
  /** `$LATEST` memory before the run, recorded in the published version's description. */
  originalMemoryMB?: number;
  /** CodeSha256 of `$LATEST` when the run started: a published version with other code stops the run. */
  codeSha256?: string;
  /** Description to set (onlyColdStarts changes it to force a new version); defaults to `before.description`. */
  description?: string;
  /** Versions that existed before the run: a publish that returns one of them did not create it. */
  knownVersions: readonly string[];
  /** Receives each change before it is made. */
  recorder?: ChangeRecorder;
  signal?: AbortSignal;
  /** Waits before re-applying after a race with another writer (default: a timer). */
  sleep?: Sleep;
  random?: RandomSource;
}

/** What one prepared configuration consists of. Serialisable. */
interface PreparedAlias {
  power: number;
  aliasName: string;
  version: string;
  /** True when PublishVersion returned a version that already existed: it must never be deleted. */
  versionPreExisted: boolean;
  /** `$LATEST` settings after the update (what a restore compares against). */
  latest: LatestSettings & { revisionId?: string };
}

const throwIfAborted = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted === true) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
};

/**
 * Runs the four Lambda calls that make a memory size invocable through a
 * run-scoped alias, recording each change first.
 *
 * @example
 * const prepared = await preparePowerConfiguration({
 *   port, functionName: 'my-fn', power: 1024, aliasName: 'pt-lx1abc-1024',
 *   before: { memoryMB: 128, description: '' }, knownVersions: ['1', '2'],
 * });
 */
const preparePowerConfiguration = async ({
  port,
  functionName,
  power,
  aliasName,
  before,
  originalMemoryMB,
  codeSha256,
  description = before.description,
  knownVersions,
  recorder,
  signal,
  sleep = defaultSleep,
  random = Math.random,
}: PreparePowerConfigurationOptions): Promise<PreparedAlias> => {
  // PublishVersion carries the RevisionId the update produced: if someone else
  // (a concurrent run, a deploy) changed $LATEST in between, Lambda refuses to
  // publish, instead of publishing their settings under our alias. Then the
  // size is applied again, a few times at most.
  const raced = (seen: FunctionConfiguration): LambdaApiError =>
    new LambdaApiError({
      operation: 'UpdateFunctionConfiguration',
      functionName,
      code: LAMBDA_ERROR_CODES.preconditionFailed,
      message: `$LATEST of ${functionName} settled at ${seen.memoryMB} MB, not the ${power} MB powertune set: someone else changed it meanwhile.`,
    });
  const applyAndPublish = async (): Promise<{ updated: FunctionConfiguration; published: FunctionConfiguration }> => {
    let current = before;
    for (let attempt = 0; ; attempt += 1) {
      throwIfAborted(signal);
      await recorder?.record({
        type: 'update-config',
        functionName,
        before: current,
        after: { memoryMB: power, description },
      });
      await port.updateConfiguration({ functionName, memoryMB: power, description });
      const updated = await port.waitUntilUpdated({ functionName, ...(signal !== undefined ? { signal } : {}) });
      throwIfAborted(signal);
      try {
        // Someone else's update may have landed right after ours: the settled
        // configuration (and its RevisionId) is then theirs, not ours.
        if (updated.memoryMB !== power || updated.description !== description) throw raced(updated);
        const published = await port.publishVersion({
          functionName,
          description: runVersionDescription(aliasName, originalMemoryMB),
          ...(updated.revisionId !== undefined ? { revisionId: updated.revisionId } : {}),
        });
        return { updated, published };
      } catch (error) {
        if (!(error instanceof LambdaApiError) || error.code !== LAMBDA_ERROR_CODES.preconditionFailed) throw error;
        if (attempt >= MAX_PUBLISH_RACE_RETRIES)
          throw new ConcurrentModificationError({ functionName, power, attempts: attempt + 1, cause: error });
        await sleep(Math.floor(random() * PUBLISH_RACE_BACKOFF_BASE_MS * 2 ** attempt), signal);
        const now = await port.getConfiguration({ functionName });
        current = {
          memoryMB: now.memoryMB,
          description: now.description,
          ...(now.revisionId !== undefined ? { revisionId: now.revisionId } : {}),
        };
      }
    }
  };
  const { updated, published } = await applyAndPublish();
  const version = published.version;
  const versionPreExisted = knownVersions.includes(version);
  await recorder?.record({ type: 'publish-version', functionName, version, preExisted: versionPreExisted });
  if (codeSha256 !== undefined && published.codeSha256 !== undefined && published.codeSha256 !== codeSha256) {
    throw new CodeChangedError({ functionName, power, expected: codeSha256, found: published.codeSha256 });
  }
  if (published.state === 'Pending') {
    await port.waitUntilUpdated({ functionName, qualifier: version, ...(signal !== undefined ? { signal } : {}) });
  }

  await recorder?.record({ type: 'create-alias', functionName, name: aliasName, version });
  try {
    await port.createAlias({ functionName, name: aliasName, version });
  } catch (error) {
    if (!(error instanceof LambdaApiError) || error.code !== LAMBDA_ERROR_CODES.conflict) throw error;
    // An earlier attempt may have created it before its response was lost; accept only our own.
    const existing = await port.getAlias({ functionName, name: aliasName });
    if (existing?.functionVersion !== version) {
      throw new AliasConflictError({
        functionName,
        aliasName,
        existingVersion: existing?.functionVersion ?? 'unknown',
        wantedVersion: version,
      });
    }
  }
  return {
    power,
    aliasName,
    version,
    versionPreExisted,
    latest: {
      memoryMB: updated.memoryMB,
      description: updated.description,
      ...(updated.revisionId !== undefined ? { revisionId: updated.revisionId } : {}),
    },
  };
};

export { preparePowerConfiguration };
export type { PreparedAlias, PreparePowerConfigurationOptions };
