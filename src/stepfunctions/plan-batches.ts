/**
 * Splits each size's `num` counted invocations into executor batches that
 * fit in one executor invocation (the handler's timeout minus a margin).
 *
 * The time of one invocation is planned from an estimate per size (a probe
 * invocation at the original configuration scaled up for smaller sizes, times
 * a safety factor) capped by the function's own timeout, which no invocation
 * can exceed. The executor still watches its remaining time and stops early
 * (reporting a shortfall) if the estimate was wrong.
 *
 * @module stepfunctions/plan-batches
 */
import { RunTooLargeError } from './errors.js';
import type { BatchItem } from './types.js';

interface PlanBatchesOptions {
  powerValues: readonly number[];
  num: number;
  parallel: boolean;
  /** Concurrent invocations within one executor in parallel mode. */
  concurrency: number;
  /** Uncounted warm-up invocations per batch (serial) or width of the warm-up burst (parallel). */
  warmup: number;
  /** Planned wall time of one invocation at `power` (ms), pre/post processors and sleeps included. */
  invocationMs: (power: number) => number;
  /** Time one executor invocation may spend invoking (ms). */
  budgetMs: number;
  /** Upper bound on the number of items. */
  maxItems: number;
}

/**
 * Plans the Map items: one or more balanced batches per size.
 *
 * @throws {RunTooLargeError} when more than `maxItems` batches would be needed
 * @example
 * planBatches({ powerValues: [128, 256], num: 100, parallel: false, concurrency: 1, warmup: 1,
 *   invocationMs: () => 1000, budgetMs: 290_000, maxItems: 2000 });
 * // 1 batch per size (101 s each)
 */
const planBatches = ({
  powerValues,
  num,
  parallel,
  concurrency,
  warmup,
  invocationMs,
  budgetMs,
  maxItems,
}: PlanBatchesOptions): BatchItem[] => {
  const items: BatchItem[] = [];
  for (const power of powerValues) {
    const slots = Math.floor(budgetMs / Math.max(1, invocationMs(power)));
    // Serial: warm-ups then counted invocations one after another.
    // Parallel: one warm-up burst, then waves of `concurrency` invocations.
    const wavesLeft = slots - (parallel ? (warmup > 0 ? 1 : 0) : warmup);
    const capacity = Math.max(1, parallel ? Math.max(1, wavesLeft) * Math.max(1, concurrency) : wavesLeft);
    const batches = Math.ceil(num / capacity);
    const base = Math.floor(num / batches);
    const larger = num % batches;
    let start = 0;
    for (let batch = 0; batch < batches; batch += 1) {
      const count = base + (batch < larger ? 1 : 0);
      items.push({ power, batch, start, count, warmup });
      start += count;
    }
  }
  if (items.length > maxItems) {
    throw new RunTooLargeError({
      what: `${items.length} executor batches`,
      limit: `${maxItems}`,
      advice:
        'each batch must finish within the executor timeout; raise totalExecutionTimeout (up to 900 s), ' +
        'lower num, tune fewer power values, or use parallelInvocation',
    });
  }
  return items;
};

export { planBatches };
export type { PlanBatchesOptions };
