/**
 * Six simulated Lambda functions following the cost/performance patterns of
 * the power-tuning article (reference/power-tuning-article.txt): their
 * durations follow the article's curves, with seeded lognormal noise, rare
 * slow outliers, a cold start on the first call per size and Lambda's 1 ms
 * billing rounding. Used by the sample-efficiency bench and by tests.
 *
 * @module bench/simulated-functions
 */

/** Memory at which Lambda gives one full vCPU (MB). */
const ONE_VCPU_MB = 1_769;
/** The article's smallest size, the base of the curves (MB). */
const BASE_MB = 128;
/** Share of invocations that hit a slow outlier, and how slow. */
const OUTLIER_PROBABILITY = 0.01;
const OUTLIER_MIN_FACTOR = 1.3;
const OUTLIER_EXTRA_FACTOR = 0.7;

/** The six patterns of the article. */
const SIMULATED_PATTERNS = [
  'no-op',
  'cpu-single-thread',
  'cpu-multi-thread',
  'network-flat',
  'network-scaling',
  'large-download',
] as const;
type SimulatedPattern = (typeof SIMULATED_PATTERNS)[number];

/** One simulated invocation, as a REPORT line would describe it. */
interface SimulatedInvocation {
  durationMs: number;
  billedDurationMs: number;
  /** Present on cold starts (the first call at a size). */
  initDurationMs?: number;
  /** Set when the invocation fails (e.g. `Runtime.OutOfMemory` below the function's memory need). */
  error?: string;
}

/** A simulated function: its noiseless curve and a sampler. */
interface SimulatedFunction {
  pattern: SimulatedPattern;
  description: string;
  /** Median warm duration at `power` (ms), before noise. */
  medianDurationMs: (power: number) => number;
  /** Lognormal σ of the multiplicative noise. */
  noiseSigma: number;
  /** Init duration of a cold start (ms). */
  initDurationMs: number;
  /** Sizes below this fail with `Runtime.OutOfMemory` (MB). */
  minimumMemoryMB: number;
}

/** The share of one vCPU a size gets, relative to 128 MB, raised to `exponent` (>1: memory pressure at small sizes). */
const singleCoreSlowdown = (power: number, exponent: number): number =>
  (BASE_MB / Math.min(power, ONE_VCPU_MB)) ** exponent;

/** The six article patterns with curves calibrated to the article's numbers. */
const SIMULATED_FUNCTIONS: Readonly<Record<SimulatedPattern, SimulatedFunction>> = {
  // 1) No-op: ~5 ms at 128 MB, <2 ms from 1 GB; cost grows linearly with memory.
  'no-op': {
    pattern: 'no-op',
    description: 'trivial data manipulation (5 ms at 128 MB)',
    medianDurationMs: (power) => 1.1 + 3.9 * singleCoreSlowdown(power, 1),
    noiseSigma: 0.08,
    initDurationMs: 150,
    minimumMemoryMB: 0,
  },
  // 3) Prime numbers: 35 s at 128 MB, one core: ∝ 1/memory up to 1,769 MB then flat.
  'cpu-single-thread': {
    pattern: 'cpu-single-thread',
    description: 'CPU-bound, single-threaded (35 s at 128 MB)',
    medianDurationMs: (power) => 15 + 35_000 * singleCoreSlowdown(power, 1.06),
    noiseSigma: 0.03,
    initDurationMs: 400,
    minimumMemoryMB: 0,
  },
  // 2) numpy matrix inversion: 10 s at 128 MB, 85% parallel: keeps improving above 1,769 MB.
  'cpu-multi-thread': {
    pattern: 'cpu-multi-thread',
    description: 'CPU-bound, multi-threaded (10 s at 128 MB, 85% parallel)',
    medianDurationMs: (power) => {
      const vcpus = Math.max(1, power / ONE_VCPU_MB);
      return 10_000 * singleCoreSlowdown(power, 1.05) * (0.15 + 0.85 / vcpus);
    },
    noiseSigma: 0.04,
    initDurationMs: 900,
    minimumMemoryMB: 0,
  },
  // 4) Third-party API: ~220 ms, waiting on the network; barely improves.
  'network-flat': {
    pattern: 'network-flat',
    description: 'network-bound, third-party API (220 ms at 128 MB)',
    medianDurationMs: (power) => 180 + 40 * singleCoreSlowdown(power, 1),
    noiseSigma: 0.15,
    initDurationMs: 250,
    minimumMemoryMB: 0,
  },
  // 5) Three DynamoDB queries: 350 ms at 128 MB, 160 at 256, flattening near 25 ms.
  'network-scaling': {
    pattern: 'network-scaling',
    description: 'network-bound, 3 DynamoDB queries (350 ms at 128 MB)',
    medianDurationMs: (power) => 25 + 325 * singleCoreSlowdown(power, 1.27),
    noiseSigma: 0.12,
    initDurationMs: 300,
    minimumMemoryMB: 0,
  },
  // 6) 150 MB S3 download: out of memory below 460 MB, ~5 s, slowly improving up to one vCPU.
  'large-download': {
    pattern: 'large-download',
    description: '150 MB S3 download (out of memory below 460 MB)',
    medianDurationMs: (power) => 4_000 + 1_500 * (512 / Math.min(power, ONE_VCPU_MB)) ** 0.8,
    noiseSigma: 0.08,
    initDurationMs: 350,
    minimumMemoryMB: 460,
  },
};

/** A standard normal deviate (Box–Muller) from a uniform source. */
const standardNormal = (random: () => number): number => {
  const u = Math.max(random(), Number.MIN_VALUE);
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};

/**
 * One invocation of `fn` at `power`: median × lognormal noise, a 1% chance
 * of a 1.3–2× outlier, billed duration rounded up to 1 ms (including the
 * init phase on a cold start).
 *
 * @example
 * sampleInvocation({ fn: SIMULATED_FUNCTIONS['no-op'], power: 128, random, cold: false }).billedDurationMs; // 5 or 6
 */
const sampleInvocation = ({
  fn,
  power,
  random,
  cold,
}: {
  fn: SimulatedFunction;
  power: number;
  random: () => number;
  cold: boolean;
}): SimulatedInvocation => {
  const outlier = random() < OUTLIER_PROBABILITY ? OUTLIER_MIN_FACTOR + OUTLIER_EXTRA_FACTOR * random() : 1;
  const durationMs = fn.medianDurationMs(power) * Math.exp(fn.noiseSigma * standardNormal(random)) * outlier;
  if (power < fn.minimumMemoryMB) {
    return { durationMs, billedDurationMs: Math.ceil(durationMs), error: 'Runtime.OutOfMemory' };
  }
  if (!cold) return { durationMs, billedDurationMs: Math.ceil(durationMs) };
  const initDurationMs = fn.initDurationMs * Math.exp(fn.noiseSigma * standardNormal(random));
  return { durationMs, billedDurationMs: Math.ceil(durationMs + initDurationMs), initDurationMs };
};

/**
 * A stateful simulated deployment of `pattern`: the first invocation at each
 * size is a cold start, the rest are warm.
 *
 * @example
 * const fn = createSimulatedFunction({ pattern: 'cpu-single-thread', random: createSeededRandom(1) });
 * fn.invoke(1769); // cold
 * fn.invoke(1769); // warm, ~2.2 s
 */
const createSimulatedFunction = ({
  pattern,
  random,
}: {
  pattern: SimulatedPattern;
  random: () => number;
}): { fn: SimulatedFunction; invoke: (power: number) => SimulatedInvocation } => {
  const fn = SIMULATED_FUNCTIONS[pattern];
  const warm = new Set<number>();
  const invoke = (power: number): SimulatedInvocation => {
    const cold = !warm.has(power);
    warm.add(power);
    return sampleInvocation({ fn, power, random, cold });
  };
  return { fn, invoke };
};

export { createSimulatedFunction, sampleInvocation, SIMULATED_FUNCTIONS, SIMULATED_PATTERNS };
export type { SimulatedFunction, SimulatedInvocation, SimulatedPattern };
