/**
 * Interleaved measurement: the counted invocations of every warm size in
 * rounds — round i makes invocation i of each size that has not failed — so
 * a drift of the host's or Lambda's speed during the run hits every size
 * alike instead of turning into a difference between sizes (the paired
 * design of A/B benchmarks). Warm-ups stay per size and come first.
 *
 * @module tuner/measure-interleaved
 */
import { defaultSleep } from '../lambda/index.js';
import type { Sleep } from '../lambda/index.js';
import type { SizeMeasurer } from './create-size-measurer.js';
import type { RunPlan } from './types.js';

/**
 * Runs the counted invocations of warm sizes round-robin. Serial mode: a
 * round's invocations start in size order (at most the run's concurrency at
 * once, through the measurers' shared limiter), the next round starts when
 * the round has ended, and `sleepBetweenRunsMs` pauses between rounds, so
 * every size still runs one invocation at a time. Parallel mode: every
 * counted invocation is queued at once in round-robin order and the shared
 * limiter keeps the run's concurrency.
 *
 * @example
 * await Promise.all(measurers.map((m) => m.warmUp()));
 * await measureInterleaved({ plan, measurers, sleepBetweenRunsMs: 0 });
 * const measurements = measurers.map((m) => m.finish());
 */
const measureInterleaved = async ({
  plan,
  measurers,
  sleepBetweenRunsMs,
  signal,
  sleep = defaultSleep,
  onError,
}: {
  plan: Pick<RunPlan, 'num' | 'parallel'>;
  measurers: readonly SizeMeasurer[];
  sleepBetweenRunsMs: number;
  signal?: AbortSignal;
  sleep?: Sleep;
  /** Called at the first error, so the caller can abort the invocations still queued (they end before this returns). */
  onError?: (error: unknown) => void;
}): Promise<void> => {
  // Every started invocation has ended before this settles: the caller cleans up after it.
  const settle = async (tasks: Array<Promise<void>>): Promise<void> => {
    const results = await Promise.allSettled(
      tasks.map((task) =>
        task.catch((error: unknown) => {
          onError?.(error);
          throw error;
        }),
      ),
    );
    const rejected = results.find((result) => result.status === 'rejected');
    if (rejected !== undefined) throw rejected.reason;
  };
  if (plan.parallel) {
    const queued: Array<Promise<void>> = [];
    for (let i = 0; i < plan.num; i += 1) for (const measurer of measurers) queued.push(measurer.invokeCounted(i));
    await settle(queued);
    return;
  }
  for (let i = 0; i < plan.num; i += 1) {
    const active = measurers.filter((m) => !m.failed);
    if (active.length === 0) return;
    await settle(active.map((m) => m.invokeCounted(i)));
    if (sleepBetweenRunsMs > 0 && i < plan.num - 1 && measurers.some((m) => !m.failed))
      await sleep(sleepBetweenRunsMs, signal);
  }
};

export { measureInterleaved };
