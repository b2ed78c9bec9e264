/**
 * `powertune cleanup` — undo what unfinished runs left behind, from their
 * journals: delete the aliases and versions they created, restore `$LATEST`.
 * With `--function`, without journals: from what the runs left on the
 * function itself (for runs whose machine is gone, e.g. a CI runner).
 * Idempotent: running it twice changes nothing the second time.
 *
 * @module cli/commands/cleanup
 */
import { formatMemory } from '../../core/index.js';
import { resolve } from 'node:path';
import { createSdkLambdaPort } from '../../lambda/index.js';
import {
  cleanupFromJournal,
  cleanupLeftoverRun,
  createFileJournal,
  findLeftoverRuns,
  readUnfinishedRuns,
} from '../../tuner/index.js';
import type { CleanupReport } from '../../tuner/index.js';
import { ExitCode, ExitError, UsageError } from '../errors.js';
import { parseFlags } from '../parse-flags.js';
import { checkEndpointUrl } from '../check-endpoint-url.js';
import { checkProfile } from '../check-profile.js';
import { ALLOW_UNKNOWN_REGION_FLAG, checkRegions } from '../check-region.js';
import { debugLogOf } from '../debug-log.js';
import { formatHelp } from '../format-help.js';
import type { FlagSpec } from '../parse-flags.js';
import type { CommandContext } from '../types.js';
import { DEFAULT_STATE_DIR } from '../constants.js';
import { isRunInProgress } from '../is-run-in-progress.js';
import { openTargetPort } from '../open-target-port.js';

/** What journals of earlier versions recorded when the SDK's default chain chose the region. */
const LEGACY_UNKNOWN_REGION = 'unknown';

const FLAGS: FlagSpec[] = [
  { name: 'run', type: 'string', value: 'ID', description: 'Clean up one run only' },
  {
    name: 'function',
    type: 'string',
    value: 'NAME|ARN',
    description: 'Without journals: find and undo what runs left on this function (their machine is gone)',
  },
  {
    name: 'older-than',
    type: 'string',
    value: 'MINUTES',
    description: 'With --function: only runs whose last change is older (default 60; 0 = all)',
  },
  {
    name: 'region',
    type: 'string',
    value: 'REGION',
    description: 'With --function: its region (default from the ARN or the environment)',
  },
  { name: 'list', type: 'boolean', description: 'Only list unfinished runs' },
  { name: 'force', type: 'boolean', description: 'Also clean up runs whose process still runs on this machine' },
  { name: 'state-dir', type: 'string', value: 'DIR', description: 'Where run journals live (default .powertune)' },
  { name: 'profile', type: 'string', value: 'NAME', description: 'AWS shared-config profile' },
  {
    name: 'endpoint-url',
    type: 'string',
    value: 'URL',
    description: 'Lambda endpoint (default: the one the run used)',
  },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
  ALLOW_UNKNOWN_REGION_FLAG,
];

const DEFAULT_OLDER_THAN_MINUTES = 60;
const MS_PER_MINUTE = 60_000;

const describeReport = (label: string, report: CleanupReport): string =>
  `${label}: deleted ${report.deletedAliases.length} aliases${report.deletedAliases.length > 0 ? ` (${report.deletedAliases.join(', ')})` : ''}, ` +
  `${report.deletedVersions.length} versions${report.deletedVersions.length > 0 ? ` (${report.deletedVersions.join(', ')})` : ''}; ` +
  `$LATEST ${report.restored ? 'restored' : 'NOT restored'}\n`;

/**
 * `powertune cleanup --function`: finds the runs whose aliases and versions
 * remain on the function and undoes them — except runs that changed it
 * within `--older-than` minutes (they may still be running on another
 * machine) and runs still running on this one.
 */
const cleanupFunction = async ({
  values,
  context,
  stateDir,
}: {
  values: Record<string, unknown>;
  context: CommandContext;
  stateDir: string;
}): Promise<number> => {
  const olderThanText =
    typeof values['older-than'] === 'string' ? values['older-than'] : String(DEFAULT_OLDER_THAN_MINUTES);
  const olderThan = Number(olderThanText);
  if (olderThanText.trim() === '' || !Number.isFinite(olderThan) || olderThan < 0) {
    throw new UsageError({
      field: '--older-than',
      message: `--older-than: expected a number of minutes >= 0; got ${JSON.stringify(olderThanText)}`,
    });
  }
  const { target, lambda } = openTargetPort({
    lambdaARN: values.function as string,
    region: typeof values.region === 'string' ? values.region : undefined,
    endpoint: typeof values['endpoint-url'] === 'string' ? values['endpoint-url'] : undefined,
    profile: typeof values.profile === 'string' ? values.profile : undefined,
    env: context.env,
    field: '--function',
    debugLog: debugLogOf(context),
  });
  const runs = await findLeftoverRuns({ lambda, functionName: target.functionName });
  if (runs.length === 0) {
    context.stdout.write(`No powertune aliases or versions on ${target.displayName}: nothing to clean up.\n`);
    return ExitCode.Success;
  }
  const live = new Set(
    (await readUnfinishedRuns({ stateDir })).filter((run) => isRunInProgress({ run })).map((run) => run.aliasPrefix),
  );
  const now = Date.now();
  let incomplete = 0;
  for (const run of runs) {
    const minutes =
      run.lastChangedAt === undefined ? undefined : Math.max(0, (now - run.lastChangedAt) / MS_PER_MINUTE);
    const label = `run ${run.runId} on ${target.displayName}`;
    const facts =
      `${run.aliases.length} aliases, ${run.versions.length} versions` +
      `${run.originalMemoryMB === undefined ? '' : `, original ${formatMemory(run.originalMemoryMB)}`}` +
      `${minutes === undefined ? '' : `, last change ${minutes.toFixed(0)} min ago`}`;
    if (values.list === true) {
      context.stdout.write(
        `${label}: ${facts}${live.has(run.aliasPrefix) ? ' (still running on this machine)' : ''}\n`,
      );
      continue;
    }
    if (live.has(run.aliasPrefix) && values.force !== true) {
      context.stdout.write(`${label}: skipped, it is still running on this machine (it cleans up after itself)\n`);
      continue;
    }
    if (minutes !== undefined && minutes < olderThan) {
      context.stdout.write(
        `${label}: skipped (${facts}); it may still be running on another machine — pass --older-than 0 to clean it up now\n`,
      );
      continue;
    }
    const report = await cleanupLeftoverRun({ lambda, functionName: target.functionName, run });
    context.stdout.write(describeReport(label, report));
    for (const warning of report.warnings) context.stdout.write(`  warning: ${warning}\n`);
    for (const skipped of report.skipped)
      context.stdout.write(`  kept ${skipped.kind} ${skipped.name}: ${skipped.reason}\n`);
    if (!report.complete) incomplete += 1;
  }
  if (incomplete > 0) {
    throw new ExitError(
      `${incomplete} run(s) could not be cleaned up completely; fix the cause above and run the same command again`,
      ExitCode.RunFailed,
    );
  }
  return ExitCode.Success;
};

/**
 * Runs `powertune cleanup`.
 *
 * @example
 * await cleanup({ argv: ['--run', '0mjuohs00iiii'], ...context });
 */
const cleanup = async (context: CommandContext): Promise<number> => {
  const { values } = parseFlags({ argv: context.argv, flags: FLAGS, command: 'cleanup' });
  if (values.help === true) {
    context.stdout.write(
      formatHelp({
        usage:
          'Usage: powertune cleanup [--run ID] [--list] [--state-dir DIR] [--force]\n       powertune cleanup --function NAME|ARN [--older-than MINUTES] [--list]',
        flags: FLAGS,
        examples: [
          'powertune cleanup --list',
          'powertune cleanup --run 0mjuohs00iiii',
          'powertune cleanup --function my-fn --region eu-west-1 --older-than 0',
        ],
        stream: context.stdout,
      }),
    );
    return ExitCode.Success;
  }
  // The contract's checks, before any AWS call.
  checkEndpointUrl({ flag: typeof values['endpoint-url'] === 'string' ? values['endpoint-url'] : undefined, env: {} });
  checkProfile({ profile: typeof values.profile === 'string' ? values.profile : undefined, env: context.env });
  checkRegions({
    sources: [{ field: '--function', value: typeof values.function === 'string' ? values.function : undefined }],
    regionFlags: [{ field: '--region', value: typeof values.region === 'string' ? values.region : undefined }],
    allowUnknown: values['allow-unknown-region'] === true,
    env: context.env,
  });
  const stateDir = resolve(
    context.cwd,
    typeof values['state-dir'] === 'string' ? values['state-dir'] : DEFAULT_STATE_DIR,
  );
  if (typeof values.function === 'string') return cleanupFunction({ values, context, stateDir });
  const all = await readUnfinishedRuns({ stateDir });
  const runs = typeof values.run === 'string' ? all.filter((r) => r.runId === values.run) : all;
  if (typeof values.run === 'string' && runs.length === 0) {
    throw new UsageError({
      field: '--run',
      message: `--run: expected the id of an unfinished run in ${stateDir}; got ${JSON.stringify(values.run)} (unfinished: ${all.map((r) => r.runId).join(', ') || 'none'})`,
    });
  }
  if (runs.length === 0) {
    context.stdout.write(`No unfinished runs in ${stateDir}: nothing to clean up.\n`);
    return ExitCode.Success;
  }
  if (values.list === true) {
    for (const run of runs) {
      const state = isRunInProgress({ run }) ? `  still running (process ${run.pid ?? '?'})` : '';
      context.stdout.write(
        `${run.runId}  ${run.functionName}  ${run.region ?? LEGACY_UNKNOWN_REGION}  started ${run.startedAt ?? 'unknown'}  (${run.entries.length} journal entries)${state}\n`,
      );
    }
    return ExitCode.Success;
  }
  let incomplete = 0;
  for (const run of runs) {
    // A run whose process is alive is measuring right now: deleting its aliases would break it.
    if (values.force !== true && isRunInProgress({ run })) {
      context.stdout.write(
        `run ${run.runId} on ${run.functionName}: skipped, its process ${run.pid ?? '?'} is still running (it cleans up after itself; stop it with Ctrl-C, or pass --force if that process is not powertune)\n`,
      );
      continue;
    }
    const endpoint = typeof values['endpoint-url'] === 'string' ? values['endpoint-url'] : run.endpoint;
    // No recorded region: the run's came from the SDK's default chain (~/.aws/config), so let the chain choose it again.
    const region = run.region === LEGACY_UNKNOWN_REGION ? undefined : run.region;
    const lambda = createSdkLambdaPort({
      ...(region === undefined ? {} : { region }),
      ...(typeof values.profile === 'string' ? { profile: values.profile } : {}),
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(context.debug === true ? { debugLog: debugLogOf(context) } : {}),
      env: context.env,
    });
    const journal = createFileJournal({
      stateDir,
      runId: run.runId,
      functionName: run.functionName,
      ...(run.region === undefined ? {} : { region: run.region }),
      aliasPrefix: run.aliasPrefix,
      ...(run.endpoint === undefined ? {} : { endpoint: run.endpoint }),
    });
    const report = await cleanupFromJournal({ entries: run.entries, lambda, journal });
    context.stdout.write(describeReport(`run ${run.runId} on ${run.functionName}`, report));
    for (const warning of report.warnings) context.stdout.write(`  warning: ${warning}\n`);
    for (const skipped of report.skipped)
      context.stdout.write(`  kept ${skipped.kind} ${skipped.name}: ${skipped.reason}\n`);
    if (!report.complete) incomplete += 1;
  }
  if (incomplete > 0) {
    throw new ExitError(
      `${incomplete} run(s) could not be cleaned up completely; fix the cause above and run "powertune cleanup" again`,
      ExitCode.RunFailed,
    );
  }
  return ExitCode.Success;
};

export { cleanup, FLAGS };
