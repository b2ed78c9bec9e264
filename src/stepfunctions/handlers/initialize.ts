/**
 * Initialize handler: validate the input (the reference's input JSON), plan
 * the run, and split the measurements into executor batches. Reads the
 * function and may invoke it once at its current configuration (to size the
 * batches); changes nothing, so a failure here needs no cleanup.
 *
 * @module stepfunctions/handlers/initialize
 */
import { MS_PER_SECOND, parsePowerValues, regionOfArn, validateInput, type TuningInput } from '../../core/index.js';
import type { LambdaPort, PayloadSource } from '../../lambda/index.js';
import {
  createRunId,
  planRun,
  resolvePayloads,
  runDryRun,
  sampleFromOutcome,
  type RunPlan,
} from '../../tuner/index.js';
import { assertDriverSupports } from '../check-driver-support.js';
import { checkMaxConcurrency } from '../check-max-concurrency.js';
import { DRIVER_DEFAULTS, ENV_VARS, MAX_CONCURRENCY_KEY } from '../constants.js';
import { RunTooLargeError } from '../errors.js';
import { planBatches } from '../plan-batches.js';
import type { InitializeEvent, InitializeOutput, PrepareState, SfnRun } from '../types.js';
import { defaultHandlerDeps, type HandlerContext, type HandlerDeps } from './handler-deps.js';
import { withHandlerErrors } from './to-handler-error.js';

/** Lambda's default function timeout (s), when the configuration does not say. */
const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 3;

const readMaxConcurrency = (raw: Record<string, unknown>, env: HandlerDeps['env']): number => {
  const value = raw[MAX_CONCURRENCY_KEY] ?? env[ENV_VARS.maxConcurrency];
  if (value === undefined || value === '') return DRIVER_DEFAULTS.maxConcurrency;
  // The deployment default comes from an environment variable, so text is read as a number here.
  return checkMaxConcurrency(typeof value === 'string' ? Number(value) : value, value);
};

/**
 * Duration (ms) of one invocation at the original configuration, or undefined
 * when it cannot be measured safely (a pre-processor shapes the payload) or
 * the invocation failed.
 */
const probeDurationMs = async ({
  input,
  plan,
  lambda,
  payloadSource,
}: {
  input: TuningInput;
  plan: RunPlan;
  lambda: LambdaPort;
  payloadSource: PayloadSource;
}): Promise<number | undefined> => {
  if (input.preProcessorARN !== undefined) return undefined;
  try {
    const [payload] = await resolvePayloads({ input, payloadSource, region: plan.region });
    const outcome = await lambda.invoke({
      functionName: plan.functionName,
      ...(plan.qualifier !== undefined ? { qualifier: plan.qualifier } : {}),
      ...(payload !== undefined ? { payload } : {}),
    });
    const sample = sampleFromOutcome({
      power: plan.originalMemoryMB,
      outcome,
      allowedExceptions: input.allowedExceptions,
      hidePayloads: [],
    });
    if ((sample.error !== undefined && sample.allowedError !== true) || sample.report === undefined) return undefined;
    const { durationMs, initDurationMs = 0, restoreDurationMs = 0 } = sample.report;
    return durationMs + initDurationMs + restoreDurationMs;
  } catch {
    return undefined;
  }
};

const emptyPrepareState = (): PrepareState => ({
  next: 0,
  done: false,
  loops: 0,
  ledger: { aliases: [], versions: [], setByRun: [] },
});

const withoutPayload = (input: TuningInput): SfnRun['options'] => {
  const options: Partial<TuningInput> = { ...input };
  delete options.payload;
  return options as SfnRun['options'];
};

/**
 * The Initialize step.
 *
 * @example
 * const { run, items, prepare } = await initialize({ input: { lambdaARN: 'my-fn', num: 20 } }, context);
 */
const initialize = async (
  event: InitializeEvent,
  context: HandlerContext,
  deps: HandlerDeps = defaultHandlerDeps(),
): Promise<InitializeOutput> => {
  const raw = event.input;
  const defaults = deps.env[ENV_VARS.defaultPowerValues];
  const input = validateInput(raw, {
    ...(defaults !== undefined && defaults !== '' ? { defaultPowerValues: parsePowerValues(defaults) } : {}),
    ignoreKeys: [MAX_CONCURRENCY_KEY],
  });
  assertDriverSupports(input);
  const maxConcurrency = readMaxConcurrency(raw as Record<string, unknown>, deps.env);
  const region = input.region ?? deps.env[ENV_VARS.region];
  const lambda = deps.lambdaFor(regionOfArn(input.lambdaARN) ?? region);
  const startedAt = event.startTime ?? deps.now().toISOString();
  const plan = await planRun({ input, lambda, runId: createRunId({ now: deps.now() }), env: deps.env });
  const run: SfnRun = { plan, options: withoutPayload(input), maxConcurrency, startedAt };
  const runBytes = Buffer.byteLength(JSON.stringify(run));
  if (runBytes > DRIVER_DEFAULTS.maxRunStateBytes) {
    throw new RunTooLargeError({
      what: `a ${runBytes}-byte run plan (${plan.sizes.reduce((n, s) => n + s.aliases.length, 0)} aliases)`,
      limit: `${DRIVER_DEFAULTS.maxRunStateBytes} bytes`,
      advice: 'with onlyColdStarts every invocation needs its own version: lower num or tune fewer power values',
    });
  }
  const payloadSource = deps.payloadSourceFor(plan.region);

  if (input.dryRun) {
    const dryRun = await runDryRun({ input, lambda, payloadSource, env: deps.env });
    return { run, items: [], prepare: { ...emptyPrepareState(), done: true, dryRun } };
  }

  const configuration = await lambda.getConfiguration({ functionName: plan.functionName });
  const timeoutMs = (configuration.timeoutSeconds ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS) * MS_PER_SECOND;
  const probeMs = await probeDurationMs({ input, plan, lambda, payloadSource });
  const handlerTimeout = Number(deps.env[ENV_VARS.handlerTimeoutSeconds]);
  const handlerMs =
    Number.isFinite(handlerTimeout) && handlerTimeout > 0
      ? handlerTimeout * MS_PER_SECOND
      : context.getRemainingTimeInMillis();
  const items = planBatches({
    powerValues: input.powerValues,
    num: plan.num,
    parallel: plan.parallel,
    concurrency: plan.concurrency,
    warmup: plan.warmup,
    invocationMs: (power) => {
      // Smaller sizes can be slower in proportion to memory (CPU share); bigger ones are no slower.
      const estimate =
        probeMs === undefined
          ? timeoutMs
          : Math.min(
              timeoutMs,
              probeMs * Math.max(1, plan.originalMemoryMB / power) * DRIVER_DEFAULTS.estimateSafetyFactor,
            );
      return estimate + input.sleepBetweenRunsMs;
    },
    budgetMs: Math.max(1, handlerMs - DRIVER_DEFAULTS.safetyMarginMs),
    maxItems: DRIVER_DEFAULTS.maxMapItems,
  });
  return { run, items, prepare: emptyPrepareState() };
};

/** The Lambda entry point. */
const handler = withHandlerErrors('initialize', (event: InitializeEvent, context: HandlerContext) =>
  initialize(event, context),
);

export { handler, initialize };
