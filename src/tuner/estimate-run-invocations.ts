/**
 * What a run with this input would invoke, counted the way the run counts
 * (`planInvocationMode`): warm-ups, cold starts, each size's counted
 * invocations, processors, versions — and, for an adaptive search, its
 * first pass and its budget.
 *
 * @module tuner/estimate-run-invocations
 */
import { LAMBDA_MAX_MEMORY_MB, LAMBDA_MIN_MEMORY_MB, SEARCH_DEFAULTS } from '../core/index.js';
import type { TuningInput } from '../core/index.js';
import { planInvocationMode } from './plan-run.js';
import { searchInvocationBudget } from './search-budget.js';

/** The invocations of a run, before it runs. */
interface RunInvocationEstimate {
  powerValues: number[];
  /** Uncounted warm-up invocations per size (0 with onlyColdStarts). */
  warmupsPerSize: number;
  /** Counted invocations per size (`num`). */
  countedPerSize: number;
  /** Function invocations per size, warm-ups included. */
  invocationsPerSize: number;
  /**
   * Cold starts per size the run should see: one per execution environment
   * it starts (the warm-up, or the first invocations without one), or every
   * invocation with onlyColdStarts.
   */
  coldStartsPerSize: number;
  /** Function invocations in total (processor invocations not included); with a search, its first pass. */
  invocations: number;
  /** Pre/post-processor invocations that go with `invocations`. */
  processorInvocations: number;
  /** Versions published (and deleted afterwards); with a search, by its first pass. */
  versions: number;
  /** Set for an adaptive search (`--power auto`, `--num auto`): it decides how far to go beyond its first pass. */
  search?: {
    /** Invocations of the first pass over `powerValues` (included in `invocations`). */
    firstPassInvocations: number;
    /** The search never invokes more than this (`maxInvocations`, or with `--power auto` the list-equivalent default); absent without a budget. */
    maxInvocations?: number;
    /** True when `maxInvocations` is the default for `--power auto` (what the six-size list would make). */
    defaultBudget?: boolean;
    /** With `num: 'auto'`: counted invocations a size may get at most. */
    maxSamplesPerSize?: number;
  };
}

/**
 * Counts the invocations of the run `input` describes.
 *
 * @example
 * estimateRunInvocations({ input: validateInput({ lambdaARN: 'fn', num: 10 }), currentMemoryMB: 1024 }).invocations; // 66: 6 sizes × (1 warm-up + 10)
 */
const estimateRunInvocations = ({
  input,
  currentMemoryMB,
}: {
  input: TuningInput;
  currentMemoryMB: number;
}): RunInvocationEstimate => {
  const { parallel, concurrency, warmup: warmupsPerSize } = planInvocationMode(input);
  const search = input.search;
  const budget = search === undefined ? undefined : searchInvocationBudget({ search, warmup: warmupsPerSize });
  // As in the run: a search over AUTO sizes adds the current size to its first pass, which takes `num` (or the minimum) samples.
  const current =
    search?.powerValues === 'auto' && currentMemoryMB >= LAMBDA_MIN_MEMORY_MB && currentMemoryMB <= LAMBDA_MAX_MEMORY_MB
      ? [currentMemoryMB]
      : [];
  const powerValues = [...new Set([...input.powerValues, ...current])].sort((a, b) => a - b);
  const countedPerSize =
    search === undefined ? input.num : typeof search.num === 'number' ? search.num : SEARCH_DEFAULTS.minSamples;
  const invocationsPerSize = warmupsPerSize + countedPerSize;
  const environments = parallel ? Math.max(warmupsPerSize, Math.min(concurrency, countedPerSize)) : 1;
  const coldStartsPerSize = input.onlyColdStarts ? countedPerSize : Math.min(invocationsPerSize, environments);
  const sizes = powerValues.length;
  const invocations = invocationsPerSize * sizes;
  const processorsPerInvocation =
    (input.preProcessorARN !== undefined ? 1 : 0) + (input.postProcessorARN !== undefined ? 1 : 0);
  return {
    powerValues,
    warmupsPerSize,
    countedPerSize,
    invocationsPerSize,
    coldStartsPerSize,
    invocations,
    processorInvocations: invocations * processorsPerInvocation,
    versions: input.onlyColdStarts ? sizes * countedPerSize : sizes,
    ...(search === undefined
      ? {}
      : {
          search: {
            firstPassInvocations: invocations,
            ...(budget === undefined ? {} : { maxInvocations: budget.maxInvocations, defaultBudget: budget.isDefault }),
            ...(search.num === 'auto' ? { maxSamplesPerSize: SEARCH_DEFAULTS.maxSamplesPerSize } : {}),
          },
        }),
  };
};

export { estimateRunInvocations };
export type { RunInvocationEstimate };
