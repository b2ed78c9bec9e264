/**
 * The invocations of one prepared size, one step at a time: its uncounted
 * warm-up, then each counted invocation on demand, then its measurement.
 * `measureSize` drives one size from start to end; `measureInterleaved`
 * drives several round-robin.
 *
 * @module tuner/create-size-measurer
 */
import type { InvocationSample, TuningInput } from '../core/index.js';
import type { LambdaPort } from '../lambda/index.js';
import { MAX_QUOTED_CHARS } from './constants.js';
import { createLimiter } from './create-limiter.js';
import type { Limiter } from './create-limiter.js';
import { safeSink } from './events.js';
import type { EventSink } from './events.js';
import { redactPayloads } from './redact-payloads.js';
import { readFunctionError, sampleFromOutcome } from './sample-from-outcome.js';
import type { PreparedSize, RunPlan, SizeMeasurement } from './types.js';

interface SizeMeasurerOptions {
  plan: RunPlan;
  input: TuningInput;
  prepared: PreparedSize;
  lambda: LambdaPort;
  /** One encoded payload per counted invocation (`generatePayloads`). */
  payloads: readonly string[];
  /** Shared cap on concurrent invocations across sizes; defaults to one of `plan.concurrency`. */
  limiter?: Limiter;
  onEvent?: EventSink;
  signal?: AbortSignal;
  /** Keep successful warm-up samples in `warmupSamples` (default false). */
  keepWarmupSamples?: boolean;
}

/** One size's invocations, step by step. */
interface SizeMeasurer {
  readonly power: number;
  /** True once the size stopped at an error not in `allowedExceptions`: later steps do nothing. */
  readonly failed: boolean;
  /** The uncounted warm-up: `plan.warmup` invocations, one after another, or one burst in parallel mode. */
  warmUp(): Promise<void>;
  /** Counted invocation number `index` (0-based; with onlyColdStarts through alias `index`). */
  invokeCounted(index: number): Promise<void>;
  /** The size's samples and failure, once every invocation has ended; emits `size-measured` or `size-failed`. */
  finish(): SizeMeasurement;
}

/** Thrown inside a measurement to stop it; turned into the size's failure. */
class SizeFailure {
  readonly type: string;
  readonly message: string;
  constructor(type: string, message: string) {
    this.type = type;
    this.message = message;
  }
}

const throwIfAborted = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted === true) throw signal.reason instanceof Error ? signal.reason : new Error('The run was aborted');
};

const isUsableOutput = (payload: string): boolean => {
  const text = payload.trim();
  return text !== '' && text !== 'null';
};

/**
 * Creates the measurer of one prepared size. Its steps never throw for a
 * function or processor error (the size is marked failed); they throw for
 * Lambda API errors and on abort.
 *
 * @example
 * const measurer = createSizeMeasurer({ plan, input, prepared, lambda, payloads });
 * await measurer.warmUp();
 * for (let i = 0; i < plan.num; i += 1) await measurer.invokeCounted(i);
 * const measurement = measurer.finish();
 */
const createSizeMeasurer = ({
  plan,
  input,
  prepared,
  lambda,
  payloads,
  limiter = createLimiter(plan.concurrency),
  onEvent,
  signal,
  keepWarmupSamples = false,
}: SizeMeasurerOptions): SizeMeasurer => {
  const emit = safeSink(onEvent);
  const { power } = prepared;
  const hidePayloads = input.disablePayloadLogs ? [...new Set(payloads)] : [];
  const quote = (text: string): string =>
    input.disablePayloadLogs ? '' : ` with payload ${text.slice(0, MAX_QUOTED_CHARS)}`;
  const scrub = (text: string): string => (hidePayloads.length > 0 ? redactPayloads(text, hidePayloads) : text);
  const measurement: SizeMeasurement = {
    power,
    samples: [],
    invocations: 0,
    warmupInvocations: 0,
    processorInvocations: 0,
  };
  let failure: SizeFailure | undefined;

  const processor = async (kind: 'PreProcessor' | 'PostProcessor', arn: string, payload: string): Promise<string> => {
    measurement.processorInvocations += 1;
    let outcome;
    try {
      outcome = await lambda.invoke({ functionName: arn, payload, ...(signal !== undefined ? { signal } : {}) });
    } catch (error) {
      throwIfAborted(signal);
      throw new SizeFailure(
        `${kind}Error`,
        scrub(`${kind} ${arn} could not be invoked: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    if (outcome.functionError !== undefined) {
      const { type, message } = readFunctionError(outcome);
      throw new SizeFailure(
        `${kind}Error`,
        scrub(
          `${kind} ${arn} failed${quote(payload)} - original error type: "${type}", original error message: "${message}"`,
        ),
      );
    }
    return outcome.payload;
  };

  /** One unit of work: pre-processor → function → post-processor. */
  const invokeOnce = async (aliasName: string, payload: string): Promise<InvocationSample> => {
    throwIfAborted(signal);
    let event = payload;
    if (input.preProcessorARN !== undefined) {
      const out = await processor('PreProcessor', input.preProcessorARN, payload);
      if (isUsableOutput(out)) event = out;
    }
    throwIfAborted(signal);
    measurement.invocations += 1;
    const outcome = await lambda.invoke({
      functionName: plan.functionName,
      qualifier: aliasName,
      payload: event,
      ...(signal !== undefined ? { signal } : {}),
    });
    const sample = sampleFromOutcome({
      power,
      outcome,
      allowedExceptions: input.allowedExceptions,
      hidePayloads: input.disablePayloadLogs ? [...hidePayloads, event] : [],
    });
    if (input.postProcessorARN !== undefined) await processor('PostProcessor', input.postProcessorARN, outcome.payload);
    return sample;
  };

  const aliasFor = (index: number): string => {
    const alias = plan.onlyColdStarts ? prepared.aliases[index] : prepared.aliases[0];
    if (alias === undefined)
      throw new RangeError(`measureSize: no alias prepared for invocation ${index} of ${power} MB`);
    return alias.aliasName;
  };
  const payloadFor = (index: number): string => payloads[index % payloads.length] ?? 'null';

  const run = async ({ index, warmup, total }: { index: number; warmup: boolean; total: number }): Promise<void> => {
    if (failure !== undefined) return;
    try {
      const sample = await limiter.run(() => {
        if (failure !== undefined) return Promise.resolve(undefined);
        return invokeOnce(warmup ? aliasFor(0) : aliasFor(index), payloadFor(index));
      });
      if (sample === undefined) return;
      const fatal = sample.error !== undefined && sample.allowedError !== true;
      if (warmup) {
        measurement.warmupInvocations += 1;
        if (keepWarmupSamples && !fatal) (measurement.warmupSamples ??= []).push(sample);
        // The warm-up is usually the size's only cold start: its Init Duration prices INIT in the monthly bill.
        const init = sample.report?.initDurationMs;
        if (init !== undefined) (measurement.warmupInitDurationsMs ??= []).push(init);
      } else measurement.samples[index] = sample;
      emit({
        type: 'invocation-done',
        power,
        index,
        total,
        warmup,
        ...(sample.report !== undefined ? { durationMs: sample.report.durationMs } : {}),
        coldStart: sample.coldStart,
        ...(sample.error !== undefined ? { error: sample.error.type } : {}),
      });
      if (fatal && failure === undefined) {
        // A failing warm-up is kept as the sample that explains the failure.
        if (warmup) measurement.samples.push(sample);
        failure = new SizeFailure(sample.error?.type ?? 'Error', sample.error?.message ?? '');
      }
    } catch (error) {
      if (error instanceof SizeFailure) {
        failure ??= error;
        return;
      }
      throw error;
    }
  };

  const warmUp = async (): Promise<void> => {
    if (plan.parallel) {
      await Promise.all(
        Array.from({ length: plan.warmup }, (_, i) => run({ index: i, warmup: true, total: plan.warmup })),
      );
    } else {
      for (let i = 0; i < plan.warmup && failure === undefined; i += 1)
        await run({ index: i, warmup: true, total: plan.warmup });
    }
    throwIfAborted(signal);
  };

  const finish = (): SizeMeasurement => {
    throwIfAborted(signal);
    measurement.samples = measurement.samples.filter((s) => s !== undefined);
    if (failure !== undefined) {
      const reason = `${failure.type}: ${failure.message}`;
      const explained = measurement.samples.some((s) => s.error !== undefined && s.allowedError !== true);
      if (!explained)
        measurement.samples.push({ power, coldStart: false, error: { type: failure.type, message: failure.message } });
      measurement.failure = { type: failure.type, message: failure.message };
      emit({ type: 'size-failed', power, reason });
    } else {
      emit({
        type: 'size-measured',
        power,
        invocations: measurement.samples.length,
        coldStarts: measurement.samples.filter((s) => s.coldStart).length,
      });
    }
    return measurement;
  };

  return {
    power,
    get failed(): boolean {
      return failure !== undefined;
    },
    warmUp,
    invokeCounted: (index) => run({ index, warmup: false, total: plan.num }),
    finish,
  };
};

export { createSizeMeasurer };
export type { SizeMeasurer, SizeMeasurerOptions };
