/**
 * The adaptive search as a pure state machine: the tuner asks
 * `next(observations)` what to measure, runs it, and feeds the results back,
 * until the planner says `done`.
 *
 * @module core/search/create-search-planner
 */
import {
  DEFAULT_DISCARD_TOP_BOTTOM,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
  MAX_DISCARD_TOP_BOTTOM,
  MIN_GRANULARITY_MB,
  PERCENT,
  STRATEGIES,
} from '../constants.js';
import { invocationCost } from '../pricing/invocation-cost.js';
import { MIN_SAMPLES_FOR_INTERVAL } from '../statistics/confidence-interval.js';
import { cannotBeToldApart } from '../strategies/strategy-table.js';
import { buildCandidateGrid, midpointBetween } from './candidate-grid.js';
import {
  DEFAULT_COARSE_SIZES_MB,
  HALVING_MIN_FIELD,
  MIN_RACE_BATCH,
  PERCENTILE_RANK,
  RACE_GROWTH_FACTOR,
  SEARCH_DEFAULTS,
  TIE_AFTER_SAMPLES,
  VCPU_BOUNDARIES_MB,
} from './constants.js';
import { SearchOptionError } from './errors.js';
import { estimateSizes, rankEstimates } from './estimate-sizes.js';
import { isEquivalent, recommendFromObservations } from './recommend-from-observations.js';
import type {
  MeasureRequest,
  SearchDoneReason,
  SearchObservation,
  SearchPhase,
  SearchPlanner,
  SearchPlannerOptions,
  SearchState,
  SearchStep,
  SizeEstimate,
} from './types.js';

type ResolvedOptions = Required<
  Pick<
    SearchPlannerOptions,
    | 'strategy'
    | 'balancedWeight'
    | 'granularityMB'
    | 'minSamples'
    | 'maxSamplesPerSize'
    | 'warmupInvocations'
    | 'tolerance'
    | 'price'
    | 'includeRequestCharge'
    | 'discardTopBottom'
    | 'coarseSizes'
    | 'refine'
  >
> &
  Pick<SearchPlannerOptions, 'constraints' | 'budget'> & { num: number | 'auto' };

const isIntegerAtLeast = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min;
const isPositiveNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Validates and defaults the options; throws `SearchOptionError` on the first bad one. */
const resolveOptions = (options: SearchPlannerOptions): ResolvedOptions => {
  const {
    strategy,
    balancedWeight = SEARCH_DEFAULTS.balancedWeight,
    constraints,
    granularityMB = SEARCH_DEFAULTS.granularityMB,
    budget,
    num = 'auto',
    minSamples = SEARCH_DEFAULTS.minSamples,
    maxSamplesPerSize = Math.max(SEARCH_DEFAULTS.maxSamplesPerSize, minSamples),
    warmupInvocations = SEARCH_DEFAULTS.warmupInvocations,
    tolerance = SEARCH_DEFAULTS.tolerance,
    price,
    includeRequestCharge = true,
    discardTopBottom = DEFAULT_DISCARD_TOP_BOTTOM,
    coarseSizes = DEFAULT_COARSE_SIZES_MB,
    refine = true,
  } = options;
  const fail = (option: string, value: unknown, expected: string): never => {
    throw new SearchOptionError({ option, value, expected });
  };
  if (!(STRATEGIES as readonly string[]).includes(strategy))
    fail('strategy', strategy, `one of ${STRATEGIES.join(', ')}`);
  if (!(typeof balancedWeight === 'number' && balancedWeight >= 0 && balancedWeight <= 1)) {
    fail('balancedWeight', balancedWeight, 'a number in 0..1');
  }
  if (!isIntegerAtLeast(granularityMB, MIN_GRANULARITY_MB))
    fail('granularityMB', granularityMB, `an integer >= ${MIN_GRANULARITY_MB}`);
  if (num !== 'auto' && !isIntegerAtLeast(num, MIN_SAMPLES_FOR_INTERVAL)) {
    fail('num', num, `"auto" or an integer >= ${MIN_SAMPLES_FOR_INTERVAL}`);
  }
  if (!isIntegerAtLeast(minSamples, MIN_SAMPLES_FOR_INTERVAL))
    fail('minSamples', minSamples, `an integer >= ${MIN_SAMPLES_FOR_INTERVAL}`);
  if (!isIntegerAtLeast(maxSamplesPerSize, minSamples))
    fail('maxSamplesPerSize', maxSamplesPerSize, `an integer >= minSamples (${minSamples})`);
  if (!isIntegerAtLeast(warmupInvocations, 0)) fail('warmupInvocations', warmupInvocations, 'an integer >= 0');
  if (!(typeof tolerance === 'number' && tolerance >= 0 && tolerance < 1))
    fail('tolerance', tolerance, 'a number in [0, 1)');
  if (!(typeof discardTopBottom === 'number' && discardTopBottom >= 0 && discardTopBottom <= MAX_DISCARD_TOP_BOTTOM)) {
    fail('discardTopBottom', discardTopBottom, `a number in 0..${MAX_DISCARD_TOP_BOTTOM}`);
  }
  if (!(price.pricePerGbSecond >= 0 && price.requestPrice >= 0))
    fail('price', price, 'non-negative pricePerGbSecond and requestPrice');
  if (budget?.maxInvocations !== undefined && !isIntegerAtLeast(budget.maxInvocations, 1)) {
    fail('budget.maxInvocations', budget.maxInvocations, 'an integer >= 1');
  }
  if (budget?.maxCostUsd !== undefined && !isPositiveNumber(budget.maxCostUsd))
    fail('budget.maxCostUsd', budget.maxCostUsd, 'a number > 0');
  if (constraints?.maxDurationMs !== undefined && !isPositiveNumber(constraints.maxDurationMs)) {
    fail('constraints.maxDurationMs', constraints.maxDurationMs, 'a number > 0');
  }
  if (constraints?.maxCostPerMillion !== undefined && !isPositiveNumber(constraints.maxCostPerMillion)) {
    fail('constraints.maxCostPerMillion', constraints.maxCostPerMillion, 'a number > 0');
  }
  if (constraints?.percentile !== undefined && !(constraints.percentile in PERCENTILE_RANK)) {
    fail('constraints.percentile', constraints.percentile, `one of ${Object.keys(PERCENTILE_RANK).join(', ')}`);
  }
  const badCoarse = coarseSizes.find(
    (size) => !isIntegerAtLeast(size, LAMBDA_MIN_MEMORY_MB) || size > LAMBDA_MAX_MEMORY_MB,
  );
  if (badCoarse !== undefined || coarseSizes.length === 0) {
    fail(
      'coarseSizes',
      badCoarse ?? coarseSizes,
      `integers in ${LAMBDA_MIN_MEMORY_MB}..${LAMBDA_MAX_MEMORY_MB} (at least one)`,
    );
  }
  return {
    strategy,
    balancedWeight,
    constraints,
    granularityMB,
    budget,
    num,
    minSamples: num === 'auto' ? minSamples : Math.min(minSamples, num),
    maxSamplesPerSize,
    warmupInvocations,
    tolerance,
    price,
    includeRequestCharge,
    discardTopBottom,
    coarseSizes: [...new Set(coarseSizes)].sort((a, b) => a - b),
    refine,
  };
};

/** vCPU boundaries above the second (5,307 MB and up): the coarse pass reaches them one by one (`nextBoundary`). */
const LATER_BOUNDARIES: ReadonlySet<number> = new Set(VCPU_BOUNDARIES_MB.slice(2));

/** `candidate` is worse than `best` beyond doubt: their 95% intervals do not overlap. */
const isClearlyWorse = (candidate: SizeEstimate, best: SizeEstimate): boolean =>
  candidate.samples >= MIN_SAMPLES_FOR_INTERVAL &&
  best.samples >= MIN_SAMPLES_FOR_INTERVAL &&
  candidate.metric.low > best.metric.high;

/** Half-width of the 95% interval of the difference of two means (half-widths combined in quadrature). */
const halfWidthOfDifference = (candidate: SizeEstimate, best: SizeEstimate): number =>
  Math.hypot((candidate.metric.high - candidate.metric.low) / 2, (best.metric.high - best.metric.low) / 2);

/**
 * The comparison of `candidate` with `best` is settled — the indifference-zone
 * rule of ranking-and-selection procedures, with the indifference band
 * `tolerance` (a fraction of the best mean):
 *
 * - it is clearly worse (the 95% intervals do not overlap); or
 * - the 95% interval of the difference rules out that it is better than the
 *   best by more than the band: whichever is truly better, picking the best
 *   costs at most the band; or
 * - it is tied with the best by the strategy table's rule (intervals overlap,
 *   means within the band) and the difference is known to within twice the
 *   band — on a flat curve, more samples would only reorder the band; or
 * - racing it further is futile (`isFutile`): after as many samples as a
 *   fixed list's sizes it still cannot be told apart, and settling it would
 *   take more than the race's cap. On a noisy flat curve (a sieve whose
 *   samples scatter ±20% on a shared host) the race otherwise took every
 *   size of the plateau to 40 samples: 326 invocations where the six-size
 *   list used 66. The recommendation still ties by the settled rule only,
 *   so the best mean wins: tying what is merely inseparable would turn
 *   noise into regret (up to 20% on the simulated network-bound curve for
 *   `speed`).
 *
 * Two warm samples each are needed for any of it.
 */
const isResolved = ({
  candidate,
  best,
  tolerance,
  maxSamples = Number.POSITIVE_INFINITY,
}: {
  candidate: SizeEstimate;
  best: SizeEstimate;
  tolerance: number;
  /** The most warm samples a size may get; racing that cannot settle within it is futile (`isFutile`). */
  maxSamples?: number;
}): boolean => {
  if (isClearlyWorse(candidate, best)) return true;
  if (candidate.samples < MIN_SAMPLES_FOR_INTERVAL || best.samples < MIN_SAMPLES_FOR_INTERVAL) return false;
  const band = tolerance * Math.abs(best.metric.mean);
  const halfWidth = halfWidthOfDifference(candidate, best);
  const notBetterBeyondBand = candidate.metric.mean - best.metric.mean - halfWidth >= -band;
  const tiedAndKnown = isEquivalent({ candidate, best, tolerance }) && halfWidth <= 2 * band;
  return notBetterBeyondBand || tiedAndKnown || isFutile({ candidate, best, tolerance, maxSamples });
};

/**
 * Racing `candidate` against `best` further is futile: both have as many
 * warm samples as a fixed list's sizes (`TIE_AFTER_SAMPLES`, 10), the
 * intervals still cannot tell them apart, and at the rate the interval of
 * the difference narrows (∝ 1/√n) settling it would take more than
 * `maxSamples` each — to separate them, or to know the difference within
 * twice the band.
 */
const isFutile = ({
  candidate,
  best,
  tolerance,
  maxSamples,
}: {
  candidate: SizeEstimate;
  best: SizeEstimate;
  tolerance: number;
  maxSamples: number;
}): boolean => {
  const samples = Math.min(candidate.samples, best.samples);
  if (tolerance <= 0 || samples < TIE_AFTER_SAMPLES) return false;
  if (!cannotBeToldApart({ candidate: candidate.metric, best: best.metric, bandPercent: tolerance * PERCENT }))
    return false;
  const resolution = Math.max(
    Math.abs(candidate.metric.mean - best.metric.mean),
    2 * tolerance * Math.abs(best.metric.mean),
  );
  const needed = samples * (halfWidthOfDifference(candidate, best) / resolution) ** 2;
  return needed > maxSamples;
};

/**
 * Creates the adaptive-search planner. The search:
 *
 * 1. **coarse** — measures `minSamples` warm invocations (after
 *    `warmupInvocations` warm-ups) at 128, 256, 512, 1,024, 1,769 and
 *    3,538 MB, then each further vCPU boundary (5,307 … 10,240 MB) while
 *    the last one measured still ran faster than the one below
 *    (`nextBoundary`);
 * 2. **refine** — brackets the current best between its measured neighbours
 *    and probes the grid point nearest the middle of each side, halving the
 *    bracket until the neighbours are adjacent at `granularityMB`; failed
 *    sizes and sizes that violate a constraint with confidence bound the
 *    bracket too (this is how an out-of-memory edge is found);
 * 3. **race** — sizes whose 95% interval lies entirely above the best's stop
 *    getting invocations; the others (and the best) get ~50% more per round
 *    until every comparison is decided (`num: 'auto'`: the difference is
 *    significant, or the two are tied within the indifference band
 *    `tolerance`; capped at `maxSamplesPerSize`), or until they have `num`
 *    samples (fixed `num`). If the best changes, the search refines around
 *    the new one. A best that is already tied with a measured neighbour —
 *    settled within the band, or still inseparable after a fixed list's 10
 *    samples each (`isOnPlateau`) — sits on a plateau: it is not refined
 *    further on either side (a probe there could only find another member
 *    of the band). On a sieve-like curve with ±20% noise the second case
 *    cut the mean invocations from 124 to 87; in the simulation it also
 *    lowered regret (95 of 96 searches within 2%, from 93).
 *
 * The recommendation (`state().recommendation`) uses the strategy table's
 * tie rule with the same band, like `analyze` for a fixed list: the sizes
 * tied with the best form the tie band and the table's within-tie
 * preference picks (fastest for cost, cheapest for speed, smallest for
 * balanced).
 *
 * It stops at `done` with `separated` when every contender is clearly worse
 * than the best, with `tied-within-band` when the contenders left are tied
 * with it within the band, or when a budget would be exceeded: the planner never asks for more invocations than
 * `budget.maxInvocations` (warm-ups included) and stops asking once the
 * observed cost plus the estimated cost of the next batch (from the largest
 * billed duration seen at or below that size) would pass `budget.maxCostUsd`.
 * `next` expects the observations of the batch it last returned (warm-ups and
 * cold starts flagged `coldStart`); it is pure and deterministic.
 *
 * @example
 * const planner = createSearchPlanner({ strategy: 'cost', price, budget: { maxInvocations: 300 } });
 * let step = planner.next([]);
 * while (step.kind === 'measure') {
 *   const observations = await measure(step.requests); // the tuner's job
 *   step = planner.next(observations);
 * }
 * const { power, sizes } = planner.state().recommendation;
 */
const createSearchPlanner = (options: SearchPlannerOptions): SearchPlanner => {
  const config = resolveOptions(options);
  const grid = buildCandidateGrid({ granularityMB: config.granularityMB, extraSizes: config.coarseSizes });
  const observations: SearchObservation[] = [];
  const maxBilledByPower = new Map<number, number>();
  const requestedCounted = new Map<number, number>();
  const visited = new Set<number>();
  /** Sizes successive halving dropped, with the best they lost to: they race again if the best changes. */
  const halvedOut = new Map<number, number>();
  let coarseIssued = false;
  let planned = 0;
  let spentCost = 0;
  let phase: SearchPhase = 'coarse';
  let doneReason: SearchDoneReason | undefined;

  const maxInvocations = config.budget?.maxInvocations ?? Number.POSITIVE_INFINITY;
  const maxCost = config.budget?.maxCostUsd ?? Number.POSITIVE_INFINITY;
  const target = config.num === 'auto' ? config.maxSamplesPerSize : config.num;

  const costAt = (billedDurationMs: number, power: number): number =>
    invocationCost({
      billedDurationMs,
      memoryMB: power,
      price: config.price,
      includeRequestCharge: config.includeRequestCharge,
    });

  const ingest = (batch: readonly SearchObservation[]): void => {
    for (const observation of batch) {
      observations.push(observation);
      spentCost += costAt(observation.billedDurationMs, observation.power);
      const seen = maxBilledByPower.get(observation.power) ?? 0;
      maxBilledByPower.set(observation.power, Math.max(seen, observation.billedDurationMs));
    }
  };

  /**
   * A pessimistic cost of one invocation at `power`: the largest billed
   * duration seen there, or at the nearest measured smaller size (durations
   * rarely grow with memory), or — above nothing — the nearest larger size's
   * scaled as if the duration halved when memory doubled. 0 before any data.
   */
  const estimatedCost = (power: number): number => {
    const known = maxBilledByPower.get(power);
    if (known !== undefined) return costAt(known, power);
    const measured = [...maxBilledByPower.keys()].sort((a, b) => a - b);
    const below = measured.filter((size) => size < power).at(-1);
    if (below !== undefined) return costAt(maxBilledByPower.get(below) ?? 0, power);
    const above = measured.find((size) => size > power);
    if (above !== undefined) return costAt(((maxBilledByPower.get(above) ?? 0) * above) / power, power);
    return 0;
  };

  /** Trims `wanted` to the budgets; says which budget cut a request that could not run at all. */
  const fitToBudget = (
    wanted: ReadonlyArray<{ power: number; invocations: number }>,
  ): { requests: MeasureRequest[]; limitedBy?: SearchDoneReason } => {
    let invocationsLeft = maxInvocations - planned;
    let costLeft = maxCost - spentCost;
    const requests: MeasureRequest[] = [];
    let limitedBy: SearchDoneReason | undefined;
    for (const { power, invocations } of wanted) {
      const isNew = !visited.has(power);
      const warmup = isNew ? config.warmupInvocations : 0;
      const perInvocation = estimatedCost(power);
      const byInvocations = invocationsLeft - warmup;
      const byCost = perInvocation > 0 ? Math.floor(costLeft / perInvocation) - warmup : Number.POSITIVE_INFINITY;
      const affordable = Math.min(invocations, byInvocations, byCost);
      const smallest = Math.min(invocations, isNew ? MIN_SAMPLES_FOR_INTERVAL : 1);
      if (affordable < smallest) {
        limitedBy ??= byInvocations < smallest ? 'budget-invocations' : 'budget-cost';
        continue;
      }
      requests.push({ power, invocations: affordable, warmup });
      invocationsLeft -= affordable + warmup;
      costLeft -= (affordable + warmup) * perInvocation;
    }
    return limitedBy === undefined ? { requests } : { requests, limitedBy };
  };

  const measure = (
    wanted: ReadonlyArray<{ power: number; invocations: number }>,
    nextPhase: SearchPhase,
  ): SearchStep => {
    const { requests, limitedBy } = fitToBudget(wanted);
    if (requests.length === 0) return { kind: 'done', reason: limitedBy ?? 'budget-invocations' };
    return { kind: 'measure', requests, phase: nextPhase };
  };

  // How every size is scored, for the estimates and the final recommendation alike.
  const scoring = {
    strategy: config.strategy,
    balancedWeight: config.balancedWeight,
    constraints: config.constraints,
    price: config.price,
    includeRequestCharge: config.includeRequestCharge,
    discardTopBottom: config.discardTopBottom,
  };
  const estimate = (): SizeEstimate[] => estimateSizes({ observations, ...scoring });

  const contendersOf = (estimates: readonly SizeEstimate[], best: SizeEstimate): SizeEstimate[] =>
    estimates.filter(
      (size) =>
        size.power !== best.power &&
        !size.failed &&
        size.samples > 0 &&
        size.constraint !== 'violated' &&
        !isClearlyWorse(size, best),
    );

  const requested = (power: number): number => requestedCounted.get(power) ?? 0;

  /**
   * Whether the gap between `best` and its measured `neighbour` is worth a
   * probe: the neighbour failed, breaks a constraint with confidence, is
   * clearly worse, is settled but not tied (its mean lies beyond the band, so
   * a size in between may beat the best), or has had all the samples it will
   * get without being interchangeable with the best. An undecided neighbour is raced first: on
   * a plateau (every size within `tolerance`) probing would only add more of
   * the same.
   */
  const worthProbing = (neighbour: SizeEstimate | undefined, best: SizeEstimate): boolean => {
    if (neighbour === undefined || neighbour.failed || neighbour.samples === 0 || neighbour.constraint === 'violated')
      return true;
    if (isClearlyWorse(neighbour, best)) return true;
    const tolerance = config.tolerance;
    // Settled but not tied: worse by more than the band, so a size in between may beat the best.
    if (
      isResolved({ candidate: neighbour, best, tolerance }) &&
      !isEquivalent({ candidate: neighbour, best, tolerance })
    )
      return true;
    const exhausted = requested(neighbour.power) >= target && requested(best.power) >= target;
    return (
      exhausted && (config.num !== 'auto' || !isResolved({ candidate: neighbour, best, tolerance: config.tolerance }))
    );
  };

  /**
   * The next vCPU boundary of the coarse pass worth measuring, if any: a
   * boundary above 3,538 MB is measured only while the highest boundary
   * measured so far still ran faster than the one below it (95% duration
   * intervals apart). Code that cannot use another vCPU is no faster there
   * and costs more: on a single-threaded function this saves four sizes of
   * the coarse pass.
   */
  const nextBoundary = (estimates: readonly SizeEstimate[]): number | undefined => {
    const pending = config.coarseSizes.find((power) => LATER_BOUNDARIES.has(power) && !visited.has(power));
    if (pending === undefined) return undefined;
    const measuredBoundaries = VCPU_BOUNDARIES_MB.filter((power) => power < pending && visited.has(power));
    const top = estimates.find((size) => size.power === measuredBoundaries.at(-1));
    const below = estimates.find((size) => size.power === measuredBoundaries.at(-2));
    if (top === undefined || below === undefined || top.failed || below.failed) return pending;
    if (top.samples < MIN_SAMPLES_FOR_INTERVAL || below.samples < MIN_SAMPLES_FOR_INTERVAL) return pending;
    return top.duration.high < below.duration.low ? pending : undefined;
  };

  /** The measured sizes just below and just above `power`, if any. */
  const measuredNeighbours = (power: number): { lower: number | undefined; upper: number | undefined } => {
    const measured = [...visited].sort((a, b) => a - b);
    return { lower: measured.filter((size) => size < power).at(-1), upper: measured.find((size) => size > power) };
  };

  /**
   * The best sits on a plateau: a measured neighbour is tied with it (settled within the band), or
   * both have a fixed list's depth (`TIE_AFTER_SAMPLES`) and still cannot be told apart, as that
   * list would report. Refining there finds only more of the band.
   */
  const isOnPlateau = (
    best: SizeEstimate,
    neighbours: ReadonlyArray<number | undefined>,
    estimates: readonly SizeEstimate[],
  ): boolean =>
    neighbours.some((power) => {
      const neighbour = estimates.find((size) => size.power === power);
      if (neighbour === undefined || neighbour.failed || neighbour.constraint === 'violated') return false;
      if (isEquivalent({ candidate: neighbour, best, tolerance: config.tolerance })) return true;
      return (
        Math.min(neighbour.samples, best.samples) >= TIE_AFTER_SAMPLES &&
        cannotBeToldApart({ candidate: neighbour.metric, best: best.metric, bandPercent: config.tolerance * PERCENT })
      );
    });

  const refinementProbes = (best: SizeEstimate, estimates: readonly SizeEstimate[]): number[] => {
    const probes: number[] = [];
    const { lower, upper } = measuredNeighbours(best.power);
    const sides: Array<{ neighbour: number | undefined; edge: number | undefined }> = [
      { neighbour: lower, edge: grid[0] },
      { neighbour: upper, edge: grid.at(-1) },
    ];
    if (isOnPlateau(best, [lower, upper], estimates)) return probes;
    for (const { neighbour, edge } of sides) {
      let probe: number | undefined;
      if (neighbour === undefined) probe = edge;
      else if (
        worthProbing(
          estimates.find((size) => size.power === neighbour),
          best,
        )
      ) {
        probe = midpointBetween({ grid, from: best.power, to: neighbour });
      }
      if (probe !== undefined && probe !== best.power && !visited.has(probe)) probes.push(probe);
    }
    return probes;
  };

  const plan = (): SearchStep => {
    if (planned >= maxInvocations) return { kind: 'done', reason: 'budget-invocations' };
    if (spentCost >= maxCost) return { kind: 'done', reason: 'budget-cost' };
    if (!coarseIssued) {
      // With a cost budget and no data, one probe invocation first: it prices the rest.
      const [first] = config.coarseSizes;
      if (Number.isFinite(maxCost) && observations.length === 0 && first !== undefined && !visited.has(first)) {
        return measure([{ power: first, invocations: 1 }], 'coarse');
      }
      coarseIssued = true;
      return measure(
        config.coarseSizes
          .filter((power) => !LATER_BOUNDARIES.has(power))
          .map((power) => ({ power, invocations: config.minSamples - requested(power) }))
          .filter(({ invocations }) => invocations > 0),
        'coarse',
      );
    }
    const estimates = estimate();
    const [best] = rankEstimates({ estimates: estimates.filter((size) => size.eligible), strategy: config.strategy });
    if (best === undefined) return { kind: 'done', reason: 'no-viable-size' };

    const boundary = nextBoundary(estimates);
    if (boundary !== undefined) return measure([{ power: boundary, invocations: config.minSamples }], 'coarse');

    const probes = config.refine ? refinementProbes(best, estimates) : [];
    if (probes.length > 0)
      return measure(
        probes.map((power) => ({ power, invocations: config.minSamples })),
        'refine',
      );

    const contenders = contendersOf(estimates, best).sort((a, b) => a.metric.mean - b.metric.mean);
    if (config.num !== 'auto') {
      const wanted = [best, ...contenders]
        .map(({ power }) => ({ power, invocations: target - requested(power) }))
        .filter(({ invocations }) => invocations > 0);
      return wanted.length === 0 ? { kind: 'done', reason: 'num-reached' } : measure(wanted, 'race');
    }
    const unresolved = contenders.filter(
      (candidate) =>
        halvedOut.get(candidate.power) !== best.power &&
        !isResolved({ candidate, best, tolerance: config.tolerance, maxSamples: target }),
    );
    if (unresolved.length === 0) {
      // Settled, but not all by separation: what is left is tied with the best within the band,
      // or (when no more samples could settle it) cannot be told apart from it.
      const left = contenders.filter((candidate) => !isClearlyWorse(candidate, best));
      const inseparable = left.some((candidate) => !isResolved({ candidate, best, tolerance: config.tolerance }));
      return {
        kind: 'done',
        reason: inseparable ? 'inseparable' : left.length > 0 ? 'tied-within-band' : 'separated',
      };
    }
    // Successive halving: the worse half of the undecided field (by mean) stops here.
    const keep = Math.max(HALVING_MIN_FIELD, Math.ceil(unresolved.length / 2));
    for (const dropped of unresolved.splice(keep)) halvedOut.set(dropped.power, best.power);
    const wanted = [best, ...unresolved]
      .filter(({ power }) => requested(power) < target)
      .map(({ power }) => {
        const have = requested(power);
        const more = Math.max(MIN_RACE_BATCH, Math.ceil(have * (RACE_GROWTH_FACTOR - 1)));
        return { power, invocations: Math.min(more, target - have) };
      });
    if (wanted.length === 0) return { kind: 'done', reason: 'max-samples' };
    return measure(wanted, 'race');
  };

  const commit = (requests: readonly MeasureRequest[]): void => {
    for (const { power, invocations, warmup } of requests) {
      visited.add(power);
      requestedCounted.set(power, requested(power) + invocations);
      planned += invocations + warmup;
    }
  };

  const next = (batch: readonly SearchObservation[]): SearchStep => {
    if (doneReason !== undefined) return { kind: 'done', reason: doneReason };
    ingest(batch);
    const step = plan();
    if (step.kind === 'done') {
      doneReason = step.reason;
      phase = 'done';
    } else {
      phase = step.phase;
      commit(step.requests);
    }
    return step;
  };

  const state = (): SearchState => {
    const recommendation = recommendFromObservations({
      observations,
      ...scoring,
      bandPercent: config.tolerance * PERCENT,
    });
    const best = recommendation.sizes.find((size) => size.power === recommendation.power);
    const snapshot: SearchState = {
      phase,
      plannedInvocations: planned,
      spentCostUsd: spentCost,
      grid,
      recommendation,
      contenders: best === undefined ? [] : contendersOf(recommendation.sizes, best).map(({ power }) => power),
    };
    if (doneReason !== undefined) snapshot.doneReason = doneReason;
    return snapshot;
  };

  return { next, state };
};

export { createSearchPlanner };
