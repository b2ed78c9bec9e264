/**
 * The adaptive search in a real run (`--power auto`, `--num auto`): the search planner says
 * which sizes to measure and how often; this step prepares each requested
 * size once (publish + alias, reused in later rounds), runs the requested
 * warm-ups and counted invocations, and feeds what it saw back, until the
 * planner is done.
 *
 * @module tuner/run-adaptive-search
 */
import {
  aliasNameOf,
  createSearchPlanner,
  describeStopReason,
  getLambdaPrice,
  INDIFFERENCE_BAND,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
  PERCENT,
} from '../core/index.js';
import type {
  AdaptiveSearchInput,
  InvocationSample,
  MeasureRequest,
  SearchFacts,
  SearchObservation,
  SearchPlannerOptions,
  TuningInput,
} from '../core/index.js';
import { LambdaApiError } from '../lambda/index.js';
import type { ChangeRecorder, LambdaPort, LatestSettings, Sleep } from '../lambda/index.js';
import { EXHAUSTIVE_DEFAULT_NUM, SIZE_REFUSED_CODES } from './constants.js';
import { createLimiter } from './create-limiter.js';
import type { EventSink } from './events.js';
import { measureSize } from './measure-size.js';
import { prepareSize } from './prepare-size.js';
import { searchInvocationBudget } from './search-budget.js';
import type { PreparedSize, RunPlan, SizeMeasurement } from './types.js';

/** What a search run measured, merged per size across rounds, and how it went. */
interface AdaptiveSearchOutcome {
  /** One per measured size, ascending; counted samples of every round. */
  measurements: SizeMeasurement[];
  facts: SearchFacts;
}

interface RunAdaptiveSearchOptions {
  /** The run's plan; left unchanged (the sizes the search adds live in a copy; the run's ledger records what it creates). */
  plan: RunPlan;
  /** Validated input with `search` set. */
  input: TuningInput;
  lambda: LambdaPort;
  /** Encoded payloads, used round-robin per size across rounds. */
  payloads: readonly string[];
  recorder?: ChangeRecorder;
  emit: EventSink;
  signal: AbortSignal;
  sleep: Sleep;
}

const throwIfAborted = (signal: AbortSignal): void => {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('The run was aborted');
};

/** `payloads` rotated so that a size's next invocation continues where its last round stopped. */
const rotate = (payloads: readonly string[], offset: number): string[] => {
  if (payloads.length === 0) return [];
  const start = offset % payloads.length;
  return [...payloads.slice(start), ...payloads.slice(0, start)];
};

/** The error that makes a sample fatal for the search (allowed exceptions are successes). */
const fatalErrorOf = (sample: InvocationSample): string | undefined => {
  if (sample.error !== undefined && sample.allowedError !== true)
    return `${sample.error.type}: ${sample.error.message}`;
  const status = sample.report?.status;
  if (status === 'timeout' || status === 'error') return `the REPORT record has status "${status}"`;
  return undefined;
};

/**
 * One sample as the planner sees it; undefined for a sample without a
 * REPORT and without a fatal error (a cut log tail: nothing to learn).
 *
 * @example
 * toObservation({ sample, warmup: true }); // { power: 512, durationMs: 80.2, billedDurationMs: 81, coldStart: true }
 */
const toObservation = ({
  sample,
  warmup,
}: {
  sample: InvocationSample;
  warmup: boolean;
}): SearchObservation | undefined => {
  const error = fatalErrorOf(sample);
  if (sample.report === undefined && error === undefined) return undefined;
  const observation: SearchObservation = {
    power: sample.power,
    durationMs: sample.report?.durationMs ?? 0,
    billedDurationMs: (sample.report?.billedDurationMs ?? 0) + (sample.report?.billedRestoreDurationMs ?? 0),
  };
  if (error !== undefined) observation.error = error;
  if (warmup || sample.coldStart) observation.coldStart = true;
  return observation;
};

const observationsOf = (measurement: SizeMeasurement): SearchObservation[] =>
  [
    ...(measurement.warmupSamples ?? []).map((sample) => toObservation({ sample, warmup: true })),
    ...measurement.samples.map((sample) => toObservation({ sample, warmup: false })),
  ].filter((observation) => observation !== undefined);

/** Adds a round's measurement of a size to what earlier rounds measured there. */
const mergeInto = (merged: Map<number, SizeMeasurement>, round: SizeMeasurement): void => {
  const before = merged.get(round.power);
  if (before === undefined) {
    const copy: SizeMeasurement = { ...round, samples: [...round.samples] };
    delete copy.warmupSamples;
    merged.set(round.power, copy);
    return;
  }
  before.samples.push(...round.samples);
  before.invocations += round.invocations;
  before.warmupInvocations += round.warmupInvocations;
  before.processorInvocations += round.processorInvocations;
  if (before.failure === undefined && round.failure !== undefined) before.failure = round.failure;
};

/** Sizes a sweep at `granularityMB` covers: 128, 128 + g, … up to 10,240 MB (always included). */
const sweepSizes = (granularityMB: number): number => {
  const steps = Math.floor((LAMBDA_MAX_MEMORY_MB - LAMBDA_MIN_MEMORY_MB) / granularityMB) + 1;
  const endsOnGrid = (LAMBDA_MAX_MEMORY_MB - LAMBDA_MIN_MEMORY_MB) % granularityMB === 0;
  return endsOnGrid ? steps : steps + 1;
};

const requireSearch = (input: TuningInput): AdaptiveSearchInput => {
  if (input.search === undefined)
    throw new RangeError('runAdaptiveSearch: input.search is not set (powerValues "AUTO" or num "auto")');
  return input.search;
};

const bandPercentOf = (input: TuningInput): number => input.indifferenceBand ?? INDIFFERENCE_BAND.defaultPercent;

/** Planner options from the input and the plan. */
const plannerOptions = ({ plan, input }: { plan: RunPlan; input: TuningInput }): SearchPlannerOptions => {
  const search = requireSearch(input);
  const price = getLambdaPrice({ region: plan.region, architecture: plan.architecture });
  // With AUTO the current size joins the first pass, so the result can say what the change saves.
  const current = plan.originalMemoryMB;
  const withCurrent = current >= LAMBDA_MIN_MEMORY_MB && current <= LAMBDA_MAX_MEMORY_MB ? [current] : [];
  const coarseSizes =
    search.powerValues === 'auto' ? [...new Set([...input.powerValues, ...withCurrent])] : input.powerValues;
  const invocationBudget = searchInvocationBudget({ search, warmup: plan.warmup });
  const budget = {
    ...(invocationBudget === undefined ? {} : { maxInvocations: invocationBudget.maxInvocations }),
    ...(search.maxTuningCost === undefined ? {} : { maxCostUsd: search.maxTuningCost }),
  };
  return {
    strategy: input.strategy,
    balancedWeight: input.balancedWeight,
    ...(input.constraints === undefined ? {} : { constraints: input.constraints }),
    granularityMB: search.granularityMB,
    budget,
    num: search.num,
    warmupInvocations: plan.warmup,
    price,
    includeRequestCharge: input.includeRequestCharge,
    discardTopBottom: input.discardTopBottom,
    coarseSizes,
    refine: search.powerValues === 'auto',
    // The same indifference band as the final recommendation (`analyze`): one tie rule.
    tolerance: bandPercentOf(input) / PERCENT,
  };
};

/**
 * Runs the adaptive search of `input.search` on a planned run. Each
 * planner step is one round: the requested sizes are prepared one after
 * another (Lambda allows one configuration update at a time), each measured
 * as soon as its alias is ready, all rounds sharing one alias per size. A
 * size Lambda refuses to configure, or whose invocations fail, is fed back
 * as failed: the planner never recommends it and refines away from it.
 * Throws on Lambda API errors and on abort, after stopping every running
 * measurement; the caller cleans up with the run's ledger, which holds every
 * alias and version of every round.
 *
 * @example
 * const { measurements, facts } = await runAdaptiveSearch({ plan, input, lambda, payloads, emit, signal, sleep });
 */
const runAdaptiveSearch = async ({
  plan: runPlan,
  input,
  lambda,
  payloads,
  recorder,
  emit,
  signal,
  sleep,
}: RunAdaptiveSearchOptions): Promise<AdaptiveSearchOutcome> => {
  const search = requireSearch(input);
  // The sizes the search adds are planned in a copy: the caller's plan is not changed.
  const plan: RunPlan = { ...runPlan, sizes: [...runPlan.sizes] };
  const planner = createSearchPlanner(plannerOptions({ plan, input }));
  const prepared = new Map<number, PreparedSize>();
  const refused = new Set<number>();
  const merged = new Map<number, SizeMeasurement>();
  const phases: SearchFacts['phases'] = [];
  let latest: LatestSettings & { revisionId?: string } = plan.original;

  const ensurePlanned = (power: number): void => {
    if (!plan.sizes.some((size) => size.power === power))
      plan.sizes.push({ power, aliases: [{ name: aliasNameOf({ aliasPrefix: plan.aliasPrefix, power }) }] });
  };

  /** Prepares (once) and measures one request; resolves to the round's measurement of the size. */
  const measureRequest = async (
    request: MeasureRequest,
    stop: AbortSignal,
    limiter: ReturnType<typeof createLimiter>,
  ): Promise<SizeMeasurement> => {
    const { power } = request;
    const offset = merged.get(power)?.samples.length ?? 0;
    const ready = prepared.get(power);
    if (ready === undefined) throw new RangeError(`runAdaptiveSearch: ${power} MB was not prepared`);
    return measureSize({
      plan: { ...plan, num: request.invocations, warmup: request.warmup },
      input,
      prepared: ready,
      lambda,
      payloads: rotate(payloads, offset),
      limiter,
      onEvent: emit,
      signal: stop,
      sleep,
      keepWarmupSamples: true,
    });
  };

  const runRound = async (requests: readonly MeasureRequest[]): Promise<SizeMeasurement[]> => {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    const widest = Math.max(...requests.map((request) => request.invocations));
    const limiter = createLimiter(input.concurrency ?? (plan.parallel ? widest : requests.length));
    const running: Array<Promise<SizeMeasurement>> = [];
    const done: SizeMeasurement[] = [];
    try {
      for (const request of requests) {
        throwIfAborted(stop.signal);
        const { power } = request;
        if (refused.has(power)) continue;
        if (!prepared.has(power)) {
          ensurePlanned(power);
          emit({ type: 'size-preparing', power });
          try {
            const ready = await prepareSize({
              plan,
              power,
              lambda,
              ...(recorder === undefined ? {} : { recorder }),
              latest,
              signal: stop.signal,
            });
            prepared.set(power, ready);
            latest = ready.latest;
            emit({
              type: 'size-ready',
              power,
              aliases: ready.aliases.map((a) => a.aliasName),
              versions: ready.aliases.map((a) => a.version),
            });
          } catch (error) {
            if (
              !(error instanceof LambdaApiError) ||
              !SIZE_REFUSED_CODES.includes(error.code) ||
              error.operation !== 'UpdateFunctionConfiguration'
            )
              throw error;
            const failure = { type: error.code, message: error.message };
            refused.add(power);
            done.push({
              power,
              samples: [{ power, coldStart: false, error: failure }],
              failure,
              invocations: 0,
              warmupInvocations: 0,
              processorInvocations: 0,
            });
            emit({ type: 'size-failed', power, reason: `${failure.type}: ${failure.message}` });
            continue;
          }
        }
        const measuring = measureRequest(request, stop.signal, limiter).catch((error: unknown) => {
          // One failing measurement stops preparation and the other measurements of the round.
          stop.abort(error);
          throw error;
        });
        measuring.catch(() => undefined);
        running.push(measuring);
      }
      done.push(...(await Promise.all(running)));
      return done;
    } catch (error) {
      stop.abort(error);
      await Promise.allSettled(running);
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };

  let step = planner.next([]);
  while (step.kind === 'measure') {
    throwIfAborted(signal);
    const sizes = step.requests.map((request) => request.power);
    const asked = step.requests.reduce((sum, request) => sum + request.invocations + request.warmup, 0);
    emit({ type: 'search-step', phase: step.phase, sizes, invocations: asked });
    const round = await runRound(step.requests);
    const observations = round.flatMap(observationsOf);
    for (const measurement of round) mergeInto(merged, measurement);
    phases.push({ phase: step.phase, sizes, invocations: round.reduce((sum, m) => sum + m.invocations, 0) });
    step = planner.next(observations);
  }

  const measurements = [...merged.values()].sort((a, b) => a.power - b.power);
  const invocations = measurements.reduce((sum, m) => sum + m.invocations, 0);
  emit({ type: 'search-done', reason: step.reason, sizesMeasured: measurements.length, invocations });
  const budget = searchInvocationBudget({ search, warmup: plan.warmup });
  const facts: SearchFacts = {
    mode: 'adaptive',
    stopReason: step.reason,
    stopExplanation: describeStopReason({
      reason: step.reason,
      bandPercent: bandPercentOf(input),
      ...(budget?.isDefault === true ? { defaultBudget: budget.maxInvocations } : {}),
    }),
    phases,
    invocations,
    granularityMB: search.granularityMB,
    num: search.num,
    ...(budget === undefined ? {} : { maxInvocations: budget.maxInvocations, defaultBudget: budget.isDefault }),
  };
  if (search.powerValues === 'auto') {
    const perSize = (search.num === 'auto' ? EXHAUSTIVE_DEFAULT_NUM : search.num) + plan.warmup;
    facts.exhaustiveEquivalent = sweepSizes(search.granularityMB) * perSize;
  }
  return { measurements, facts };
};

export { runAdaptiveSearch, toObservation };
export type { AdaptiveSearchOutcome, RunAdaptiveSearchOptions };
