/**
 * Measure handler (the executor): one Map item = one batch of counted
 * invocations of one memory size, through the same `measureSize` step the CLI
 * uses. Function errors are data in the returned summary (the state machine
 * never retries them, so invocations that succeeded are never re-run); only
 * infrastructure errors (Lambda API, S3) are thrown.
 *
 * Serial batches run invocation by invocation and stop early, reporting a
 * `shortfall`, when the executor's remaining time could not fit another one.
 *
 * @module stepfunctions/handlers/measure
 */
import type { InvocationSample, TuningInput } from '../../core/index.js';
import { defaultSleep } from '../../lambda/index.js';
import type { PreparedAlias, Sleep } from '../../lambda/index.js';
import { measureSize, resolvePayloads, type PreparedSize, type RunPlan } from '../../tuner/index.js';
import { summarizeBatch } from '../batch-summary.js';
import { DRIVER_DEFAULTS } from '../constants.js';
import { HandlerEventError } from '../errors.js';
import type { BatchItem, BatchSummary, MeasureEvent } from '../types.js';
import { defaultHandlerDeps, type HandlerContext, type HandlerDeps } from './handler-deps.js';
import { withHandlerErrors } from './to-handler-error.js';

/** The prepared aliases of a size, rebuilt from the plan (their names are decided there). */
const preparedFromPlan = ({ plan, power }: { plan: RunPlan; power: number }): PreparedSize => {
  const size = plan.sizes.find((candidate) => candidate.power === power);
  if (size === undefined) {
    throw new HandlerEventError({
      handler: 'measure',
      field: 'item.power',
      expected: `one of the planned sizes (${plan.sizes.map((s) => s.power).join(', ')})`,
      got: String(power),
    });
  }
  const aliases: PreparedAlias[] = size.aliases.map((alias) => ({
    power,
    aliasName: alias.name,
    version: '',
    versionPreExisted: false,
    latest: plan.original,
  }));
  return { power, aliases, latest: plan.original };
};

/** A prepared size restricted to the aliases of invocations `[start, start + count)` (onlyColdStarts). */
const sliceAliases = (prepared: PreparedSize, plan: RunPlan, start: number, count: number): PreparedSize =>
  plan.onlyColdStarts ? { ...prepared, aliases: prepared.aliases.slice(start, start + count) } : prepared;

/**
 * The Measure step for one batch.
 *
 * @example
 * const summary = await measureBatch({ run, item: { power: 512, batch: 0, start: 0, count: 50, warmup: 1 }, input }, context);
 */
const measureBatch = async (
  { run, item, input: rawInput }: MeasureEvent,
  context: HandlerContext,
  deps: HandlerDeps = defaultHandlerDeps(),
  sleep: Sleep = defaultSleep,
): Promise<BatchSummary> => {
  const { plan } = run;
  const input: TuningInput = {
    ...run.options,
    ...(rawInput.payload !== undefined ? { payload: rawInput.payload } : {}),
  };
  const lambda = deps.lambdaFor(plan.region);
  const payloads = await resolvePayloads({
    input,
    num: plan.num,
    payloadSource: deps.payloadSourceFor(plan.region),
    region: plan.region,
  });
  const prepared = preparedFromPlan({ plan, power: item.power });
  const batchPayloads = payloads.slice(item.start, item.start + item.count);
  const samples: InvocationSample[] = [];
  let uncounted = 0;
  let done = 0;
  const warmupInitDurationsMs: number[] = [];

  if (plan.parallel) {
    const measurement = await measureSize({
      plan: { ...plan, num: item.count, warmup: item.warmup },
      input,
      prepared: sliceAliases(prepared, plan, item.start, item.count),
      lambda,
      payloads: batchPayloads,
    });
    samples.push(...measurement.samples);
    uncounted += measurement.warmupInvocations;
    warmupInitDurationsMs.push(...(measurement.warmupInitDurationsMs ?? []));
    done = item.count;
  } else {
    let slowestMs = 0;
    for (let index = 0; index < item.count; index += 1) {
      const remaining = context.getRemainingTimeInMillis() - DRIVER_DEFAULTS.safetyMarginMs;
      if (index > 0 && remaining < slowestMs * DRIVER_DEFAULTS.guardFactor + input.sleepBetweenRunsMs) break;
      if (index > 0 && input.sleepBetweenRunsMs > 0) await sleep(input.sleepBetweenRunsMs);
      const started = deps.now().getTime();
      const measurement = await measureSize({
        plan: { ...plan, num: 1, warmup: index === 0 ? item.warmup : 0 },
        input,
        prepared: sliceAliases(prepared, plan, item.start + index, 1),
        lambda,
        payloads: batchPayloads.slice(index, index + 1),
      });
      const elapsed = deps.now().getTime() - started;
      slowestMs = Math.max(slowestMs, index === 0 && item.warmup > 0 ? elapsed / (item.warmup + 1) : elapsed);
      samples.push(...measurement.samples);
      uncounted += measurement.warmupInvocations;
      warmupInitDurationsMs.push(...(measurement.warmupInitDurationsMs ?? []));
      done = index + 1;
      if (measurement.failure !== undefined) break;
    }
  }
  const failed = samples.some((sample) => sample.error !== undefined && sample.allowedError !== true);
  return summarizeBatch({
    power: item.power,
    batch: item.batch,
    samples,
    uncounted,
    warmupInitDurationsMs,
    // A failed size stops on purpose; only a batch cut short by time has a shortfall.
    shortfall: failed ? 0 : item.count - done,
  });
};

/** The Lambda entry point. */
const handler = withHandlerErrors('measure', (event: MeasureEvent, context: HandlerContext) =>
  measureBatch(event, context),
);

export { handler, measureBatch, preparedFromPlan };
export type { BatchItem };
