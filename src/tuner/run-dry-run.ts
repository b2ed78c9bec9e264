/**
 * `dryRun`: validate, check access, invoke once at the current
 * configuration, and estimate what the full run would cost. Nothing is
 * published, nothing is changed (the reference still publishes everything).
 *
 * @module tuner/run-dry-run
 */
import { convertPayload, getLambdaPrice, invocationCost, isWeightedPayload, unqualifiedArn } from '../core/index.js';
import type { Architecture, InvocationSample, TuningInput } from '../core/index.js';
import { createS3PayloadSource, resolveTarget } from '../lambda/index.js';
import type { LambdaPort, PayloadSource } from '../lambda/index.js';
import { safeSink } from './events.js';
import type { EventSink } from './events.js';
import { estimateRunInvocations } from './estimate-run-invocations.js';
import type { RunInvocationEstimate } from './estimate-run-invocations.js';
import { planRegion } from './plan-run.js';
import { redactPayloads } from './redact-payloads.js';
import { sampleFromOutcome } from './sample-from-outcome.js';

const MIN_BILLED_MS = 1;

/** What a dry run found and estimates. */
interface DryRunResult {
  dryRun: true;
  functionName: string;
  region: string;
  /** Version or alias invoked, or `$LATEST`. */
  qualifier: string;
  architecture: Architecture;
  memoryMB: number;
  /** The one invocation at the current configuration. */
  invocation: InvocationSample;
  /** What a full run with this input would do: every invocation it would make (`estimateRunInvocations`). */
  plan: RunInvocationEstimate;
  /** Estimated Lambda cost of the full run. */
  estimate: {
    currency: string;
    /** If the duration stayed what it is now at every size (an upper bound for code that speeds up with memory). */
    assumingConstantDuration: number;
    /** If the duration shrank in proportion to memory (a lower bound for CPU-bound code). */
    assumingProportionalSpeedup: number;
    /**
     * Billed INIT per cold start (ms) the estimate adds: the invocation's own
     * Init Duration when it was a cold start whose Billed Duration included
     * it (Lambda bills INIT since 2025-08-01), else 0.
     */
    initBilledMs: number;
    /** With an adaptive search: both bounds cover its first pass only, and more if it refines (up to its budget). */
    scope?: 'first-pass';
    /** Set when the invocation gave no REPORT, so the estimate has no duration to build on. */
    note?: string;
  };
}

/** The payload of the single dry-run invocation: the first of a weighted list, else the payload. */
const firstPayload = (payload: unknown): string => {
  const chosen = isWeightedPayload(payload) ? payload[0]?.payload : payload;
  return convertPayload(chosen) ?? 'null';
};

/**
 * Runs a dry run.
 *
 * @example
 * const dry = await runDryRun({ input, lambda });
 * console.log(`${dry.plan.invocations} invocations, about $${dry.estimate.assumingConstantDuration.toFixed(4)}`);
 */
const runDryRun = async ({
  input,
  lambda,
  payloadSource,
  onEvent,
  signal,
  env = process.env,
}: {
  input: TuningInput;
  lambda: LambdaPort;
  payloadSource?: PayloadSource;
  onEvent?: EventSink;
  signal?: AbortSignal;
  env?: Record<string, string | undefined>;
}): Promise<DryRunResult> => {
  const emit = safeSink(onEvent);
  const target = resolveTarget({
    lambdaARN: input.lambdaARN,
    ...(input.region !== undefined ? { region: input.region } : {}),
    env,
  });
  const config = await lambda.getConfiguration({
    functionName: target.functionName,
    ...(target.qualifier !== undefined ? { qualifier: target.qualifier } : {}),
  });
  const functionName = unqualifiedArn(config.functionArn) ?? target.functionName;
  const region = planRegion({ target, functionName });
  const raw =
    input.payloadS3 !== undefined
      ? await (payloadSource ?? createS3PayloadSource({ region })).fetch(input.payloadS3)
      : input.payload;
  const payload = firstPayload(raw);

  let event = payload;
  const processorFailure = (kind: string, arn: string, body: string): InvocationSample => {
    const message = `${kind} ${arn} failed: ${body}`;
    return {
      power: config.memoryMB,
      coldStart: false,
      error: { type: `${kind}Error`, message: input.disablePayloadLogs ? redactPayloads(message, [payload]) : message },
    };
  };
  let invocation: InvocationSample | undefined;
  if (input.preProcessorARN !== undefined) {
    const pre = await lambda.invoke({
      functionName: input.preProcessorARN,
      payload,
      ...(signal !== undefined ? { signal } : {}),
    });
    if (pre.functionError !== undefined)
      invocation = processorFailure('PreProcessor', input.preProcessorARN, pre.payload);
    else if (pre.payload.trim() !== '' && pre.payload.trim() !== 'null') event = pre.payload;
  }
  if (invocation === undefined) {
    const outcome = await lambda.invoke({
      functionName,
      ...(target.qualifier !== undefined ? { qualifier: target.qualifier } : {}),
      payload: event,
      ...(signal !== undefined ? { signal } : {}),
    });
    invocation = sampleFromOutcome({
      power: config.memoryMB,
      outcome,
      allowedExceptions: input.allowedExceptions,
      hidePayloads: input.disablePayloadLogs ? [payload, event] : [],
    });
    if (input.postProcessorARN !== undefined) {
      const post = await lambda.invoke({
        functionName: input.postProcessorARN,
        payload: outcome.payload,
        ...(signal !== undefined ? { signal } : {}),
      });
      if (post.functionError !== undefined && invocation.error === undefined) {
        invocation = {
          ...processorFailure('PostProcessor', input.postProcessorARN, post.payload),
          ...(invocation.report !== undefined ? { report: invocation.report } : {}),
        };
      }
    }
  }

  const plan = estimateRunInvocations({ input, currentMemoryMB: config.memoryMB });
  const price = getLambdaPrice({ region, architecture: config.architecture });
  const report = invocation.report;
  // A cold start's Billed Duration includes its Init Duration where Lambda bills INIT: split it off, so
  // warm invocations are priced without it and each expected cold start with it.
  const init = report?.initDurationMs;
  const initBilled = report !== undefined && init !== undefined && report.billedDurationMs >= report.durationMs + init;
  const initBilledMs = initBilled ? Math.ceil(init) : 0;
  const billed = report === undefined ? undefined : Math.max(MIN_BILLED_MS, report.billedDurationMs - initBilledMs);
  const warmPerSize = plan.invocationsPerSize - plan.coldStartsPerSize;
  const estimate = (scale: (power: number) => number): number =>
    billed === undefined
      ? 0
      : plan.powerValues.reduce((sum, power) => {
          const warmMs = Math.max(MIN_BILLED_MS, Math.ceil(billed * scale(power)));
          const cost = (billedDurationMs: number): number =>
            invocationCost({
              billedDurationMs,
              memoryMB: power,
              price,
              includeRequestCharge: input.includeRequestCharge,
            });
          return sum + warmPerSize * cost(warmMs) + plan.coldStartsPerSize * cost(warmMs + initBilledMs);
        }, 0);
  const result: DryRunResult = {
    dryRun: true,
    functionName: target.displayName,
    region,
    qualifier: target.qualifier ?? '$LATEST',
    architecture: config.architecture,
    memoryMB: config.memoryMB,
    invocation,
    plan,
    estimate: {
      currency: price.currency,
      assumingConstantDuration: estimate(() => 1),
      assumingProportionalSpeedup: estimate((power) => config.memoryMB / power),
      initBilledMs,
      ...(plan.search === undefined ? {} : { scope: 'first-pass' as const }),
      ...(billed === undefined
        ? {
            note: `no REPORT could be read from the invocation (${invocation.parseError ?? invocation.error?.type ?? 'unknown'}), so no cost could be estimated`,
          }
        : {}),
    },
  };
  emit({ type: 'run-finished', durationMs: 0, totalInvocations: 1 });
  return result;
};

export { runDryRun };
export type { DryRunResult };
