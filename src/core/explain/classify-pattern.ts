/**
 * Which of the article's cost/performance patterns a measured curve follows.
 *
 * @module core/explain/classify-pattern
 */
import { ONE_VCPU_MEMORY_MB } from '../constants.js';
import { formatMemory, formatRatio, RATIO_GLYPH } from '../format/format-numbers.js';
import { CLASSIFIER } from './constants.js';
import type { CurveFeatures, CurvePoint, PatternClassification } from './types.js';

const TWO_DECIMALS = 2;

/** Duration at `power` by log–log interpolation between the measured sizes (clamped to the measured range). */
const durationAt = (points: readonly CurvePoint[], power: number): number => {
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) return 0;
  if (power <= first.value) return first.averageDuration;
  if (power >= last.value) return last.averageDuration;
  const upperIndex = points.findIndex((point) => point.value >= power);
  const upper = points[upperIndex] ?? last;
  const lower = points[upperIndex - 1] ?? first;
  const t = Math.log(power / lower.value) / Math.log(upper.value / lower.value);
  return Math.exp(
    Math.log(lower.averageDuration) + t * (Math.log(upper.averageDuration) - Math.log(lower.averageDuration)),
  );
};

/** −Δln(duration)/Δln(memory) between `from` and `to`, clamped to the measured range; undefined when the range is too short. */
const elasticity = (points: readonly CurvePoint[], from: number, to: number): number | undefined => {
  const min = points[0]?.value ?? 0;
  const max = points.at(-1)?.value ?? 0;
  const a = Math.max(from, min);
  const b = Math.min(to, max);
  if (b / a < CLASSIFIER.minSegmentRatio) return undefined;
  return -Math.log(durationAt(points, b) / durationAt(points, a)) / Math.log(b / a);
};

/**
 * The smallest measured size from which the curve has flattened: every later
 * segment between measured sizes has a local elasticity below 0.5. Exported
 * for explanations.
 *
 * @example
 * flattensFrom([{ value: 128, averageDuration: 350 }, { value: 512, averageDuration: 45 }, { value: 1024, averageDuration: 35 }]); // 512
 */
const flattensFrom = (sortedPoints: readonly CurvePoint[]): number => {
  let from = sortedPoints.at(-1)?.value ?? 0;
  for (let i = sortedPoints.length - 1; i > 0; i -= 1) {
    const lower = sortedPoints[i - 1];
    const upper = sortedPoints[i];
    if (lower === undefined || upper === undefined) break;
    const local = -Math.log(upper.averageDuration / lower.averageDuration) / Math.log(upper.value / lower.value);
    if (local >= CLASSIFIER.flattenedMaxElasticity) break;
    from = lower.value;
  }
  return from;
};

/**
 * The size at which a curve that was running ∝ 1/memory stops improving at
 * once, below one vCPU: after a measured segment with elasticity ≥ 0.75, a
 * later one (spanning at least a 1.3 memory ratio) with |elasticity| ≤ 0.15,
 * both ending at or below 1,769 MB. Undefined when the curve bends gradually (network calls plus
 * some CPU: the waiting time is a floor the CPU part approaches).
 */
const abruptStopBelowVcpu = (sortedPoints: readonly CurvePoint[]): number | undefined => {
  const below = sortedPoints.filter((point) => point.value <= ONE_VCPU_MEMORY_MB);
  const local = (a: CurvePoint, b: CurvePoint): number =>
    -Math.log(b.averageDuration / a.averageDuration) / Math.log(b.value / a.value);
  let proportionalSeen = false;
  for (let i = 1; i < below.length; i += 1) {
    const [a, b] = [below[i - 1], below[i]];
    if (a === undefined || b === undefined) continue;
    const elasticity = local(a, b);
    if (elasticity >= CLASSIFIER.cpuMinElasticity) proportionalSeen = true;
    else if (
      proportionalSeen &&
      b.value / a.value >= CLASSIFIER.minSegmentRatio &&
      Math.abs(elasticity) <= CLASSIFIER.abruptStopMaxElasticity
    ) {
      return a.value;
    }
  }
  return undefined;
};

/** 0.5 on the threshold, rising to 1 at `fullConfidenceMargin` (relative) away from it. */
const marginConfidence = (value: number, threshold: number): number => {
  const margin = Math.abs(value - threshold) / Math.max(Math.abs(threshold), Number.EPSILON);
  return (
    CLASSIFIER.boundaryConfidence +
    (1 - CLASSIFIER.boundaryConfidence) * Math.min(1, margin / CLASSIFIER.fullConfidenceMargin)
  );
};

const round = (value: number): number => Number(value.toFixed(TWO_DECIMALS));

const roundFeatures = (features: CurveFeatures): CurveFeatures => {
  const rounded: CurveFeatures = {
    maxDurationMs: round(features.maxDurationMs),
    speedup: round(features.speedup),
    flattensFromMB: features.flattensFromMB,
  };
  if (features.lowElasticity !== undefined) rounded.lowElasticity = round(features.lowElasticity);
  if (features.midElasticity !== undefined) rounded.midElasticity = round(features.midElasticity);
  if (features.highElasticity !== undefined) rounded.highElasticity = round(features.highElasticity);
  return rounded;
};

/**
 * Classifies a measured duration curve into the article's patterns:
 *
 * - `trivial` — every average at most 20 ms (the no-op: billing rounding dominates);
 * - `network-flat` — the slowest size is less than 1.5× the fastest (waiting on
 *   the network; also the single-threaded 150 MB download);
 * - `cpu-single-thread` — duration still falls ∝ 1/memory (elasticity ≥ 0.75)
 *   just below 1,769 MB and stops improving above it (< 0.35): one core;
 * - `cpu-multi-thread` — the same below 1,769 MB and still improving above;
 * - `network-scaling` — improves with power but flattens before the first
 *   vCPU boundary (the DynamoDB example: 350 → 45 ms, then little).
 *
 * Elasticities come from log–log interpolation, so unevenly spaced sizes (as
 * an adaptive search produces) work. `confidence` is 0.5 on a decision
 * boundary and 1 well away from every boundary used; 0 with fewer than two
 * sizes (`unknown`).
 *
 * @example
 * classifyPattern([
 *   { value: 128, averageDuration: 35000 }, { value: 1024, averageDuration: 4400 },
 *   { value: 1769, averageDuration: 2500 }, { value: 3008, averageDuration: 2490 },
 * ]).pattern; // 'cpu-single-thread'
 */
const classifyPattern = (sizes: readonly CurvePoint[]): PatternClassification => {
  const points = sizes
    .filter((point) => point.averageDuration > 0 && Number.isFinite(point.averageDuration))
    .slice()
    .sort((a, b) => a.value - b.value);
  const durations = points.map((point) => point.averageDuration);
  const maxDurationMs = durations.length > 0 ? Math.max(...durations) : 0;
  const fastest = durations.length > 0 ? Math.min(...durations) : 0;
  const features: CurveFeatures = {
    maxDurationMs,
    speedup: fastest > 0 ? maxDurationMs / fastest : 1,
    flattensFromMB: flattensFrom(points),
  };
  const low = elasticity(points, 0, CLASSIFIER.midSegmentStartMB);
  const mid = elasticity(points, CLASSIFIER.midSegmentStartMB, ONE_VCPU_MEMORY_MB);
  const high = elasticity(points, ONE_VCPU_MEMORY_MB, Number.POSITIVE_INFINITY);
  if (low !== undefined) features.lowElasticity = low;
  if (mid !== undefined) features.midElasticity = mid;
  if (high !== undefined) features.highElasticity = high;
  const result = (
    pattern: PatternClassification['pattern'],
    confidence: number,
    evidence: string,
  ): PatternClassification => ({
    pattern,
    confidence: round(confidence),
    features: roundFeatures(features),
    evidence,
  });
  const vcpu = formatMemory(ONE_VCPU_MEMORY_MB);

  if (points.length < 2) return result('unknown', 0, 'fewer than two sizes completed');
  if (maxDurationMs <= CLASSIFIER.trivialMaxDurationMs) {
    return result(
      'trivial',
      marginConfidence(maxDurationMs, CLASSIFIER.trivialMaxDurationMs),
      `every size averages at most ${maxDurationMs.toFixed(1)} ms`,
    );
  }
  const flatConfidence = marginConfidence(features.speedup, CLASSIFIER.flatMaxSpeedup);
  if (features.speedup < CLASSIFIER.flatMaxSpeedup) {
    return result(
      'network-flat',
      flatConfidence,
      `the slowest size is only ${features.speedup.toFixed(2)}${RATIO_GLYPH} slower than the fastest`,
    );
  }
  // Elasticity below one vCPU: the mid segment, else whatever lies below 1,769 MB.
  // The mid segment interpolates up to 1,769 MB, across the knee of a
  // single-threaded curve when the next measured size is far above it (1,536 →
  // 3,008 MB): that understates it. A segment between measured sizes gives the
  // honest slope, so take the larger of the two.
  // The last measured segment that ends at or below 1,769 MB (a network-bound
  // curve has flattened by then; a CPU-bound one still falls ∝ 1/memory).
  const measuredBelow = points.filter((point) => point.value <= ONE_VCPU_MEMORY_MB);
  const lastBelow = measuredBelow.at(-1);
  const startWithRatio = (ratio: number): CurvePoint | undefined =>
    lastBelow === undefined
      ? undefined
      : measuredBelow.filter((point) => lastBelow.value / point.value >= ratio).at(-1);
  const segmentStart = startWithRatio(CLASSIFIER.preferredSegmentRatio) ?? startWithRatio(CLASSIFIER.minSegmentRatio);
  const measuredSlope =
    segmentStart !== undefined && lastBelow !== undefined
      ? elasticity(points, segmentStart.value, lastBelow.value)
      : undefined;
  const interpolated = mid ?? elasticity(points, 0, ONE_VCPU_MEMORY_MB);
  const belowVcpu =
    interpolated === undefined
      ? measuredSlope
      : measuredSlope === undefined
        ? interpolated
        : Math.max(interpolated, measuredSlope);
  if (belowVcpu === undefined) {
    return result(
      'network-scaling',
      CLASSIFIER.boundaryConfidence,
      `it runs ${formatRatio(features.speedup)} faster at the largest size`,
    );
  }
  const cpuConfidence = Math.min(flatConfidence, marginConfidence(belowVcpu, CLASSIFIER.cpuMinElasticity));
  const stop = abruptStopBelowVcpu(points);
  if (belowVcpu < CLASSIFIER.cpuMinElasticity && stop !== undefined) {
    // Proportional, then dead flat below one vCPU: a CPU limit (a busy host) looks exactly like this; do not claim "network".
    return result(
      'unknown',
      CLASSIFIER.abruptStopConfidence,
      `duration falls ∝ 1/memory up to ${formatMemory(stop)} and then stops improving at once, below ${vcpu}: ` +
        'waiting on the network, or CPU the host could not give (a busy machine under the local emulator does this)',
    );
  }
  if (belowVcpu < CLASSIFIER.cpuMinElasticity) {
    return result(
      'network-scaling',
      cpuConfidence,
      `it gets ${formatRatio(features.speedup)} faster but sub-linearly below ${vcpu} (elasticity ${belowVcpu.toFixed(2)}) and flattens from ${formatMemory(features.flattensFromMB)}`,
    );
  }
  if (high === undefined) {
    return result(
      'cpu-single-thread',
      Math.min(cpuConfidence, CLASSIFIER.unmeasuredHighConfidence),
      `duration falls ∝ 1/memory up to ${vcpu} (elasticity ${belowVcpu.toFixed(2)}); sizes above it were not measured`,
    );
  }
  const threadConfidence = Math.min(cpuConfidence, marginConfidence(high, CLASSIFIER.multiThreadMinElasticity));
  if (high >= CLASSIFIER.multiThreadMinElasticity) {
    return result(
      'cpu-multi-thread',
      threadConfidence,
      `duration falls ∝ 1/memory up to ${vcpu} (elasticity ${belowVcpu.toFixed(2)}) and keeps falling above it (${high.toFixed(2)})`,
    );
  }
  return result(
    'cpu-single-thread',
    threadConfidence,
    `duration falls ∝ 1/memory up to ${vcpu} (elasticity ${belowVcpu.toFixed(2)}) and is flat above it (${high.toFixed(2)})`,
  );
};

export { classifyPattern, flattensFrom };
