/**
 * Typed progress events of a run. The CLI turns them into a progress bar;
 * the Step Functions handlers ignore them. No event ever carries payload
 * text.
 *
 * @module tuner/events
 */

type TuningEvent =
  | {
      type: 'run-started';
      runId: string;
      functionName: string;
      region: string;
      powerValues: number[];
      plannedInvocations: number;
    }
  | { type: 'size-preparing'; power: number }
  | { type: 'size-ready'; power: number; aliases: string[]; versions: string[] }
  | {
      type: 'invocation-done';
      power: number;
      /** 0-based among counted (or warm-up) invocations of the size. */
      index: number;
      total: number;
      warmup: boolean;
      durationMs?: number;
      coldStart: boolean;
      /** Error type, when the invocation failed. */
      error?: string;
    }
  | { type: 'size-measured'; power: number; invocations: number; coldStarts: number }
  /** Adaptive search: the planner asked for the next batch (`phase`: coarse, refine or race). */
  | { type: 'search-step'; phase: string; sizes: number[]; invocations: number }
  /** Adaptive search: the planner stopped (`reason`: separated, budget-invocations, …). */
  | { type: 'search-done'; reason: string; sizesMeasured: number; invocations: number }
  | { type: 'size-failed'; power: number; reason: string }
  | { type: 'cleanup-started' }
  | { type: 'cleanup-done'; deletedAliases: number; deletedVersions: number; restored: boolean }
  | { type: 'run-finished'; power?: number; durationMs: number; totalInvocations: number }
  | { type: 'warning'; code: string; message: string };

/** Receives progress events; must not throw. */
type EventSink = (event: TuningEvent) => void;

/**
 * Wraps a sink so that a throwing listener cannot break a run.
 *
 * @example
 * const emit = safeSink((e) => console.error(e.type));
 */
const safeSink =
  (sink: EventSink | undefined): EventSink =>
  (event) => {
    try {
      sink?.(event);
    } catch {
      // A broken progress listener must never abort a run (or its cleanup).
    }
  };

export { safeSink };
export type { EventSink, TuningEvent };
