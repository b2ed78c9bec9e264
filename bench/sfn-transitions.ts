/**
 * State transitions of one Step Functions run, ours vs the reference's
 * `6 + 3N`, for N = 6 (the default power values) and N = 46 (`"ALL"`), with
 * one executor batch per size and one Prepare invocation (the usual case).
 * Both are counted the same way: states entered + 1 for the start.
 *
 * Run alone: `npx tsx bench/sfn-transitions.ts`.
 *
 * @module bench/sfn-transitions
 */
import { countStateTransitions, referenceStateTransitions } from '../src/stepfunctions/count-state-transitions.js';

/** Memory-size counts the bench reports. */
const SIZES = [6, 46] as const;

interface TransitionRow {
  sizes: number;
  ours: number;
  reference: number;
}

/**
 * Computes the transition table.
 *
 * @example
 * runTransitionBench().rows; // [{ sizes: 6, ours: 14, reference: 24 }, { sizes: 46, ours: 54, reference: 144 }]
 */
const runTransitionBench = (): { rows: TransitionRow[] } => ({
  rows: SIZES.map((sizes) => ({
    sizes,
    ours: countStateTransitions({ powerValues: sizes, batchesPerSize: 1, prepareLoops: 1 }),
    reference: referenceStateTransitions({ powerValues: sizes }),
  })),
});

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, '/'));
if (isMain) {
  for (const { sizes, ours, reference } of runTransitionBench().rows) {
    process.stdout.write(
      `N=${sizes}: powertune ${ours} transitions, reference ${reference} (6 + 3N), ${(reference / ours).toFixed(1)}x fewer\n`,
    );
  }
}

export { runTransitionBench };
export type { TransitionRow };
