/**
 * Analyze handler: the batch summaries → the same `TuningResult` a local
 * run produces (`analyzeRun`), with `stateMachine.executionCost` priced from
 * this execution's state transitions. Drops the measurements from the state.
 *
 * @module stepfunctions/handlers/analyze
 */
import type { TuningInput } from '../../core/index.js';
import { analyzeRun, type SizeMeasurement } from '../../tuner/index.js';
import { expandBatchSummaries } from '../batch-summary.js';
import { ENV_VARS } from '../constants.js';
import { countStateTransitions } from '../count-state-transitions.js';
import type { AnalyzeEvent, AnalyzeOutput, BatchSummary } from '../types.js';
import { defaultHandlerDeps, type HandlerDeps } from './handler-deps.js';
import { withHandlerErrors } from './to-handler-error.js';

/** What `run.backend` says for Step Functions runs. */
const BACKEND = 'aws-step-functions';

const measurementsOf = (summaries: readonly BatchSummary[], powers: readonly number[]): SizeMeasurement[] =>
  powers.map((power) => {
    const mine = summaries.filter((summary) => summary.power === power);
    const uncounted = mine.reduce((sum, s) => sum + s.uncounted, 0);
    const warmupInitDurationsMs = mine.flatMap((s) => s.warmupInitDurationsMs ?? []);
    return {
      power,
      samples: expandBatchSummaries(mine),
      invocations: mine.reduce((sum, s) => sum + s.invocations, 0) + uncounted,
      warmupInvocations: uncounted,
      processorInvocations: 0,
      ...(warmupInitDurationsMs.length > 0 ? { warmupInitDurationsMs } : {}),
    };
  });

/**
 * The Analyze step.
 *
 * @example
 * const { result } = analyzeStep({ run, prepare, measurements, cleanup });
 */
const analyzeStep = (
  { run, prepare, measurements, cleanup }: AnalyzeEvent,
  deps: HandlerDeps = defaultHandlerDeps(),
): AnalyzeOutput => {
  const { plan } = run;
  const visualizationBaseUrl = deps.env[ENV_VARS.visualizationUrl];
  const result = analyzeRun({
    plan,
    input: run.options as TuningInput,
    measurements: measurementsOf(
      measurements,
      plan.sizes.map((size) => size.power),
    ),
    startedAt: run.startedAt,
    finishedAt: deps.now().toISOString(),
    backend: BACKEND,
    ...(visualizationBaseUrl !== undefined && visualizationBaseUrl !== '' ? { visualizationBaseUrl } : {}),
    stepFunctionsTransitions: countStateTransitions({
      powerValues: plan.sizes.length,
      prepareLoops: prepare.loops,
      mapItems: measurements.length,
    }),
    includeSamples: false,
  });
  for (const size of result.sizes) {
    const shortfall = measurements
      .filter((m) => m.power === size.value)
      .reduce((sum, m) => sum + (m.shortfall ?? 0), 0);
    if (shortfall > 0) {
      const note = `${shortfall} planned invocations did not fit in the executor's time budget (raise totalExecutionTimeout)`;
      size.note = size.note === undefined ? note : `${size.note}; ${note}`;
    }
  }
  return { run, cleanup, result };
};

/** The Lambda entry point. */
const handler = withHandlerErrors('analyze', async (event: AnalyzeEvent) => analyzeStep(event));

export { analyzeStep, handler };
