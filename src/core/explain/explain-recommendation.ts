/**
 * The recommendation in sentences with numbers: which pattern the curve
 * follows, why the size was picked, and what the neighbours cost.
 *
 * @module core/explain/explain-recommendation
 */
import { INVOCATIONS_PER_MILLION, ONE_VCPU_MEMORY_MB, PERCENT } from '../constants.js';
import { formatDuration as formatAnyDuration } from '../format/format-duration.js';
import { formatMoney, formatPrice } from '../format/format-money.js';
import { describeSpeedChange, formatMemory } from '../format/format-numbers.js';
import type { Strategy } from '../types.js';
import { flattensFrom } from './classify-pattern.js';
import { LOOSE_MATCH_CONFIDENCE } from './constants.js';
import { UnknownSizeError } from './errors.js';
import { describeCost } from './format-explanation.js';
import type { CurvePattern, CurvePoint, PatternClassification } from './types.js';

/** Explanations spell durations in the sentence style (`2,163 ms`, `35.0 s`). */
const formatDuration = (ms: number): string => formatAnyDuration(ms, { style: 'sentence' });

const LABELS: Readonly<Record<CurvePattern, string>> = {
  trivial: 'Trivial (no-op)',
  'cpu-single-thread': 'CPU-bound, single-threaded',
  'cpu-multi-thread': 'CPU-bound, multi-threaded',
  'network-flat': 'Network-bound, flat',
  'network-scaling': 'Network-bound, scales with power',
  unknown: 'Measured',
};

/** The headline label when no pattern reaches `LOOSE_MATCH_CONFIDENCE`. */
const UNCLEAR_LABEL = 'Pattern unclear';

const PICKED_FOR: Readonly<Record<Strategy, string>> = {
  cost: 'the lowest cost',
  speed: 'the shortest duration',
  balanced: 'the best balance of cost and speed',
};

interface PricedPoint {
  value: number;
  averageDuration: number;
  averagePrice: number;
}

/** "runs 14.2× faster than 128 MB and costs 13.9% less". */
const compare = (point: PricedPoint, baseline: PricedPoint): string => {
  const speed = describeSpeedChange({ durationMs: point.averageDuration, baselineMs: baseline.averageDuration });
  const cost = describeCost({ cost: point.averagePrice, baselineCost: baseline.averagePrice });
  const base = formatMemory(baseline.value);
  return speed.kind === 'same' ? `runs as fast as ${base} and ${cost}` : `runs ${speed.text} than ${base} and ${cost}`;
};

/** The pattern's reason, as the tail of the headline. */
const patternTail = ({
  pattern,
  points,
  winner,
}: {
  pattern: CurvePattern;
  points: readonly PricedPoint[];
  winner: PricedPoint;
}): string => {
  const vcpu = formatMemory(ONE_VCPU_MEMORY_MB);
  const first = points[0];
  const last = points.at(-1);
  switch (pattern) {
    case 'cpu-single-thread':
      return `; above ${vcpu} it gains nothing because it uses one core`;
    case 'cpu-multi-thread':
      return `; it keeps getting faster above ${vcpu} because it uses more than one core`;
    case 'network-flat':
      return first === undefined || last === undefined || first === last
        ? '; duration barely depends on memory, so extra memory mostly adds cost'
        : `; duration barely depends on memory (${formatDuration(first.averageDuration)} at ${formatMemory(first.value)}, ` +
            `${formatDuration(last.averageDuration)} at ${formatMemory(last.value)}), so extra memory mostly adds cost`;
    case 'network-scaling': {
      const from = flattensFrom(points);
      return from === winner.value
        ? '; the gains flatten out beyond it'
        : `; the gains flatten out from about ${formatMemory(from)}`;
    }
    case 'trivial':
      return '; it finishes in a few milliseconds at every size, so billing rounding and the request charge decide the cost';
    default:
      return '';
  }
};

/**
 * Explains a recommendation in sentences with numbers:
 *
 * 1. the pattern and the headline, comparing the winner with the baseline
 *    (default: the smallest size), e.g. "CPU-bound, single-threaded: 1,536 MB
 *    runs 14.2× faster than 128 MB and costs 13.9% less; above 1,769 MB it
 *    gains nothing because it uses one core.";
 * 2. what the strategy optimised, with the winner's average duration, price
 *    per invocation and per million invocations;
 * 3. the best alternative for the other goal (the fastest size when
 *    optimising cost or balance, the cheapest when optimising speed), when it
 *    is a different size;
 * 4. below 60% confidence no pattern is claimed: the headline says
 *    "Pattern unclear" and a last sentence gives the confidence, the best
 *    guess (if any) and the evidence — a CPU-bound loop that stopped
 *    improving on a busy host is not called network-bound.
 *
 * `sizes` are the sizes that completed (a `PowerStats[]` fits); `pattern`
 * is a `classifyPattern` result or just its name.
 *
 * @throws {UnknownSizeError} when `winner` or `baseline` is not among `sizes`
 * @example
 * explainRecommendation({ sizes, winner: 1536, pattern: classifyPattern(sizes), strategy: 'cost', currency: 'USD' });
 * // ['CPU-bound, single-threaded: 1,536 MB runs 14.2× faster than 128 MB and costs 13.9% less; above 1,769 MB …', …]
 */
const explainRecommendation = ({
  sizes,
  winner,
  baseline,
  pattern,
  strategy,
  currency = 'USD',
}: {
  sizes: readonly CurvePoint[];
  winner: number;
  baseline?: number;
  pattern: PatternClassification | CurvePattern;
  strategy: Strategy;
  currency?: string;
}): string[] => {
  const points: PricedPoint[] = sizes
    .map((size) => ({ value: size.value, averageDuration: size.averageDuration, averagePrice: size.averagePrice ?? 0 }))
    .sort((a, b) => a.value - b.value);
  const measured = points.map((point) => point.value);
  const find = (power: number): PricedPoint => {
    const point = points.find((candidate) => candidate.value === power);
    if (point === undefined) throw new UnknownSizeError({ power, measured });
    return point;
  };
  const best = find(winner);
  const base = find(baseline ?? measured[0] ?? winner);
  const guess = typeof pattern === 'string' ? pattern : pattern.pattern;
  // Below the confidence threshold the words claim no pattern: the headline says "Pattern unclear" and a caveat gives the evidence.
  const unclear = typeof pattern !== 'string' && pattern.confidence > 0 && pattern.confidence < LOOSE_MATCH_CONFIDENCE;
  const name: CurvePattern = unclear ? 'unknown' : guess;
  const label = unclear ? UNCLEAR_LABEL : LABELS[name];
  const sentences: string[] = [];

  const headline =
    best.value === base.value
      ? `${label}: ${formatMemory(best.value)} is the smallest size measured and already ${PICKED_FOR[strategy]}`
      : `${label}: ${formatMemory(best.value)} ${compare(best, base)}`;
  sentences.push(`${headline}${patternTail({ pattern: name, points, winner: best })}.`);

  const price = formatPrice(best.averagePrice, currency);
  const perMillion = formatMoney(best.averagePrice * INVOCATIONS_PER_MILLION, currency);
  sentences.push(
    `Picked for ${PICKED_FOR[strategy]}: ${formatDuration(best.averageDuration)} on average, ${price} per invocation (${perMillion} per 1M invocations).`,
  );

  const fastest = points.reduce((a, b) => (b.averageDuration < a.averageDuration ? b : a), best);
  const cheapest = points.reduce((a, b) => (b.averagePrice < a.averagePrice ? b : a), best);
  const alternative = strategy === 'speed' ? cheapest : fastest;
  if (alternative.value !== best.value) {
    const role = strategy === 'speed' ? 'The cheapest size' : 'The fastest size';
    sentences.push(`${role}, ${formatMemory(alternative.value)}, ${compare(alternative, best)}.`);
  }

  if (unclear) {
    const confidence = Math.round(pattern.confidence * PERCENT);
    sentences.push(
      pattern.pattern === 'unknown'
        ? `Why it behaves like this is unclear (confidence ${confidence}%): ${pattern.evidence}.`
        : `It looks most like "${LABELS[pattern.pattern]}", but only loosely (confidence ${confidence}%: ${pattern.evidence}); measure more sizes to be sure.`,
    );
  }
  return sentences;
};

export { explainRecommendation };
