/**
 * State-transition counts of a run, ours and the reference's, counted the same
 * way: every state entered plus one for the execution start (the reference's
 * `6 + 3N` is its 5 + 3N states entered plus one). Standard workflows are
 * billed per transition.
 *
 * @module stepfunctions/count-state-transitions
 */
import { TRANSITIONS } from './constants.js';

interface CountStateTransitionsOptions {
  /** Number of memory sizes (N). */
  powerValues: number;
  /** Map items per size (executor invocations). Default 1. */
  batchesPerSize?: number;
  /** Prepare invocations (each followed by the loop Choice). Default 1. */
  prepareLoops?: number;
  /** Exact Map item count, when batches differ per size (overrides `batchesPerSize`). */
  mapItems?: number;
}

/**
 * Transitions of one successful execution of our state machine:
 * `1 + 5 + 2 × prepareLoops + mapItems`, i.e. `8 + N` with one batch per size.
 *
 * @example
 * countStateTransitions({ powerValues: 46 }); // 54 (the reference: 144)
 */
const countStateTransitions = ({
  powerValues,
  batchesPerSize = 1,
  prepareLoops = 1,
  mapItems = powerValues * batchesPerSize,
}: CountStateTransitionsOptions): number =>
  TRANSITIONS.executionStart +
  TRANSITIONS.fixedStates +
  TRANSITIONS.perPrepareLoop * prepareLoops +
  TRANSITIONS.perMapItem * mapItems;

/**
 * The reference tool's count for N power values: `6 + 3N` (its own formula,
 * normal mode).
 *
 * @example
 * referenceStateTransitions({ powerValues: 6 }); // 24
 */
const referenceStateTransitions = ({ powerValues }: { powerValues: number }): number =>
  TRANSITIONS.referenceFixed + TRANSITIONS.referencePerPowerValue * powerValues;

export { countStateTransitions, referenceStateTransitions };
export type { CountStateTransitionsOptions };
