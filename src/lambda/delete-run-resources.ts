/**
 * Deletes what one run created — its aliases, then its versions — and
 * nothing else: never a version that existed before the run, never a
 * version that an alias the run did not create still points to, never an
 * alias outside the run's name prefix.
 *
 * @module lambda/delete-run-resources
 */
import { CLEANUP_CONCURRENCY } from './constants.js';
import type { LambdaPort } from './types.js';

interface CreatedVersion {
  version: string;
  /** PublishVersion returned an existing version: it is not ours to delete. */
  preExisted: boolean;
}

interface DeleteRunResourcesOptions {
  port: LambdaPort;
  functionName: string;
  /** Alias names the run created. */
  aliases: readonly string[];
  /** Versions the run published (with the pre-existing flag). */
  versions: readonly CreatedVersion[];
  /** Every alias of the run starts with this (`pt-<runId>-`); others are refused. */
  aliasPrefix: string;
}

/** A resource the cleanup left in place, and why. */
interface SkippedResource {
  kind: 'alias' | 'version';
  name: string;
  reason: string;
}

interface DeleteRunResourcesResult {
  /** Aliases deleted now (already-absent ones are not listed). */
  deletedAliases: string[];
  deletedVersions: string[];
  /** Left in place on purpose (not ours, or still in use). */
  skipped: SkippedResource[];
  /** Deletions that failed; the journal keeps them for `powertune cleanup`. */
  failures: Array<{ kind: 'alias' | 'version'; name: string; error: Error }>;
}

const mapWithConcurrency = async <T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * Deletes the run's aliases and the versions it published.
 * Idempotent: what is already gone counts as done.
 *
 * @example
 * const result = await deleteRunResources({
 *   port, functionName: 'my-fn', aliasPrefix: 'pt-lx1abc-',
 *   aliases: ['pt-lx1abc-128'], versions: [{ version: '8', preExisted: false }],
 * });
 */
const deleteRunResources = async ({
  port,
  functionName,
  aliases,
  versions,
  aliasPrefix,
}: DeleteRunResourcesOptions): Promise<DeleteRunResourcesResult> => {
  const result: DeleteRunResourcesResult = { deletedAliases: [], deletedVersions: [], skipped: [], failures: [] };
  const ours = new Set<string>();
  for (const name of new Set(aliases)) {
    if (aliasPrefix === '' || !name.startsWith(aliasPrefix)) {
      result.skipped.push({
        kind: 'alias',
        name,
        reason: `its name does not start with this run's prefix "${aliasPrefix}"`,
      });
    } else {
      ours.add(name);
    }
  }
  await mapWithConcurrency([...ours], CLEANUP_CONCURRENCY, async (name) => {
    try {
      if (await port.deleteAlias({ functionName, name })) result.deletedAliases.push(name);
    } catch (error) {
      result.failures.push({ kind: 'alias', name, error: asError(error) });
    }
  });

  const candidates = new Map<string, CreatedVersion>();
  for (const v of versions) {
    const seen = candidates.get(v.version);
    // A version reported as pre-existing even once is never ours.
    candidates.set(v.version, { version: v.version, preExisted: v.preExisted || (seen?.preExisted ?? false) });
  }
  for (const v of candidates.values()) {
    if (v.preExisted) {
      result.skipped.push({
        kind: 'version',
        name: v.version,
        reason: 'it existed before the run (PublishVersion returned it unchanged)',
      });
      candidates.delete(v.version);
    }
  }
  if (candidates.size === 0) return result;

  let remainingAliases: Awaited<ReturnType<LambdaPort['listAliases']>>;
  try {
    remainingAliases = await port.listAliases({ functionName });
  } catch (error) {
    // Without the alias list we cannot prove a version is unused: keep them all.
    for (const v of candidates.values())
      result.failures.push({ kind: 'version', name: v.version, error: asError(error) });
    return result;
  }
  const toDelete: string[] = [];
  for (const v of candidates.values()) {
    const users = remainingAliases.filter(
      (a) => !ours.has(a.name) && (a.functionVersion === v.version || a.additionalVersions.includes(v.version)),
    );
    if (users.length > 0) {
      result.skipped.push({
        kind: 'version',
        name: v.version,
        reason: `alias ${users.map((a) => a.name).join(', ')}, not created by this run, points to it`,
      });
    } else {
      toDelete.push(v.version);
    }
  }
  await mapWithConcurrency(toDelete, CLEANUP_CONCURRENCY, async (version) => {
    try {
      if (await port.deleteVersion({ functionName, version })) result.deletedVersions.push(version);
    } catch (error) {
      result.failures.push({ kind: 'version', name: version, error: asError(error) });
    }
  });
  result.deletedAliases.sort();
  result.deletedVersions.sort((a, b) => Number(a) - Number(b));
  return result;
};

export { deleteRunResources };
export type { CreatedVersion, DeleteRunResourcesOptions, DeleteRunResourcesResult, SkippedResource };
