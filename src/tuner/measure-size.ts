/**
 * Measure step: warm a size up (uncounted), then make its `num` counted
 * invocations, serially or in parallel, with optional pre/post processors.
 * A size stops at its first error that is not in `allowedExceptions`.
 *
 * @module tuner/measure-size
 */
import { defaultSleep } from '../lambda/index.js';
import type { Sleep } from '../lambda/index.js';
import { createSizeMeasurer } from './create-size-measurer.js';
import type { SizeMeasurerOptions } from './create-size-measurer.js';
import type { SizeMeasurement } from './types.js';

interface MeasureSizeOptions extends SizeMeasurerOptions {
  sleep?: Sleep;
}

/**
 * Measures one prepared size and returns its counted samples. Never throws
 * for a function or processor error (the size is marked failed); throws for
 * Lambda API errors and on abort.
 *
 * @example
 * const measurement = await measureSize({ plan, input, prepared, lambda, payloads });
 */
const measureSize = async ({ sleep = defaultSleep, ...options }: MeasureSizeOptions): Promise<SizeMeasurement> => {
  const { plan, input, signal } = options;
  const measurer = createSizeMeasurer(options);
  await measurer.warmUp();
  if (plan.parallel) {
    await Promise.all(Array.from({ length: plan.num }, (_, i) => measurer.invokeCounted(i)));
  } else {
    for (let i = 0; i < plan.num && !measurer.failed; i += 1) {
      await measurer.invokeCounted(i);
      if (input.sleepBetweenRunsMs > 0 && i < plan.num - 1 && !measurer.failed)
        await sleep(input.sleepBetweenRunsMs, signal);
    }
  }
  return measurer.finish();
};

export { measureSize };
export type { MeasureSizeOptions };
