/**
 * Test helper: runs a search planner against a deterministic or seeded fake
 * function, the way the tuner will, and records everything it asked for.
 */
import { createSearchPlanner } from '../../../../src/core/search/index.js';
import type {
  MeasureRequest,
  SearchObservation,
  SearchPlannerOptions,
  SearchState,
  SearchStep,
} from '../../../../src/core/search/index.js';

/** us-east-1 x86_64 prices. */
const PRICE = { pricePerGbSecond: 0.0000166667, requestPrice: 2e-7 } as const;

/** A fake function: duration at a size, or an error. */
type FakeFunction = (power: number, call: number) => { durationMs: number; error?: string };

interface DriveResult {
  state: SearchState;
  final: SearchStep;
  batches: MeasureRequest[][];
  observations: SearchObservation[];
  /** Invocations actually run (warm-ups included). */
  invocations: number;
}

/** Cost of one invocation (request charge included). */
const costOf = (power: number, billedDurationMs: number): number =>
  (billedDurationMs / 1000) * (power / 1024) * PRICE.pricePerGbSecond + PRICE.requestPrice;

/**
 * Drives `createSearchPlanner(options)` until `done` (or `maxSteps`, a guard
 * against a planner that never stops), invoking `fn` for every request;
 * warm-ups are reported as cold starts.
 */
const drivePlanner = (
  options: Omit<SearchPlannerOptions, 'price'> & { price?: SearchPlannerOptions['price'] },
  fn: FakeFunction,
  maxSteps = 500,
): DriveResult => {
  const planner = createSearchPlanner({ price: PRICE, ...options });
  const batches: MeasureRequest[][] = [];
  const observations: SearchObservation[] = [];
  const calls = new Map<number, number>();
  let invocations = 0;
  let step = planner.next([]);
  for (let i = 0; i < maxSteps && step.kind === 'measure'; i += 1) {
    batches.push(step.requests);
    const batch: SearchObservation[] = [];
    for (const { power, invocations: count, warmup } of step.requests) {
      for (let j = 0; j < warmup + count; j += 1) {
        const call = calls.get(power) ?? 0;
        calls.set(power, call + 1);
        const { durationMs, error } = fn(power, call);
        const observation: SearchObservation = {
          power,
          durationMs,
          billedDurationMs: Math.ceil(durationMs),
          coldStart: j < warmup,
        };
        if (error !== undefined) observation.error = error;
        batch.push(observation);
        invocations += 1;
      }
    }
    observations.push(...batch);
    step = planner.next(batch);
  }
  return { state: planner.state(), final: step, batches, observations, invocations };
};

export { costOf, drivePlanner, PRICE };
export type { DriveResult, FakeFunction };
