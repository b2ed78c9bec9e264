/**
 * Wires one `tune` run: the SDK port, the journal (crash recovery), signals
 * and progress — then runs the tuner or the dry run. Errors keep their exit
 * codes (`PowerTuneError.exitCode`); the single mapping to text is in main.
 *
 * @module cli/run-tuning-command
 */
import type { TuningInput, TuningResult } from '../core/index.js';
import { createMemoryJournal, createRunId, readUnfinishedRuns, runDryRun, runTuning } from '../tuner/index.js';
import type { DryRunResult, Journal } from '../tuner/index.js';
import { cleanupCommand } from './cleanup-command.js';
import { formatDryRun } from './format-dry-run.js';
import { isRunInProgress } from './is-run-in-progress.js';
import { debugLogOf } from './debug-log.js';
import { openTargetPort } from './open-target-port.js';
import { openRunJournal } from './open-run-journal.js';
import type { TuningRunOptions } from './types.js';

type TuningOutcome = { kind: 'result'; result: TuningResult } | { kind: 'dry-run'; dryRun: DryRunResult; text: string };

/**
 * Runs the tuner with real ports.
 *
 * @example
 * const outcome = await runTuningCommand({ input, stateDir: '.powertune', backend: 'aws', onEvent, context });
 */
const runTuningCommand = async ({
  input,
  endpoint,
  region,
  credentials,
  profile,
  stateDir,
  backend,
  cpuModel,
  visualizationBaseUrl,
  onEvent,
  context,
  journalled = true,
}: TuningRunOptions & { input: TuningInput }): Promise<TuningOutcome> => {
  const { target, lambda } = openTargetPort({
    lambdaARN: input.lambdaARN,
    region,
    endpoint,
    profile,
    credentials,
    env: context.env,
    debugLog: debugLogOf(context),
  });
  if (input.dryRun) {
    const dryRun = await runDryRun({
      input,
      lambda,
      onEvent,
      ...(context.signal ? { signal: context.signal } : {}),
      env: context.env,
    });
    return { kind: 'dry-run', dryRun, text: formatDryRun(dryRun) };
  }
  const runId = createRunId();
  let journal: Journal = createMemoryJournal();
  if (journalled) {
    const leftovers = (await readUnfinishedRuns({ stateDir })).filter(
      (run) => run.functionName === target.functionName || run.functionName.endsWith(`:function:${target.displayName}`),
    );
    for (const run of leftovers) {
      onEvent(
        isRunInProgress({ run })
          ? {
              type: 'warning',
              code: 'concurrent-run',
              message: `run ${run.runId} on this function is still in progress (process ${run.pid ?? '?'}); both runs keep to their own aliases and versions (see README → Safety → Known limits for $LATEST)`,
            }
          : {
              type: 'warning',
              code: 'leftovers',
              message: `run ${run.runId} on this function did not finish; undo what it left with: ${cleanupCommand({ runId: run.runId, stateDir, cwd: context.cwd })}`,
            },
      );
    }
    // No region when the SDK's default chain picks it: cleanup then lets the chain pick it again.
    journal = openRunJournal({
      stateDir,
      runId,
      functionName: target.functionName,
      region: target.region,
      endpoint: target.endpoint,
      context,
    });
  }
  const result = await runTuning({
    input,
    lambda,
    journal,
    onEvent,
    runId,
    backend,
    ...(cpuModel === undefined ? {} : { cpuModel }),
    env: context.env,
    ...(context.signal ? { signal: context.signal } : {}),
    ...(visualizationBaseUrl === undefined ? {} : { visualizationBaseUrl }),
  });
  return { kind: 'result', result };
};

export { runTuningCommand };
export type { TuningOutcome };
