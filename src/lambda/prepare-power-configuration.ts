/**
 * Prepares one power configuration: UpdateFunctionConfiguration → wait for
 * `LastUpdateStatus: Successful` → PublishVersion → CreateAlias. Built only
 * on the port, so the CLI tuner and the Step Functions handlers share it.
 *
 * @module lambda/prepare-power-configuration
 */
import { LAMBDA_ERROR_CODES } from './constants.js';
import { AliasConflictError, LambdaApiError } from './errors.js';
import type { ChangeRecorder, LambdaPort, LatestSettings } from './types.js';

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
  /** Description to set (onlyColdStarts changes it to force a new version); defaults to `before.description`. */
  description?: string;
  /** Versions that existed before the run: a publish that returns one of them did not create it. */
  knownVersions: readonly string[];
  /** Receives each change before it is made. */
  recorder?: ChangeRecorder;
  signal?: AbortSignal;
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
  description = before.description,
  knownVersions,
  recorder,
  signal,
}: PreparePowerConfigurationOptions): Promise<PreparedAlias> => {
  throwIfAborted(signal);
  await recorder?.record({ type: 'update-config', functionName, before, after: { memoryMB: power, description } });
  await port.updateConfiguration({ functionName, memoryMB: power, description });
  const updated = await port.waitUntilUpdated({ functionName, ...(signal !== undefined ? { signal } : {}) });
  throwIfAborted(signal);

  const published = await port.publishVersion({ functionName });
  const version = published.version;
  const versionPreExisted = knownVersions.includes(version);
  await recorder?.record({ type: 'publish-version', functionName, version, preExisted: versionPreExisted });
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
      throw new AliasConflictError({ functionName, aliasName, existingVersion: existing?.functionVersion ?? 'unknown', wantedVersion: version });
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
