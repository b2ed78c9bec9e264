/**
 * Shapes of the adaptive search: planner options, observations fed back by
 * the tuner, requests it returns, and the estimates it bases them on.
 *
 * @module core/search/types
 */
import type { Interval } from '../statistics/confidence-interval.js';
import type { Strategy } from '../types.js';

/** Which duration statistic a `maxDurationMs` constraint applies to. */
type DurationPercentile = 'p50' | 'p90' | 'p95' | 'p99';

/** Goals a recommended size must meet. */
interface SearchConstraints {
  /** The chosen percentile of warm `Duration` must not exceed this (ms). */
  maxDurationMs?: number;
  /** Percentile `maxDurationMs` applies to (default `p95`). */
  percentile?: DurationPercentile;
  /** Average cost of one million invocations must not exceed this (price currency). */
  maxCostPerMillion?: number;
}

/** Spending limits of a search; the planner never plans past them. */
interface SearchBudget {
  /** Every invocation the planner asks for, warm-ups included. */
  maxInvocations?: number;
  /** Dollars (price currency) spent on measured invocations. Best effort: future costs are estimated. */
  maxCostUsd?: number;
}

/** The part of a `LambdaPrice` the search needs (a `LambdaPrice` fits). */
interface SearchPrice {
  pricePerGbSecond: number;
  requestPrice: number;
}

/** One measured invocation, as the tuner reports it back to the planner. */
interface SearchObservation {
  /** Memory size (MB). */
  power: number;
  /** REPORT `Duration` (ms). */
  durationMs: number;
  /** REPORT `Billed Duration` (ms). */
  billedDurationMs: number;
  /** Set when the invocation failed (not an allowed exception); the size is then never recommended. */
  error?: string;
  /** True for cold starts (and warm-ups): counted against the budget, kept out of the statistics. */
  coldStart?: boolean;
}

/** Options of `createSearchPlanner`. */
interface SearchPlannerOptions {
  strategy: Strategy;
  /** 0..1, as in the reference's balanced strategy (1 = cost only). */
  balancedWeight?: number;
  constraints?: SearchConstraints;
  /** Finest step between sizes the search tries (MB, integer >= 1, default 64). */
  granularityMB?: number;
  budget?: SearchBudget;
  /** Warm samples per contender, or `auto` to sample until the 95% intervals decide (default `auto`). */
  num?: number | 'auto';
  /** Warm samples every measured size gets first (default 5). */
  minSamples?: number;
  /** With `num: 'auto'`, no size gets more warm samples than this (default 40). */
  maxSamplesPerSize?: number;
  /** Uncounted warm-up invocations the tuner runs on a size's first visit (default 1); reserved in the budget. */
  warmupInvocations?: number;
  /**
   * The indifference band as a fraction of the best mean (default 0.02): two
   * sizes whose 95% intervals overlap and whose means differ by at most this
   * are tied (the strategy table's rule). The search stops racing a tied
   * contender, and the recommendation picks inside the tie band by the
   * table's within-tie preference. 0 = exact optimum.
   */
  tolerance?: number;
  price: SearchPrice;
  includeRequestCharge?: boolean;
  /** Share of samples dropped at each end of every average (default 0.2, like `analyze`). */
  discardTopBottom?: number;
  /** Sizes of the first pass (default: 128, 256, 512, 1024 MB and every vCPU boundary up to 10,240 MB). */
  coarseSizes?: readonly number[];
  /** False: measure only `coarseSizes` (a fixed list with `num: 'auto'`); default true. */
  refine?: boolean;
}

/** One batch of invocations at one size. */
interface MeasureRequest {
  power: number;
  /** Warm, counted invocations to run. */
  invocations: number;
  /** Uncounted warm-up invocations to run first (first visit of the size only). */
  warmup: number;
}

/** What the planner asks for next. */
type SearchStep =
  { kind: 'measure'; requests: MeasureRequest[]; phase: SearchPhase } | { kind: 'done'; reason: SearchDoneReason };

/** Where the search is. */
type SearchPhase = 'coarse' | 'refine' | 'race' | 'done';

/** Why the search stopped. */
type SearchDoneReason =
  | 'separated'
  | 'tied-within-band'
  | 'inseparable'
  | 'num-reached'
  | 'max-samples'
  | 'budget-invocations'
  | 'budget-cost'
  | 'no-viable-size';

/** Whether a size meets the constraints, judged with 95% confidence. */
type ConstraintVerdict = 'satisfied' | 'violated' | 'undecided';

/** Everything the search knows about one measured size. */
interface SizeEstimate {
  power: number;
  /** Every observation at this size (warm-ups and cold starts included). */
  invocations: number;
  /** Warm, successful observations the statistics use. */
  samples: number;
  failed: boolean;
  failureReason?: string;
  duration: Interval;
  billedDuration: Interval;
  /** Price of one invocation. */
  cost: Interval;
  /** The strategy's metric (lower is better): cost, duration or balanced score. */
  metric: Interval;
  /** Observed percentile of warm `Duration` used by `maxDurationMs` (0 without samples). */
  durationPercentile: number;
  /** With confidence. */
  constraint: ConstraintVerdict;
  /** Not failed, has samples and meets the constraints on the point estimates. */
  eligible: boolean;
  /** Why it is not eligible. */
  rejectionReason?: string;
}

/** `recommendFromObservations` result. */
interface SearchRecommendation {
  /** The best eligible size; undefined when none is eligible (see `reason`). */
  power?: number;
  runnerUp?: number;
  /** True when the winner's metric interval lies entirely below the runner-up's. */
  significant: boolean;
  /** Other eligible sizes tied with `power` within the indifference band, ascending. */
  tiedWith?: number[];
  /** Why nothing is recommended. */
  reason?: string;
  /** Every measured size, ascending. */
  sizes: SizeEstimate[];
}

/** A snapshot of the planner (for progress output and reports). */
interface SearchState {
  phase: SearchPhase;
  doneReason?: SearchDoneReason;
  /** Invocations asked for so far (warm-ups included). */
  plannedInvocations: number;
  /** Cost of the observations received so far. */
  spentCostUsd: number;
  /** Sizes the search may still try, ascending. */
  grid: readonly number[];
  recommendation: SearchRecommendation;
  /** Sizes still competing with the best (not clearly worse, not failed). */
  contenders: number[];
}

/** The planner: feed observations in, get the next batch out. */
interface SearchPlanner {
  /** Adds the observations of the previous batch and returns the next step. */
  next(observations: readonly SearchObservation[]): SearchStep;
  state(): SearchState;
}

export type {
  ConstraintVerdict,
  DurationPercentile,
  MeasureRequest,
  SearchBudget,
  SearchConstraints,
  SearchDoneReason,
  SearchObservation,
  SearchPhase,
  SearchPlanner,
  SearchPlannerOptions,
  SearchPrice,
  SearchRecommendation,
  SearchState,
  SearchStep,
  SizeEstimate,
};
