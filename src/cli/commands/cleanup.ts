/**
 * `powertune cleanup` — undo what unfinished runs left behind, from their
 * journals: delete the aliases and versions they created, restore `$LATEST`.
 * Idempotent: running it twice changes nothing the second time.
 *
 * @module cli/commands/cleanup
 */
import { resolve } from 'node:path';
import { createSdkLambdaPort } from '../../lambda/index.js';
import { cleanupFromJournal, createFileJournal, readUnfinishedRuns } from '../../tuner/index.js';
import { ExitCode, ExitError, UsageError } from '../errors.js';
import { formatFlagHelp, parseFlags } from '../parse-flags.js';
import type { FlagSpec } from '../parse-flags.js';
import type { CommandContext } from '../types.js';
import { DEFAULT_STATE_DIR } from '../constants.js';
import { isRunInProgress } from '../is-run-in-progress.js';

/** What journals of earlier versions recorded when the SDK's default chain chose the region. */
const LEGACY_UNKNOWN_REGION = 'unknown';

const FLAGS: FlagSpec[] = [
  { name: 'run', type: 'string', value: 'ID', description: 'Clean up one run only' },
  { name: 'list', type: 'boolean', description: 'Only list unfinished runs' },
  { name: 'force', type: 'boolean', description: 'Also clean up runs whose process still runs on this machine' },
  { name: 'state-dir', type: 'string', value: 'DIR', description: 'Where run journals live (default .powertune)' },
  { name: 'profile', type: 'string', value: 'NAME', description: 'AWS shared-config profile' },
  { name: 'endpoint-url', type: 'string', value: 'URL', description: 'Lambda endpoint (default: the one the run used)' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
];

/**
 * Runs `powertune cleanup`.
 *
 * @example
 * await cleanup({ argv: ['--run', '0mjuohs00iiii'], ...context });
 */
const cleanup = async (context: CommandContext): Promise<number> => {
  const { values } = parseFlags({ argv: context.argv, flags: FLAGS, command: 'cleanup' });
  if (values.help === true) {
    context.stdout.write(`Usage: powertune cleanup [--run ID] [--list] [--state-dir DIR] [--force]\n\nOptions:\n${formatFlagHelp(FLAGS)}\n`);
    return ExitCode.Success;
  }
  const stateDir = resolve(context.cwd, typeof values['state-dir'] === 'string' ? values['state-dir'] : DEFAULT_STATE_DIR);
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
      context.stdout.write(`${run.runId}  ${run.functionName}  ${run.region ?? LEGACY_UNKNOWN_REGION}  started ${run.startedAt ?? 'unknown'}  (${run.entries.length} journal entries)${state}\n`);
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
    context.stdout.write(
      `run ${run.runId} on ${run.functionName}: deleted ${report.deletedAliases.length} aliases${report.deletedAliases.length > 0 ? ` (${report.deletedAliases.join(', ')})` : ''}, ` +
        `${report.deletedVersions.length} versions${report.deletedVersions.length > 0 ? ` (${report.deletedVersions.join(', ')})` : ''}; ` +
        `$LATEST ${report.restored ? 'restored' : 'NOT restored'}\n`,
    );
    for (const warning of report.warnings) context.stdout.write(`  warning: ${warning}\n`);
    for (const skipped of report.skipped) context.stdout.write(`  kept ${skipped.kind} ${skipped.name}: ${skipped.reason}\n`);
    if (!report.complete) incomplete += 1;
  }
  if (incomplete > 0) {
    throw new ExitError(`${incomplete} run(s) could not be cleaned up completely; fix the cause above and run "powertune cleanup" again`, ExitCode.RunFailed);
  }
  return ExitCode.Success;
};

export { cleanup };
