/**
 * Cleanup without a journal: finds what powertune runs left on a function
 * from the function itself — aliases named `pt-<runId>-<size>`, versions
 * described `powertune run pt-<runId>-<size> …` — and undoes it. For the
 * runs whose journal is gone with the machine that ran them (a CI runner
 * killed at its time limit, a laptop wiped). `$LATEST` memory is restored
 * from what the run recorded in its versions, and only while `$LATEST`
 * still carries one of that run's sizes.
 *
 * @module tuner/cleanup-leftovers
 */
import { parseAliasName, parseRunVersionDescription } from '../core/index.js';
import type { FunctionConfiguration, LambdaPort, LatestSettings } from '../lambda/index.js';
import { cleanupLedger } from './cleanup-run.js';
import { recordedOriginal } from './plan-run.js';
import type { CleanupReport } from './types.js';

/** What one run left on a function. */
interface LeftoverRun {
  runId: string;
  /** `pt-<runId>-`. */
  aliasPrefix: string;
  aliases: string[];
  /** The versions it published (their descriptions carry its marker). */
  versions: FunctionConfiguration[];
  /** The memory `$LATEST` had before that run, when its versions recorded it. */
  originalMemoryMB?: number;
  /** Milliseconds since the epoch of its newest version's `LastModified`, when known. */
  lastChangedAt?: number;
}

/**
 * The runs whose aliases or versions remain on `functionName`, oldest
 * change first. Reads only.
 *
 * @example
 * const runs = await findLeftoverRuns({ lambda, functionName: 'my-fn' });
 * // [{ runId: '0mwz1ft6a3gzj', aliasPrefix: 'pt-0mwz1ft6a3gzj-', aliases: ['pt-0mwz1ft6a3gzj-256'], versions: [...], originalMemoryMB: 1024 }]
 */
const findLeftoverRuns = async ({
  lambda,
  functionName,
}: {
  lambda: LambdaPort;
  functionName: string;
}): Promise<LeftoverRun[]> => {
  const [aliases, versions] = await Promise.all([
    lambda.listAliases({ functionName }),
    lambda.listVersions({ functionName }),
  ]);
  const runs = new Map<string, LeftoverRun>();
  const runOf = (aliasPrefix: string, runId: string): LeftoverRun => {
    const known = runs.get(aliasPrefix);
    if (known !== undefined) return known;
    const created: LeftoverRun = { runId, aliasPrefix, aliases: [], versions: [] };
    runs.set(aliasPrefix, created);
    return created;
  };
  for (const alias of aliases) {
    const parsed = parseAliasName(alias.name);
    if (parsed !== undefined) runOf(parsed.aliasPrefix, parsed.runId).aliases.push(alias.name);
  }
  for (const version of versions) {
    const marker = parseRunVersionDescription(version.description);
    if (marker === undefined) continue;
    const run = runOf(marker.aliasPrefix, marker.runId);
    run.versions.push(version);
    const recorded = marker.originalMemoryMB;
    if (recorded !== undefined) run.originalMemoryMB = recorded;
    const changed = version.lastModified === undefined ? Number.NaN : Date.parse(version.lastModified);
    if (Number.isFinite(changed)) run.lastChangedAt = Math.max(run.lastChangedAt ?? 0, changed);
  }
  return [...runs.values()].sort((a, b) => (a.lastChangedAt ?? 0) - (b.lastChangedAt ?? 0));
};

/**
 * Deletes a leftover run's aliases and versions (never a version another
 * alias still points to) and, when `$LATEST` carries one of its sizes,
 * restores the memory it recorded — with the RevisionId as a lock, and the
 * description without its cold-start tag. Idempotent.
 *
 * @example
 * const report = await cleanupLeftoverRun({ lambda, functionName: 'my-fn', run });
 */
const cleanupLeftoverRun = async ({
  lambda,
  functionName,
  run,
}: {
  lambda: LambdaPort;
  functionName: string;
  run: LeftoverRun;
}): Promise<CleanupReport> => {
  const latest = await lambda.getConfiguration({ functionName });
  const recorded = recordedOriginal({ latest, versions: run.versions, ownPrefix: '' });
  const original: LatestSettings | undefined =
    recorded?.kind === 'inherited' ? { memoryMB: recorded.memoryMB, description: recorded.description } : undefined;
  const setByRun =
    original === undefined
      ? []
      : [...new Set(run.versions.map((v) => v.memoryMB))].map((memoryMB) => ({
          memoryMB,
          description: latest.description,
        }));
  const report = await cleanupLedger({
    lambda,
    functionName,
    aliasPrefix: run.aliasPrefix,
    ledger: {
      aliases: run.aliases,
      versions: run.versions.map((v) => ({ version: v.version, preExisted: false })),
      setByRun,
    },
    ...(original === undefined ? {} : { original }),
  });
  // Already at the recorded original (restored, or never changed): nothing to say.
  if (original === undefined && run.originalMemoryMB !== latest.memoryMB) {
    report.restored = false;
    report.warnings.push(
      run.originalMemoryMB === undefined
        ? `$LATEST of ${functionName} was left as it is (${latest.memoryMB} MB): this run recorded no original memory.`
        : `$LATEST of ${functionName} has ${latest.memoryMB} MB, none of the sizes this run published, so it was left as it is; ` +
            `the run recorded ${run.originalMemoryMB} MB as the original.`,
    );
  }
  return report;
};

export { cleanupLeftoverRun, findLeftoverRuns };
export type { LeftoverRun };
