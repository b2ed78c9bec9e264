/**
 * Cleanup step: delete the run's aliases and versions, then restore
 * `$LATEST` memory and description. Runs in `finally`, on abort, after a
 * Step Functions error, and from a crashed run's journal.
 *
 * @module tuner/cleanup-run
 */
import { deleteRunResources, findRunVersions, restoreFunction } from '../lambda/index.js';
import type { ChangeRecorder, CreatedVersion, LambdaPort, LatestSettings } from '../lambda/index.js';
import { ledgerFromEntries } from './journal.js';
import type { CleanupReport, Journal, JournalEntry, RunLedger, RunPlan } from './types.js';
import { cleanupFunctionCopies } from './function-copy.js';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Cleans up what a ledger says was created, and restores `original`.
 *
 * @example
 * const report = await cleanupLedger({ lambda, functionName: 'my-fn', aliasPrefix: 'pt-x-', ledger, original });
 */
const cleanupLedger = async ({
  lambda,
  functionName,
  aliasPrefix,
  ledger,
  original,
  recorder,
}: {
  lambda: LambdaPort;
  functionName: string;
  aliasPrefix: string;
  ledger: RunLedger;
  original?: LatestSettings;
  recorder?: ChangeRecorder;
}): Promise<CleanupReport> => {
  const warnings: string[] = [];
  let complete = true;
  // Undoing must not depend on the journal: if it cannot be written, restore anyway and say so.
  const tolerant: ChangeRecorder | undefined =
    recorder === undefined
      ? undefined
      : {
          record: async (change) => {
            try {
              await recorder.record(change);
            } catch (error) {
              complete = false;
              warnings.push(`Could not record the restore in the journal: ${messageOf(error)}`);
            }
          },
        };
  const deleted = await deleteRunResources({
    port: lambda,
    functionName,
    aliases: ledger.aliases,
    versions: ledger.versions,
    aliasPrefix,
  });
  for (const failure of deleted.failures) {
    complete = false;
    warnings.push(`Could not delete ${failure.kind} ${failure.name} of ${functionName}: ${failure.error.message}`);
  }
  let restored = true;
  if (ledger.applied !== true && original !== undefined && ledger.setByRun.length > 0) {
    try {
      const result = await restoreFunction({
        port: lambda,
        functionName,
        original,
        setByRun: ledger.setByRun,
        ...(tolerant !== undefined ? { recorder: tolerant } : {}),
      });
      restored = result.restored;
      if (result.warning !== undefined) warnings.push(result.warning);
    } catch (error) {
      restored = false;
      complete = false;
      warnings.push(`Could not restore $LATEST of ${functionName} to ${original.memoryMB} MB: ${messageOf(error)}`);
    }
  }
  return {
    deletedAliases: deleted.deletedAliases,
    deletedVersions: deleted.deletedVersions,
    restored,
    skipped: deleted.skipped,
    warnings,
    complete,
  };
};

/**
 * Rebuilds a ledger from the plan alone (when the step outputs were lost,
 * e.g. the Step Functions error path): every planned alias that exists was
 * created by this run; `$LATEST` counts as changed by the run when it
 * carries one of the planned memory sizes.
 */
const discoverLedger = async ({ plan, lambda }: { plan: RunPlan; lambda: LambdaPort }): Promise<RunLedger> => {
  const aliases: string[] = [];
  const versions: CreatedVersion[] = [];
  for (const size of plan.sizes) {
    for (const planned of size.aliases) {
      const alias = await lambda.getAlias({ functionName: plan.functionName, name: planned.name });
      if (alias === undefined) continue;
      aliases.push(planned.name);
      versions.push({
        version: alias.functionVersion,
        preExisted: plan.preexistingVersions.includes(alias.functionVersion),
      });
    }
  }
  const current = await lambda.getConfiguration({ functionName: plan.functionName });
  const ours = plan.sizes.some(
    (size) =>
      size.power === current.memoryMB &&
      (current.description === plan.original.description ||
        size.aliases.some((a) => a.description === current.description)),
  );
  return {
    aliases,
    versions,
    setByRun: ours ? [{ memoryMB: current.memoryMB, description: current.description }] : [],
  };
};

/**
 * The cleanup step of a run. Pass the `ledger` the run kept; without one it
 * is rebuilt from the plan. Never throws for a failed delete: the report
 * lists it and `complete` is false.
 *
 * @example
 * const report = await cleanupRun({ plan, lambda, ledger });
 */
const cleanupRun = async ({
  plan,
  lambda,
  ledger,
  journal,
  clock = { now: () => new Date() },
}: {
  plan: RunPlan;
  lambda: LambdaPort;
  ledger?: RunLedger;
  journal?: Journal;
  clock?: { now(): Date };
}): Promise<CleanupReport> => {
  const used = ledger ?? (await discoverLedger({ plan, lambda }));
  const report = await cleanupLedger({
    lambda,
    functionName: plan.functionName,
    aliasPrefix: plan.aliasPrefix,
    ledger: used,
    original: { memoryMB: plan.original.memoryMB, description: plan.original.description },
    ...(journal !== undefined ? { recorder: journal } : {}),
  });
  try {
    await journal?.record({
      type: 'cleanup-done',
      at: clock.now().toISOString(),
      deletedAliases: report.deletedAliases,
      deletedVersions: report.deletedVersions,
      restored: report.restored,
    });
  } catch (error) {
    report.complete = false;
    report.warnings.push(`Could not record the cleanup in the journal: ${messageOf(error)}`);
  }
  return report;
};

/**
 * Undoes a crashed run from its journal entries (`powertune cleanup`).
 * Idempotent: running it twice deletes nothing more and restores nothing
 * twice. When `journal` is given (the same run's journal, reopened), the
 * run is marked finished once cleanup is complete.
 *
 * @example
 * for (const run of await readUnfinishedRuns({ stateDir })) {
 *   await cleanupFromJournal({ entries: run.entries, lambda, journal: createFileJournal({ stateDir, ...run }) });
 * }
 */
const cleanupFromJournal = async ({
  entries,
  lambda,
  journal,
  clock = { now: () => new Date() },
}: {
  entries: readonly JournalEntry[];
  lambda: LambdaPort;
  journal?: Journal;
  clock?: { now(): Date };
}): Promise<CleanupReport> => {
  const header = entries.find((e) => e.type === 'run-started');
  const ledger = ledgerFromEntries(entries);
  const firstChange = entries.find((e) => 'functionName' in e);
  const functionName =
    header?.type === 'run-started'
      ? header.functionName
      : firstChange !== undefined && 'functionName' in firstChange
        ? firstChange.functionName
        : undefined;
  if (functionName === undefined) {
    return { deletedAliases: [], deletedVersions: [], restored: true, skipped: [], warnings: [], complete: true };
  }
  // An architecture comparison's journal: deleting its temporary copies removes everything the run made there.
  const copies = await cleanupFunctionCopies({ entries, lambda, ...(journal !== undefined ? { journal } : {}) });
  if (copies !== undefined) return copies;
  const aliasPrefix = header?.type === 'run-started' ? header.aliasPrefix : '';
  // A run killed right after PublishVersion answered never journalled that
  // version; it carries the run's marker in its description.
  let discoveryWarning: string | undefined;
  if (ledger.setByRun.length > 0) {
    try {
      for (const version of await findRunVersions({ port: lambda, functionName, aliasPrefix })) {
        if (!ledger.versions.some((v) => v.version === version)) ledger.versions.push({ version, preExisted: false });
      }
    } catch (error) {
      discoveryWarning = `Could not list the versions of ${functionName} to find unjournalled ones of this run: ${messageOf(error)}`;
    }
  }
  const report = await cleanupLedger({
    lambda,
    functionName,
    aliasPrefix,
    ledger,
    ...(ledger.original !== undefined ? { original: ledger.original } : {}),
    ...(journal !== undefined ? { recorder: journal } : {}),
  });
  if (discoveryWarning !== undefined) {
    report.warnings.push(discoveryWarning);
    report.complete = false;
  }
  if (journal !== undefined) {
    await journal.record({
      type: 'cleanup-done',
      at: clock.now().toISOString(),
      deletedAliases: report.deletedAliases,
      deletedVersions: report.deletedVersions,
      restored: report.restored,
    });
    if (report.complete) await journal.finish();
  }
  return report;
};

export { cleanupFromJournal, cleanupLedger, cleanupRun };
