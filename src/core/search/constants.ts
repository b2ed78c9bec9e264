/**
 * Numbers the adaptive search relies on.
 *
 * @module core/search/constants
 */
import {
  DEFAULT_POWER_VALUES,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
  MAX_VCPUS,
  ONE_VCPU_MEMORY_MB,
  PERCENT,
} from '../constants.js';
import { INDIFFERENCE_BAND } from '../strategies/strategy-table.js';

/** Memory sizes at which Lambda gives a whole number of vCPUs (1,769 MB per vCPU), capped at 10,240 MB. */
const VCPU_BOUNDARIES_MB: readonly number[] = Object.freeze(
  Array.from({ length: MAX_VCPUS }, (_, i) => Math.min((i + 1) * ONE_VCPU_MEMORY_MB, LAMBDA_MAX_MEMORY_MB)),
);

/**
 * First pass: the small powers of two where most cost curves bend, plus every
 * vCPU boundary, where single-threaded code stops getting faster.
 */
const DEFAULT_COARSE_SIZES_MB: readonly number[] = Object.freeze(
  [...new Set([LAMBDA_MIN_MEMORY_MB, 256, 512, 1_024, ...VCPU_BOUNDARIES_MB])].sort((a, b) => a - b),
);

/** Search defaults. */
const SEARCH_DEFAULTS = {
  /** Finest step between sizes (MB). */
  granularityMB: 64,
  /** Warm samples every measured size gets first. */
  minSamples: 5,
  /** Cap on warm samples per size with `num: 'auto'`. */
  maxSamplesPerSize: 40,
  /** Warm-up invocations on a size's first visit. */
  warmupInvocations: 1,
  /** The indifference band as a fraction (the strategy table's default, 2%): ties, and when the race stops. */
  tolerance: INDIFFERENCE_BAND.defaultPercent / PERCENT,
  /** Default percentile of a `maxDurationMs` constraint. */
  percentile: 'p95',
  /** Default balanced weight (the reference's). */
  balancedWeight: 0.5,
} as const;

/**
 * Warm samples per size after which the search ties what it cannot tell
 * apart, as a fixed list of the default `num` (10) does (`isEquivalent`).
 */
const TIE_AFTER_SAMPLES = 10;
/** Each racing round grows a contender's sample count by this factor (successive halving's doubling, softened). */
const RACE_GROWTH_FACTOR = 1.5;
/** Successive halving never cuts the undecided field below this many sizes. */
const HALVING_MIN_FIELD = 2;
/** Smallest top-up a racing round asks for, so rounds are not wasted on one invocation. */
const MIN_RACE_BATCH = 3;

/**
 * The default invocation budget of a search over the whole range (`--power
 * auto` with `num: 'auto'`, without `--max-invocations`): what the six-size
 * default list would make at the same depth — `num` warm samples each (10,
 * a fixed list's default, with `num: 'auto'`) plus the warm-ups. So a search never costs
 * more than the list it replaces: on a steep curve it stops well before; on
 * a flat one, whose sizes cost the same within what the invocations can
 * tell apart, settling that tie within 2% can take more (three searches of
 * a compute loop flat within 2% took 57, 103 and 135 without it).
 *
 * @example
 * listEquivalentBudget({ num: 'auto', warmupInvocations: 1 }); // 66
 */
const listEquivalentBudget = ({
  num,
  warmupInvocations,
}: {
  num: number | 'auto';
  warmupInvocations: number;
}): number => DEFAULT_POWER_VALUES.length * ((num === 'auto' ? TIE_AFTER_SAMPLES : num) + warmupInvocations);

/** Percentile (0..100) behind each constraint name. */
const PERCENTILE_RANK = { p50: 50, p90: 90, p95: 95, p99: 99 } as const;

export {
  DEFAULT_COARSE_SIZES_MB,
  listEquivalentBudget,
  HALVING_MIN_FIELD,
  MIN_RACE_BATCH,
  PERCENTILE_RANK,
  RACE_GROWTH_FACTOR,
  SEARCH_DEFAULTS,
  TIE_AFTER_SAMPLES,
  VCPU_BOUNDARIES_MB,
};
