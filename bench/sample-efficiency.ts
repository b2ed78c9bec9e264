/**
 * Sample-efficiency benchmark (issue 6 "Proof"): for each simulated function
 * and strategy, compare the adaptive search with an exhaustive 64 MB sweep
 * (128..10,240 MB × num 10) on invocations spent and on regret — the true
 * cost (for `cost`) or true mean duration (for `speed`) of the adaptive
 * choice relative to the best size of the exhaustive grid. "True" values
 * come from a large Monte-Carlo sample with common random numbers, never
 * from the measurements the search saw. Targets: regret ≤ 2% and at most a
 * quarter of the exhaustive invocations.
 *
 * Run: `node --import tsx bench/sample-efficiency.ts [seed ...]`
 *
 * @module bench/sample-efficiency
 */
import { pathToFileURL } from 'node:url';
import { classifyPattern } from '../src/core/explain/index.js';
import type { CurvePattern } from '../src/core/explain/index.js';
import { getLambdaPrice } from '../src/core/pricing/price-catalog.js';
import { invocationCost } from '../src/core/pricing/invocation-cost.js';
import { createSearchPlanner } from '../src/core/search/index.js';
import type { SearchDoneReason, SearchObservation } from '../src/core/search/index.js';
import { createSeededRandom } from '../src/core/statistics/create-seeded-random.js';
import { trimmedMean } from '../src/core/statistics/trimmed-mean.js';
import type { Strategy } from '../src/core/types.js';
import {
  createSimulatedFunction,
  sampleInvocation,
  SIMULATED_FUNCTIONS,
  SIMULATED_PATTERNS,
} from './simulated-functions.js';
import type { SimulatedFunction, SimulatedPattern } from './simulated-functions.js';

const EXHAUSTIVE = { start: 128, end: 10_240, step: 64, num: 10, discardTopBottom: 0.2 } as const;
/** Warm samples per size for the "true" curve. */
const TRUTH_SAMPLES = 4_000;
/** Seed of the common random numbers behind the true curve. */
const TRUTH_SEED = 0x7a11;
const TARGET_REGRET = 0.02;
const TARGET_RATIO = 0.25;
const BENCH_STRATEGIES: readonly Strategy[] = ['cost', 'speed'];
const PRICE = getLambdaPrice({ region: 'us-east-1', architecture: 'x86_64' });

/** One row of the table. */
interface SampleEfficiencyRow {
  pattern: SimulatedPattern;
  strategy: Strategy;
  exhaustiveInvocations: number;
  adaptiveInvocations: number;
  /** adaptive / exhaustive. */
  ratio: number;
  /** true metric of the adaptive choice / best true metric of the exhaustive grid − 1. */
  regret: number;
  adaptivePower: number | undefined;
  /** The size with the best true metric on the exhaustive grid. */
  bestPower: number;
  /** What the exhaustive sweep itself picked (trimmed means, like the reference), and its regret. */
  exhaustivePower: number;
  exhaustiveRegret: number;
  sizesMeasured: number;
  doneReason: SearchDoneReason | undefined;
  /** The article pattern `classifyPattern` reads from the sizes the adaptive search measured. */
  classifiedAs: CurvePattern;
  meetsTargets: boolean;
}

const exhaustiveGrid = (): number[] => {
  const sizes: number[] = [];
  for (let size = EXHAUSTIVE.start; size <= EXHAUSTIVE.end; size += EXHAUSTIVE.step) sizes.push(size);
  return sizes;
};

/** True mean cost and duration at `power`: `TRUTH_SAMPLES` warm invocations with the same random stream at every size. */
const trueMetrics = (fn: SimulatedFunction, power: number): { cost: number; duration: number; failed: boolean } => {
  const random = createSeededRandom(TRUTH_SEED);
  let cost = 0;
  let duration = 0;
  let failed = false;
  for (let i = 0; i < TRUTH_SAMPLES; i += 1) {
    const invocation = sampleInvocation({ fn, power, random, cold: false });
    failed ||= invocation.error !== undefined;
    duration += invocation.durationMs;
    cost += invocationCost({ billedDurationMs: invocation.billedDurationMs, memoryMB: power, price: PRICE });
  }
  return { cost: cost / TRUTH_SAMPLES, duration: duration / TRUTH_SAMPLES, failed };
};

const metricOf = (metrics: { cost: number; duration: number }, strategy: Strategy): number =>
  strategy === 'speed' ? metrics.duration : metrics.cost;

/** The exhaustive sweep: num invocations per grid size, the first cold, picked by trimmed means like the reference. */
const runExhaustive = ({
  pattern,
  strategy,
  seed,
}: {
  pattern: SimulatedPattern;
  strategy: Strategy;
  seed: number;
}): { invocations: number; power: number } => {
  const { invoke } = createSimulatedFunction({ pattern, random: createSeededRandom(seed) });
  let invocations = 0;
  let best: { power: number; value: number } | undefined;
  for (const power of exhaustiveGrid()) {
    const warm: Array<{ durationMs: number; billedDurationMs: number }> = [];
    let failed = false;
    for (let i = 0; i < EXHAUSTIVE.num; i += 1) {
      const invocation = invoke(power);
      invocations += 1;
      failed ||= invocation.error !== undefined;
      if (invocation.initDurationMs === undefined) warm.push(invocation);
    }
    if (failed || warm.length === 0) continue;
    const value =
      strategy === 'speed'
        ? trimmedMean(
            warm.map((w) => w.durationMs),
            EXHAUSTIVE.discardTopBottom,
          )
        : invocationCost({
            billedDurationMs: trimmedMean(
              warm.map((w) => w.billedDurationMs),
              EXHAUSTIVE.discardTopBottom,
            ),
            memoryMB: power,
            price: PRICE,
          });
    if (best === undefined || value < best.value) best = { power, value };
  }
  return { invocations, power: best?.power ?? EXHAUSTIVE.start };
};

/** Drives the planner against the simulated function, like the tuner would. */
const runAdaptive = ({
  pattern,
  strategy,
  seed,
  maxInvocations,
}: {
  pattern: SimulatedPattern;
  strategy: Strategy;
  seed: number;
  maxInvocations: number;
}): {
  invocations: number;
  power: number | undefined;
  sizes: number;
  doneReason: SearchDoneReason | undefined;
  classifiedAs: CurvePattern;
} => {
  const { invoke } = createSimulatedFunction({ pattern, random: createSeededRandom(seed) });
  const planner = createSearchPlanner({ strategy, price: PRICE, num: 'auto', budget: { maxInvocations } });
  let invocations = 0;
  let step = planner.next([]);
  while (step.kind === 'measure') {
    const observations: SearchObservation[] = [];
    for (const { power, invocations: count, warmup } of step.requests) {
      for (let i = 0; i < warmup + count; i += 1) {
        const invocation = invoke(power);
        invocations += 1;
        const observation: SearchObservation = {
          power,
          durationMs: invocation.durationMs,
          billedDurationMs: invocation.billedDurationMs,
          coldStart: i < warmup || invocation.initDurationMs !== undefined,
        };
        if (invocation.error !== undefined) observation.error = invocation.error;
        observations.push(observation);
      }
    }
    step = planner.next(observations);
  }
  const state = planner.state();
  const curve = state.recommendation.sizes
    .filter((size) => !size.failed && size.samples > 0)
    .map((size) => ({ value: size.power, averageDuration: size.duration.mean }));
  return {
    invocations,
    power: state.recommendation.power,
    sizes: state.recommendation.sizes.length,
    doneReason: state.doneReason,
    classifiedAs: classifyPattern(curve).pattern,
  };
};

/**
 * Runs the benchmark for every pattern × strategy (`cost`, `speed`) with
 * `seed` and returns one row each. The adaptive search gets a budget of a
 * quarter of the exhaustive sweep's invocations and may stop earlier.
 *
 * @example
 * const rows = runSampleEfficiencyBench({ seed: 1 });
 * rows.every((row) => row.meetsTargets);
 */
const runSampleEfficiencyBench = ({
  seed,
  patterns = SIMULATED_PATTERNS,
  strategies = BENCH_STRATEGIES,
}: {
  seed: number;
  patterns?: readonly SimulatedPattern[];
  strategies?: readonly Strategy[];
}): SampleEfficiencyRow[] => {
  const rows: SampleEfficiencyRow[] = [];
  const grid = exhaustiveGrid();
  for (const pattern of patterns) {
    const fn = SIMULATED_FUNCTIONS[pattern];
    const truth = new Map(grid.map((power) => [power, trueMetrics(fn, power)]));
    const truthAt = (power: number): { cost: number; duration: number; failed: boolean } => {
      const known = truth.get(power);
      if (known !== undefined) return known;
      const computed = trueMetrics(fn, power);
      truth.set(power, computed);
      return computed;
    };
    for (const strategy of strategies) {
      let bestPower: number = EXHAUSTIVE.start;
      let bestValue = Number.POSITIVE_INFINITY;
      for (const power of grid) {
        const metrics = truthAt(power);
        if (!metrics.failed && metricOf(metrics, strategy) < bestValue) {
          bestValue = metricOf(metrics, strategy);
          bestPower = power;
        }
      }
      const exhaustive = runExhaustive({ pattern, strategy, seed });
      const adaptive = runAdaptive({
        pattern,
        strategy,
        seed,
        maxInvocations: Math.floor(exhaustive.invocations * TARGET_RATIO),
      });
      const regretOf = (power: number | undefined): number => {
        if (power === undefined) return Number.POSITIVE_INFINITY;
        const metrics = truthAt(power);
        return metrics.failed ? Number.POSITIVE_INFINITY : metricOf(metrics, strategy) / bestValue - 1;
      };
      const ratio = adaptive.invocations / exhaustive.invocations;
      const regret = regretOf(adaptive.power);
      rows.push({
        pattern,
        strategy,
        exhaustiveInvocations: exhaustive.invocations,
        adaptiveInvocations: adaptive.invocations,
        ratio,
        regret,
        adaptivePower: adaptive.power,
        bestPower,
        exhaustivePower: exhaustive.power,
        exhaustiveRegret: regretOf(exhaustive.power),
        sizesMeasured: adaptive.sizes,
        doneReason: adaptive.doneReason,
        classifiedAs: adaptive.classifiedAs,
        meetsTargets: regret <= TARGET_REGRET && ratio <= TARGET_RATIO,
      });
    }
  }
  return rows;
};

const PERCENT = 100;

/** The rows as a fixed-width text table. */
const formatSampleEfficiencyTable = (rows: readonly SampleEfficiencyRow[]): string => {
  const header = [
    'pattern',
    'strategy',
    'exhaustive',
    'adaptive',
    'ratio',
    'regret',
    'choice',
    'best',
    'sizes',
    'stop',
    'classified as',
    'ok',
  ];
  const body = rows.map((row) => [
    row.pattern,
    row.strategy,
    String(row.exhaustiveInvocations),
    String(row.adaptiveInvocations),
    row.ratio.toFixed(3),
    `${(row.regret * PERCENT).toFixed(2)}%`,
    `${row.adaptivePower ?? '-'} MB`,
    `${row.bestPower} MB`,
    String(row.sizesMeasured),
    row.doneReason ?? '-',
    row.classifiedAs,
    row.meetsTargets ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const seeds = process.argv.slice(2).map(Number).filter(Number.isFinite);
  let failures = 0;
  for (const seed of seeds.length > 0 ? seeds : [1]) {
    const started = performance.now();
    const rows = runSampleEfficiencyBench({ seed });
    failures += rows.filter((row) => !row.meetsTargets).length;
    console.log(`\nSample efficiency, seed ${seed} (${((performance.now() - started) / 1000).toFixed(1)} s):`);
    console.log(formatSampleEfficiencyTable(rows));
  }
  console.log(failures === 0 ? '\nAll rows meet the targets.' : `\n${failures} row(s) miss a target.`);
}

export { formatSampleEfficiencyTable, runSampleEfficiencyBench };
export type { SampleEfficiencyRow };
