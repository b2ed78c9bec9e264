/**
 * Data shapes shared by every part of powertune. Pure types: no runtime code.
 *
 * @module core/types
 */

/** How the recommendation is chosen (the reference's three strategies). */
type Strategy = 'cost' | 'speed' | 'balanced';

/** Lambda instruction set architectures. */
type Architecture = 'x86_64' | 'arm64';

/**
 * A weighted payload entry, as in the reference: `{ payload, weight }`.
 * An array of these is "weighted" only when every entry has a truthy
 * `weight` and a truthy `payload` (the reference tool's rule).
 */
interface WeightedPayload {
  payload: unknown;
  weight: number;
}

/**
 * Validated, normalised tuning input. Every reference option plus our
 * additive extensions. Produced by `validateInput` from the reference's
 * state-machine input JSON merged with CLI flags.
 */
interface TuningInput {
  /** As given: function name, full ARN, partial ARN or qualified ARN (version or alias). */
  lambdaARN: string;
  /** Counted invocations per power value (>= 5; 1 when dryRun). */
  num: number;
  /** Integers in 128..10240, sorted ascending, unique. */
  powerValues: number[];
  /** The raw `payload` option (unknown JSON); encoded by `generatePayloads`. */
  payload?: unknown;
  payloadS3?: string;
  parallelInvocation: boolean;
  /** Extension: cap on concurrent invocations (parallel mode); default = num. */
  concurrency?: number;
  strategy: Strategy;
  /** 0..1, 1 = cost only, 0 = speed only. Default 0.5. */
  balancedWeight: number;
  autoOptimize: boolean;
  autoOptimizeAlias?: string;
  dryRun: boolean;
  preProcessorARN?: string;
  postProcessorARN?: string;
  /** 0..0.4, default 0.2 (0 when onlyColdStarts). */
  discardTopBottom: number;
  sleepBetweenRunsMs: number;
  disablePayloadLogs: boolean;
  includeOutputResults: boolean;
  onlyColdStarts: boolean;
  allowedExceptions: string[];
  /** Extension: region override (else from the ARN, else the SDK's default chain). */
  region?: string;
  /** Extension: include the $0.20/1M request charge in cost (default true). */
  includeRequestCharge: boolean;
  /** Extension: uncounted warm-up invocations per size before measuring (default 1, or a burst of `concurrency` in parallel mode). */
  warmup?: number;
  /**
   * Extension: adaptive search (`powerValues: "AUTO"` and/or `num: "auto"`).
   * When set, the tuner lets the search planner decide which sizes to
   * measure and how often; `powerValues` then holds the sizes of the first
   * pass and `num` the warm samples every measured size gets first.
   */
  search?: AdaptiveSearchInput;
  /** Extension: goals the recommended size must meet (`maxDuration`, `percentile`, `maxCostPerMillion`). */
  constraints?: TuningConstraints;
  /** Extension: monthly invocations for the bill of every size (`invocationsPerMonth`). */
  invocationsPerMonth?: number;
  /** Extension: subtract Lambda's monthly free tier from the bill (`freeTier`, default false). */
  freeTier?: boolean;
  /**
   * Extension: share of invocations that are cold starts (0..1) in the
   * monthly bill, which adds their INIT cost (`coldStartRate`). Defaults to
   * `DEFAULT_COLD_START_RATE` when `invocationsPerMonth` is set.
   */
  coldStartRate?: number;
  /**
   * Extension: the order of the counted invocations. `interleaved` (default)
   * runs them round-robin over the warm sizes, so drift of the host or of
   * Lambda hits every size alike; `sequential` is the reference's order
   * (each size's invocations back to back, sizes side by side).
   */
  invocationOrder: InvocationOrder;
  /** Extension: the CPU model of the embedded local Lambda service (`--cpu-model`); refused for other targets. */
  cpuModel?: CpuModelChoice;
  /**
   * Extension: indifference band in percent of the best mean (`indifferenceBand`,
   * 0..25, default 2): sizes whose intervals overlap and whose means lie within
   * it are tied, and the strategy table picks among them.
   */
  indifferenceBand?: number;
}

/** Order of the counted invocations across sizes. */
type InvocationOrder = 'interleaved' | 'sequential';

/** CPU model a user may ask the local Lambda service for. */
type CpuModelChoice = 'auto' | 'cgroup' | 'virtual-time';

/** Which duration statistic a `maxDurationMs` constraint applies to. */
type DurationPercentile = 'p50' | 'p90' | 'p95' | 'p99';

/** Goals a recommended size must meet (`--max-duration`, `--max-cost-per-million`). */
interface TuningConstraints {
  /** The chosen percentile of warm `Duration` must not exceed this (ms). */
  maxDurationMs?: number;
  /** Percentile `maxDurationMs` applies to (default `p95`). */
  percentile?: DurationPercentile;
  /** Cost of one million invocations must not exceed this (price currency). */
  maxCostPerMillion?: number;
}

/** Settings of an adaptive search run (`--power auto`, `--num auto`). */
interface AdaptiveSearchInput {
  /** `auto`: the search picks the sizes (128..10,240 MB); `list`: only `powerValues` are measured. */
  powerValues: 'auto' | 'list';
  /** Warm samples per contender, or `auto` to sample until the 95% intervals decide. */
  num: number | 'auto';
  /** Finest step between sizes the search tries (MB, default 64). */
  granularityMB: number;
  /** Every invocation of the search, warm-ups included. */
  maxInvocations?: number;
  /** Spending limit of the search's invocations (price currency). */
  maxTuningCost?: number;
}

/**
 * One REPORT record as Lambda writes it, from a text `REPORT` line or a JSON
 * `platform.report` record. Absent optional fields are `undefined`, never 0.
 */
interface ReportRecord {
  requestId?: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMB?: number;
  maxMemoryUsedMB?: number;
  initDurationMs?: number;
  restoreDurationMs?: number;
  billedRestoreDurationMs?: number;
  /** JSON format only: `success`, `error`, `timeout`. */
  status?: string;
}

/** The result of one measured invocation, as the tuner records it. */
interface InvocationSample {
  /** Memory size the invocation ran at (MB). */
  power: number;
  /** Parsed REPORT, when one was found in the log tail. */
  report?: ReportRecord;
  /** Why no REPORT could be read (the tail was cut, unknown format…). */
  parseError?: string;
  /** True when the REPORT carries `Init Duration` (or `Restore Duration`). */
  coldStart: boolean;
  /** Set when the function returned an error (X-Amz-Function-Error). */
  error?: { type: string; message: string };
  /** True when `error.type` is in `allowedExceptions` (the sample still counts). */
  allowedError?: boolean;
  /** Throttles/5xx retried before this invocation succeeded. */
  retries?: number;
  /** How many of `retries` were throttles (429 / TooManyRequestsException). */
  throttles?: number;
  /**
   * Local Lambda service only: how long it held the invocation before
   * delivering its event, so as not to run more vCPUs than the host has. Not
   * part of Duration or Billed Duration; absent on AWS and when it was 0.
   */
  admissionWaitMs?: number;
  /** Response payload, only kept with `includeOutputResults`-style options. */
  output?: string;
}

/** Summary statistics over a series of numbers (milliseconds unless noted). */
interface SeriesStats {
  count: number;
  mean: number;
  trimmedMean: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  stddev: number;
  /** 95% confidence interval of `trimmedMean` (the reported average; of the mean when nothing is trimmed), by Yuen's method. */
  ci95: [number, number];
}

/** Everything measured and derived for one memory size. */
interface PowerStats {
  /** Memory size in MB. */
  value: number;
  /** `failed` sizes are shown but never recommended. */
  status: 'ok' | 'failed';
  /** Why the size failed (first error type and message, payload-free). */
  failureReason?: string;
  /** Counted invocations that produced a usable sample. */
  invocations: number;
  /** Reference-compatible: price of one invocation at the trimmed-mean billed duration (incl. request charge unless disabled). */
  averagePrice: number;
  /** Reference-compatible: trimmed-mean total duration (duration + init + restore) of the counted samples. */
  averageDuration: number;
  /** Sum of the exact price of every counted invocation. */
  totalCost: number;
  /** averagePrice × 1,000,000. */
  costPerMillion: number;
  /** Stats of `Duration` over warm counted samples. */
  duration: SeriesStats;
  /** Stats of billed duration over warm counted samples. */
  billedDuration: SeriesStats;
  coldStarts: { count: number; initDuration?: SeriesStats };
  maxMemoryUsedMB?: number;
  /** Set when max memory used is within 10% of the size, or the size ran out of memory. */
  memoryWarning?: string;
  /** Function errors by `errorType`. */
  errors: Record<string, number>;
  retries: number;
  throttles: number;
  /** Caveats about this size's figures, e.g. that every measured invocation was a cold start. */
  note?: string;
  /** The monthly bill at this size, with `invocationsPerMonth` (tiered prices). */
  monthly?: MonthlyBill;
}

/** A monthly bill at one size (`--invocations-per-month`). */
interface MonthlyBill {
  invocationsPerMonth: number;
  /** True when Lambda's free tier was subtracted. */
  freeTier: boolean;
  /** GB-seconds billed after the free tier. */
  gbSeconds: number;
  computeCost: number;
  requestCost: number;
  /** INIT of the cold starts at `coldStartRate` (included in `total`); absent when no cold start was measured. */
  initCost?: number;
  total: number;
}

/** The recommendation with its explanation. */
interface Recommendation {
  power: number;
  strategy: Strategy;
  /** Plain sentence, e.g. "1536 MB: 14.2x faster and 13.9% cheaper than 128 MB". */
  sentence: string;
  /** Next-best size by the same strategy, if any. */
  runnerUp?: number;
  /** True when the winner's CI does not overlap the runner-up's on the strategy's metric. */
  significant?: boolean;
  /** Other measured sizes statistically tied with `power` for the strategy (intervals overlap, means within the band), ascending. */
  tiedWith?: number[];
  /** The tie band `power` was chosen from, when other sizes tie with it. */
  tieBand?: TieBand;
  /** The article's pattern the measured curve follows (`classifyPattern`). */
  pattern?: 'trivial' | 'cpu-single-thread' | 'cpu-multi-thread' | 'network-flat' | 'network-scaling' | 'unknown';
  /** 0..1: how clearly the curve follows `pattern`. */
  patternConfidence?: number;
  /** The recommendation in sentences with numbers (`explainRecommendation`). */
  explanation?: string[];
  /** With constraints: whether a size met them, and why each other size did not. */
  constraints?: TuningConstraints & { satisfied: boolean; rejected: Array<{ power: number; reason: string }> };
  /** With `invocationsPerMonth`: the monthly bill of the recommendation vs the current configuration. */
  monthly?: {
    invocationsPerMonth: number;
    recommended: number;
    /** `run.originalMemoryMB`, when it was measured. */
    currentMemoryMB?: number;
    current?: number;
    /** current − recommended: positive = the recommendation saves money. */
    saving?: number;
    /** Share of the monthly invocations assumed to be cold starts (their INIT is billed). */
    coldStartRate?: number;
    /** INIT cost included in `recommended`: cold starts × mean Init Duration × size, at the first-tier price. */
    initCost?: number;
    /** `recommended` without the INIT cost: every invocation warm. */
    warmCost?: number;
  };
}

/** Sizes tied for the strategy: `lowMB`..`highMB` within `percent` % of the best mean. */
interface TieBand {
  percent: number;
  lowMB: number;
  highMB: number;
  metric: 'cost' | 'duration' | 'balanced';
}

/** Facts about the run, shown in reports. */
interface RunFacts {
  runId: string;
  functionName: string;
  region: string;
  architecture: Architecture;
  /** Currency of every price in the result (`USD`, or `CNY` in China regions). */
  currency: string;
  /** Memory of `$LATEST` before the run (MB). */
  originalMemoryMB?: number;
  strategy: Strategy;
  balancedWeight: number;
  num: number;
  parallelInvocation: boolean;
  onlyColdStarts: boolean;
  includeRequestCharge: boolean;
  /** Where invocations ran: `aws`, or `emulator (<cpu model description>)` when the local Lambda service answered. */
  backend: string;
  /** The local Lambda service's CPU model, when it said which (`x-powertune-emulator`). */
  cpuModel?: { model: 'cgroup' | 'virtual-time' | 'cgroup-corrected'; reason: string };
  /** A local handler file (`--function ./handler`): how powertune packaged it — `node_modules`, `bundle`, `files` or `inline`. */
  packaging?: string;
  startedAt: string;
  finishedAt: string;
  /** Total counted + uncounted invocations this run made. */
  totalInvocations: number;
  /** Set when an adaptive search chose the sizes and sample counts. */
  search?: SearchFacts;
}

/** How an adaptive search went. */
interface SearchFacts {
  mode: 'adaptive';
  /** Why it stopped: `separated`, `tied-within-band`, `inseparable`, `num-reached`, `max-samples`, `budget-invocations`, `budget-cost`, `no-viable-size`. */
  stopReason: string;
  /** `stopReason` in words, e.g. "the sizes still in the race are tied with the best within 2% (none can beat it by more)". */
  stopExplanation?: string;
  /** Measure rounds by phase, in order (e.g. `coarse`, `refine`, `race`). */
  phases: Array<{ phase: string; sizes: number[]; invocations: number }>;
  /** Invocations the search made, warm-ups included. */
  invocations: number;
  /** The invocation budget it ran under, if any: the user's `maxInvocations`, or with `--power auto` the list-equivalent default. */
  maxInvocations?: number;
  /** True when `maxInvocations` is the default (what the six-size list would make), not the user's. */
  defaultBudget?: boolean;
  /** Invocations an exhaustive sweep would need for the same answer (64 MB steps over 128..10,240 MB × num, warm-ups included). */
  exhaustiveEquivalent?: number;
  granularityMB: number;
  num: number | 'auto';
}

/**
 * The output of a tuning run: a superset of the reference's output
 * (`power`, `cost`, `duration`, `stateMachine`, `stats`), plus our own fields
 * under `run`, `sizes` and `recommendation`.
 */
interface TuningResult {
  power: number;
  cost: number;
  duration: number;
  stateMachine: {
    executionCost: number;
    lambdaCost: number;
    visualization: string;
  };
  stats: Array<{ value: number; averagePrice: number; averageDuration: number }>;
  recommendation: Recommendation;
  sizes: PowerStats[];
  run: RunFacts;
  /** Every counted invocation (without `output`), for per-invocation CSV and charts. Omitted by the Step Functions driver to stay under the state size limit. */
  samples?: InvocationSample[];
  /** `--architectures` / `--compare-function`: the other runs, best size per run side by side. */
  comparison?: Array<{
    label: string;
    architecture: Architecture;
    result: TuningResult;
    /** Set when the local service ran this architecture on another CPU (`--model-architectures`): the host's timings priced at this architecture's rate. */
    modelledOn?: Architecture | string;
  }>;
}

export type {
  AdaptiveSearchInput,
  Architecture,
  DurationPercentile,
  InvocationSample,
  CpuModelChoice,
  InvocationOrder,
  MonthlyBill,
  PowerStats,
  Recommendation,
  ReportRecord,
  RunFacts,
  SearchFacts,
  SeriesStats,
  Strategy,
  TieBand,
  TuningConstraints,
  TuningInput,
  TuningResult,
  WeightedPayload,
};
