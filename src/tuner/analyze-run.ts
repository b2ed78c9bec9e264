/**
 * Analyze step: the run's measurements → its `TuningResult` (core's
 * `analyze`, with the run's facts and prices).
 *
 * @module tuner/analyze-run
 */
import { analyze, getLambdaPrice } from '../core/index.js';
import type { RunFacts, SearchFacts, TuningInput, TuningResult } from '../core/index.js';
import type { RunPlan, SizeMeasurement } from './types.js';

/**
 * Analyzes the measurements of a run.
 *
 * @throws {AllSizesFailedError} (from core) when every size failed
 * @example
 * const result = analyzeRun({ plan, input, measurements, startedAt, finishedAt, backend: 'aws' });
 */
const analyzeRun = ({
  plan,
  input,
  measurements,
  startedAt,
  finishedAt,
  backend,
  cpuModel,
  visualizationBaseUrl,
  stepFunctionsTransitions,
  random,
  includeSamples,
  search,
}: {
  plan: RunPlan;
  input: TuningInput;
  measurements: readonly SizeMeasurement[];
  startedAt: string;
  finishedAt: string;
  backend: string;
  /** The local service's CPU model (`run.cpuModel`). */
  cpuModel?: RunFacts['cpuModel'];
  visualizationBaseUrl?: string;
  stepFunctionsTransitions?: number;
  random?: () => number;
  includeSamples?: boolean;
  /** How an adaptive search went (`run.search`). */
  search?: SearchFacts;
}): TuningResult =>
  analyze({
    samples: measurements.flatMap((m) => m.samples),
    input,
    price: getLambdaPrice({ region: plan.region, architecture: plan.architecture }),
    warmupInitDurationsMs: Object.fromEntries(
      measurements.flatMap((m) => (m.warmupInitDurationsMs === undefined ? [] : [[m.power, m.warmupInitDurationsMs]])),
    ),
    facts: {
      runId: plan.runId,
      functionName: plan.displayName,
      region: plan.region,
      architecture: plan.architecture,
      originalMemoryMB: plan.originalMemoryMB,
      backend,
      ...(cpuModel !== undefined ? { cpuModel } : {}),
      startedAt,
      finishedAt,
      totalInvocations: measurements.reduce((sum, m) => sum + m.invocations, 0),
      ...(search !== undefined ? { search } : {}),
    },
    ...(visualizationBaseUrl !== undefined ? { visualizationBaseUrl } : {}),
    ...(stepFunctionsTransitions !== undefined ? { stepFunctionsTransitions } : {}),
    ...(random !== undefined ? { random } : {}),
    ...(includeSamples !== undefined ? { includeSamples } : {}),
  });

export { analyzeRun };
