/**
 * `fleet`: many tunings with bounded parallelism. Each one goes through the
 * same path as a single `tune` (the caller's `tune` function), so it is
 * exactly as safe; an entry without a payload is never invoked, and one
 * function's failure never stops the others.
 *
 * @module tuner/fleet/run-fleet
 */
import { fleetTotals, monthlySavingOf } from '../../core/fleet/index.js';
import type { FleetFunctionOutcome, FleetPlanEntry, FleetResult } from '../../core/fleet/index.js';
import type { TuningInput, TuningResult } from '../../core/index.js';
import { createLimiter } from '../create-limiter.js';

/** One entry ready to run: a validated input, or the reason it is skipped. */
interface FleetTask {
  entry: FleetPlanEntry;
  input?: TuningInput;
  /** The entry's options as written (defaults merged, payload read), for drivers that take the input JSON. */
  raw?: Record<string, unknown>;
  skip?: string;
  /** Refused before anything ran (e.g. an option the Step Functions driver does not support): reported as failed. */
  refused?: string;
}

interface RunFleetOptions {
  tasks: readonly FleetTask[];
  /** Functions tuned at the same time (≥ 1). */
  maxFunctions: number;
  /** Runs one tuning exactly as `tune` would (journal, cleanup, interrupts). */
  tune: (task: FleetTask & { input: TuningInput }) => Promise<TuningResult>;
  signal?: AbortSignal;
  onDone?: (outcome: FleetFunctionOutcome) => void;
}

const scanMemory = (entry: FleetPlanEntry): number | undefined => {
  const value = entry.scan?.memoryMB;
  return typeof value === 'number' ? value : undefined;
};

/**
 * Runs the tasks; resolves with every function's outcome, in plan order, and the totals.
 *
 * @example
 * const { functions, totals } = await runFleet({ tasks, maxFunctions: 2, tune });
 */
const runFleet = async ({ tasks, maxFunctions, tune, signal, onDone }: RunFleetOptions): Promise<FleetResult> => {
  const limiter = createLimiter(maxFunctions);
  const outcomes = await Promise.all(
    tasks.map(async (task): Promise<FleetFunctionOutcome> => {
      const base = {
        functionName: task.entry.functionName,
        ...(task.entry.region === undefined ? {} : { region: task.entry.region }),
      };
      const memory = scanMemory(task.entry);
      const known = memory === undefined ? {} : { currentMemoryMB: memory };
      const finish = (outcome: FleetFunctionOutcome): FleetFunctionOutcome => {
        onDone?.(outcome);
        return outcome;
      };
      const { input } = task;
      if (task.refused !== undefined) return finish({ ...base, status: 'failed', reason: task.refused, ...known });
      if (input === undefined)
        return finish({ ...base, status: 'skipped', reason: task.skip ?? 'no payload', ...known });
      return limiter.run(async () => {
        if (signal?.aborted === true)
          return finish({ ...base, status: 'skipped', reason: 'interrupted before it started', ...known });
        try {
          const result = await tune({ ...task, input });
          const saving = monthlySavingOf(result);
          const current = result.run.originalMemoryMB ?? memory;
          return finish({
            ...base,
            region: result.run.region,
            status: 'tuned',
            ...(current === undefined ? {} : { currentMemoryMB: current }),
            recommendedMemoryMB: result.recommendation.power,
            ...(saving === undefined ? {} : { monthlySaving: saving }),
            result,
          });
        } catch (error) {
          return finish({
            ...base,
            status: 'failed',
            reason: error instanceof Error ? error.message : String(error),
            ...known,
          });
        }
      });
    }),
  );
  return { functions: outcomes, totals: fleetTotals(outcomes) };
};

export { runFleet };
export type { FleetTask, RunFleetOptions };
