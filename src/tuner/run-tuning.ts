/**
 * One tuning run: plan → prepare → measure → analyze → clean up →
 * (optionally) apply. Sizes are prepared one at a time; each size is warmed
 * up as soon as its alias is ready, while the next one is prepared. The
 * counted invocations then run round-robin over the warm sizes
 * (`invocationOrder: 'interleaved'`, the default), or each size's back to
 * back as soon as it is warm (`'sequential'`, the reference's order).
 *
 * @module tuner/run-tuning
 */
import { runLabelOf, SEARCH_DEFAULTS } from '../core/index.js';
import type { RunFacts, SearchFacts, TuningInput, TuningResult } from '../core/index.js';
import { defaultSleep, LambdaApiError } from '../lambda/index.js';
import type { LambdaPort, PayloadSource, RandomSource, Sleep } from '../lambda/index.js';
import { analyzeRun } from './analyze-run.js';
import { applyOptimal } from './apply-optimal.js';
import { cleanupRun } from './cleanup-run.js';
import { createLimiter } from './create-limiter.js';
import { SIZE_REFUSED_CODES } from './constants.js';
import { createRunId } from './create-run-id.js';
import { RunInterruptedError } from './errors.js';
import { safeSink } from './events.js';
import type { EventSink } from './events.js';
import { createMemoryJournal } from './journal.js';
import { createSizeMeasurer } from './create-size-measurer.js';
import type { SizeMeasurer, SizeMeasurerOptions } from './create-size-measurer.js';
import { measureInterleaved } from './measure-interleaved.js';
import { measureSize } from './measure-size.js';
import { searchInvocationBudget } from './search-budget.js';
import { describeBackend, observeBackend } from './observe-backend.js';
import { planRun } from './plan-run.js';
import { prepareSize } from './prepare-size.js';
import { resolvePayloads } from './resolve-payloads.js';
import { runAdaptiveSearch } from './run-adaptive-search.js';
import { createRunLedger } from './run-ledger.js';
import type { CleanupReport, Clock, Journal, PreparedSize, RunPlan, SizeMeasurement } from './types.js';

interface RunTuningOptions {
  /** Validated input (`validateInput`). */
  input: TuningInput;
  lambda: LambdaPort;
  /** Reads `payloadS3`; defaults to S3 in the function's region. */
  payloadSource?: PayloadSource;
  /** Where changes are recorded before they are made; in memory by default. */
  journal?: Journal;
  onEvent?: EventSink;
  /** Abort (SIGINT/SIGTERM): stop invoking, clean up, throw `RunInterruptedError`. */
  signal?: AbortSignal;
  clock?: Clock;
  sleep?: Sleep;
  random?: RandomSource;
  runId?: string;
  /**
   * `run.backend` when the local Lambda service does not say otherwise
   * (default `aws`): a run that gets its `x-powertune-emulator` header
   * records `emulator (<its description>)`.
   */
  backend?: string;
  /** The embedded service's CPU model and why (`run.cpuModel`); else read from its header. */
  cpuModel?: RunFacts['cpuModel'];
  visualizationBaseUrl?: string;
  env?: Record<string, string | undefined>;
}

const throwIfAborted = (signal: AbortSignal): void => {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('The run was aborted');
};

/** What preparing and measuring the sizes of a planned run needs. */
interface MeasureRunOptions {
  plan: RunPlan;
  input: TuningInput;
  lambda: LambdaPort;
  payloads: string[];
  recorder: Parameters<typeof prepareSize>[0]['recorder'];
  emit: EventSink;
  signal: AbortSignal;
  sleep: Sleep;
}

/**
 * Prepares sizes in order and hands each one, once ready, to `ready`. A
 * Lambda API error anywhere stops everything (the caller cleans up); a size
 * that Lambda refuses to configure is reported as failed. `ready` returns
 * the work started for that size; `afterPrepared` runs once every size is
 * prepared and that work has ended. Everything started has ended before
 * this returns or throws.
 */
const prepareSizes = async ({
  plan,
  lambda,
  recorder,
  emit,
  signal,
  ready,
  afterPrepared,
}: Pick<MeasureRunOptions, 'plan' | 'lambda' | 'recorder' | 'emit' | 'signal'> & {
  ready: (prepared: PreparedSize, stop: AbortController) => Promise<unknown>;
  afterPrepared: (stop: AbortController) => Promise<void>;
}): Promise<SizeMeasurement[]> => {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  const running: Array<Promise<unknown>> = [];
  const refused: SizeMeasurement[] = [];
  try {
    let latest = plan.original;
    for (const size of plan.sizes) {
      throwIfAborted(stop.signal);
      emit({ type: 'size-preparing', power: size.power });
      let prepared;
      try {
        prepared = await prepareSize({
          plan,
          power: size.power,
          lambda,
          ...(recorder !== undefined ? { recorder } : {}),
          latest,
          signal: stop.signal,
        });
      } catch (error) {
        if (
          !(error instanceof LambdaApiError) ||
          !SIZE_REFUSED_CODES.includes(error.code) ||
          error.operation !== 'UpdateFunctionConfiguration'
        )
          throw error;
        const failure = { type: error.code, message: error.message };
        refused.push({
          power: size.power,
          samples: [{ power: size.power, coldStart: false, error: failure }],
          failure,
          invocations: 0,
          warmupInvocations: 0,
          processorInvocations: 0,
        });
        emit({ type: 'size-failed', power: size.power, reason: `${failure.type}: ${failure.message}` });
        continue;
      }
      latest = prepared.latest;
      emit({
        type: 'size-ready',
        power: size.power,
        aliases: prepared.aliases.map((a) => a.aliasName),
        versions: prepared.aliases.map((a) => a.version),
      });
      const work = ready(prepared, stop).catch((error: unknown) => {
        // One failing measurement stops preparation and the other measurements.
        stop.abort(error);
        throw error;
      });
      work.catch(() => undefined);
      running.push(work);
    }
    await Promise.all(running);
    await afterPrepared(stop);
    return refused;
  } catch (error) {
    // Stop everything still running, and wait for it, before the caller cleans up.
    stop.abort(error);
    await Promise.allSettled(running);
    // The first cause wins: a measurement's Lambda error aborts preparation,
    // whose own AbortError must not hide it.
    throw stop.signal.reason ?? error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
};

/**
 * Binds the run-wide part of measuring a size (plan, input, Lambda port,
 * payloads, event sink) and returns a function that completes it for one
 * prepared size and the signal that stops it. Both invocation orders take
 * their per-size options from here, so they invoke every size alike and
 * differ only in when its counted invocations run. It also creates the one
 * limiter all sizes share, which caps concurrent invocations at
 * `plan.concurrency` across the whole run, not per size.
 */
const bindSizeOptions = ({
  plan,
  input,
  lambda,
  payloads,
  emit,
}: MeasureRunOptions): ((prepared: PreparedSize, signal: AbortSignal) => SizeMeasurerOptions) => {
  const limiter = createLimiter(plan.concurrency);
  return (prepared, signal) => ({ plan, input, prepared, lambda, payloads, limiter, onEvent: emit, signal });
};

/**
 * The reference's order: each size is measured as soon as it is ready, its
 * invocations back to back, while the next one is prepared.
 */
const measureSequential = async (options: MeasureRunOptions): Promise<SizeMeasurement[]> => {
  const sizeOptions = bindSizeOptions(options);
  const measured: Array<Promise<SizeMeasurement>> = [];
  const refused = await prepareSizes({
    ...options,
    ready: (prepared, stop) => {
      const measuring = measureSize({ ...sizeOptions(prepared, stop.signal), sleep: options.sleep });
      measuring.catch(() => undefined);
      measured.push(measuring);
      return measuring;
    },
    afterPrepared: async () => undefined,
  });
  return [...(await Promise.all(measured)), ...refused].sort((a, b) => a.power - b.power);
};

/**
 * Interleaved: each size is warmed up as soon as it is ready, while the next
 * one is prepared; once every size is warm, the counted invocations run
 * round-robin over the sizes (`measureInterleaved`), so drift during the run
 * hits every size alike.
 */
const measureAllInterleaved = async (options: MeasureRunOptions): Promise<SizeMeasurement[]> => {
  const { plan, input, sleep } = options;
  const sizeOptions = bindSizeOptions(options);
  const measurers: SizeMeasurer[] = [];
  const refused = await prepareSizes({
    ...options,
    ready: (prepared, stop) => {
      const measurer = createSizeMeasurer(sizeOptions(prepared, stop.signal));
      measurers.push(measurer);
      return measurer.warmUp();
    },
    afterPrepared: (stop) =>
      measureInterleaved({
        plan,
        measurers,
        sleepBetweenRunsMs: input.sleepBetweenRunsMs,
        signal: stop.signal,
        sleep,
        onError: (error) => stop.abort(error),
      }),
  });
  return [...measurers.map((m) => m.finish()), ...refused].sort((a, b) => a.power - b.power);
};

/**
 * Runs one tuning end to end against the function named in `input`.
 * Cleanup (delete the run's aliases and versions, restore `$LATEST`)
 * always runs — after success, after any error, and on abort.
 *
 * @throws {AllSizesFailedError} when every size failed (after cleanup)
 * @throws {RunInterruptedError} when `signal` aborted the run (after cleanup)
 * @throws {LambdaApiError} when a Lambda call failed for good (after cleanup)
 * @example
 * const input = validateInput(JSON.parse(text));
 * const result = await runTuning({ input, lambda: createSdkLambdaPort({ region: 'eu-west-1' }), onEvent: console.error });
 */
const runTuning = async ({
  input,
  lambda: port,
  payloadSource,
  journal = createMemoryJournal(),
  onEvent,
  signal = new AbortController().signal,
  clock = { now: () => new Date() },
  sleep = defaultSleep,
  random = Math.random,
  runId,
  backend = 'aws',
  cpuModel,
  visualizationBaseUrl,
  env = process.env,
}: RunTuningOptions): Promise<TuningResult> => {
  const observed = observeBackend(port);
  const lambda = observed.lambda;
  const emit = safeSink(onEvent);
  const started = clock.now();
  const id = runId ?? createRunId({ now: started, random });
  throwIfAborted(signal);
  const plan = await planRun({ input, lambda, runId: id, env });
  const other = plan.recordedByOtherRun;
  if (other !== undefined) {
    const run = runLabelOf(other.aliasPrefix);
    emit({
      type: 'warning',
      code: other.kind === 'inherited' ? 'inherited-original' : 'other-run-original',
      message:
        other.kind === 'inherited'
          ? `$LATEST of ${plan.displayName} has ${other.foundMemoryMB} MB, a size of ${run} (still running, or stopped before its cleanup); this run restores the original that run recorded, ${other.originalMemoryMB} MB.`
          : `${run} (still running, or stopped before its cleanup) recorded ${other.originalMemoryMB} MB as the original memory of ${plan.displayName}; $LATEST has ${other.foundMemoryMB} MB now, which this run restores. If ${other.foundMemoryMB} MB is that run's size, set the original back with: ` +
            `aws lambda update-function-configuration --function-name ${plan.displayName} --memory-size ${other.originalMemoryMB}`,
    });
  }
  // An adaptive search with num "auto" may give a size up to maxSamplesPerSize invocations: enough payloads for a weighted mix.
  const payloadCount = input.search?.num === 'auto' ? SEARCH_DEFAULTS.maxSamplesPerSize : input.num;
  const payloads = await resolvePayloads({
    input,
    num: payloadCount,
    region: plan.region,
    ...(payloadSource !== undefined ? { payloadSource } : {}),
  });
  const perSize = plan.onlyColdStarts ? plan.num : plan.num + plan.warmup;
  emit({
    type: 'run-started',
    runId: id,
    functionName: plan.displayName,
    region: plan.region,
    powerValues: plan.sizes.map((s) => s.power),
    plannedInvocations:
      (input.search === undefined ? undefined : searchInvocationBudget({ search: input.search, warmup: plan.warmup }))
        ?.maxInvocations ?? perSize * plan.sizes.length,
  });

  const tracker = createRunLedger({ journal });
  let measurements: SizeMeasurement[] = [];
  let search: SearchFacts | undefined;
  let runError: unknown;
  try {
    if (input.search === undefined) {
      const measureRun = input.invocationOrder === 'sequential' ? measureSequential : measureAllInterleaved;
      measurements = await measureRun({
        plan,
        input,
        lambda,
        payloads,
        recorder: tracker.recorder,
        emit,
        signal,
        sleep,
      });
    } else {
      const outcome = await runAdaptiveSearch({
        plan,
        input,
        lambda,
        payloads,
        recorder: tracker.recorder,
        emit,
        signal,
        sleep,
      });
      measurements = outcome.measurements;
      search = outcome.facts;
    }
  } catch (error) {
    runError = error;
  }

  emit({ type: 'cleanup-started' });
  let cleanup: CleanupReport;
  try {
    cleanup = await cleanupRun({ plan, lambda, ledger: tracker.ledger(), journal, clock });
  } catch (error) {
    cleanup = {
      deletedAliases: [],
      deletedVersions: [],
      restored: false,
      skipped: [],
      complete: false,
      warnings: [`Cleanup failed: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  for (const message of cleanup.warnings) emit({ type: 'warning', code: 'cleanup', message });
  for (const kept of cleanup.skipped) {
    emit({
      type: 'warning',
      code: 'kept',
      message: `Left ${kept.kind} ${kept.name} of ${plan.displayName} in place: ${kept.reason}.`,
    });
  }
  if (!cleanup.complete) {
    emit({
      type: 'warning',
      code: 'cleanup-incomplete',
      message: `Some resources of run ${id} remain; run \`powertune cleanup\` to remove them.`,
    });
  }
  emit({
    type: 'cleanup-done',
    deletedAliases: cleanup.deletedAliases.length,
    deletedVersions: cleanup.deletedVersions.length,
    restored: cleanup.restored,
  });

  const finishJournal = async (): Promise<void> => {
    if (!cleanup.complete) return;
    try {
      await journal.finish();
    } catch (error) {
      emit({
        type: 'warning',
        code: 'journal',
        message: `Could not mark run ${id} as finished in its journal: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
  if (signal.aborted) {
    await finishJournal();
    throw new RunInterruptedError({ runId: id, cleanup, cause: runError ?? signal.reason });
  }
  if (runError !== undefined) {
    await finishJournal();
    throw runError;
  }

  const totalInvocations = measurements.reduce((sum, m) => sum + m.invocations, 0);
  let result: TuningResult;
  try {
    result = analyzeRun({
      plan,
      // An adaptive search decides the sizes: the result lists those it measured.
      input: search === undefined ? input : { ...input, powerValues: measurements.map((m) => m.power) },
      measurements,
      ...(search !== undefined ? { search } : {}),
      startedAt: started.toISOString(),
      finishedAt: clock.now().toISOString(),
      ...describeBackend({ localService: observed.localService(), fallback: backend, cpuModel }),
      ...(visualizationBaseUrl !== undefined ? { visualizationBaseUrl } : {}),
    });
  } catch (error) {
    await finishJournal();
    throw error;
  }
  try {
    // No size met the constraints: `power` is not a recommendation, so nothing is applied.
    const unmet = result.recommendation.constraints?.satisfied === false;
    if (unmet && input.autoOptimize) {
      emit({
        type: 'warning',
        code: 'auto-optimize-skipped',
        message: `${plan.displayName} was left unchanged: no memory size meets the constraints.`,
      });
    }
    const applied = unmet
      ? undefined
      : await applyOptimal({ plan, input, lambda, power: result.power, recorder: tracker.recorder, signal });
    if (applied !== undefined) {
      emit({
        type: 'warning',
        code: 'auto-optimized',
        message: `${plan.displayName} now runs with ${applied.memoryMB} MB${applied.alias !== undefined ? ` (alias ${applied.alias} → version ${applied.version})` : ' ($LATEST)'}.`,
      });
    }
  } finally {
    await finishJournal();
  }
  emit({
    type: 'run-finished',
    power: result.power,
    durationMs: clock.now().getTime() - started.getTime(),
    totalInvocations,
  });
  return result;
};

export { runTuning };
export type { RunTuningOptions };
