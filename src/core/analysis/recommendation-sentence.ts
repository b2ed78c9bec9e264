/**
 * The plain-language recommendation sentence.
 *
 * @module core/analysis/recommendation-sentence
 */
import { describeCostChange, describeSpeedChange, formatMemory } from '../format/format-numbers.js';
import type { Strategy } from '../types.js';

/** The figures a sentence compares. */
interface SentencePoint {
  value: number;
  averageDuration: number;
  averagePrice: number;
}

const SUPERLATIVE: Record<Strategy, string> = {
  cost: 'the cheapest',
  speed: 'the fastest',
  balanced: 'the best balance of cost and speed',
};

/** "3.1x faster and 12.0% more expensive than 128 MB", or the best phrasing when one side is unchanged. */
const compare = (point: SentencePoint, baseline: SentencePoint): string => {
  const speed = describeSpeedChange({ durationMs: point.averageDuration, baselineMs: baseline.averageDuration });
  const cost = describeCostChange({ cost: point.averagePrice, baselineCost: baseline.averagePrice });
  const base = formatMemory(baseline.value);
  if (speed.kind === 'same' && cost.kind === 'same') return `the same speed and cost as ${base}`;
  if (speed.kind === 'same') return `as fast as ${base} and ${cost.text}`;
  if (cost.kind === 'same') return `${speed.text} than ${base} at the same cost`;
  return `${speed.text} and ${cost.text} than ${base}`;
};

/**
 * The recommendation as one sentence, comparing the winner with the
 * smallest size that completed (the baseline):
 * `"1536 MB: 14.2x faster and 13.9% cheaper than 128 MB"`. When the winner
 * is the baseline, says so and compares the runner-up instead; a single
 * completed size says it is the only one.
 *
 * @example
 * recommendationSentence({ winner, baseline, runnerUp, strategy: 'cost', completed: 6 });
 */
const recommendationSentence = ({
  winner,
  baseline,
  runnerUp,
  strategy,
  completed,
}: {
  winner: SentencePoint;
  baseline: SentencePoint;
  runnerUp?: SentencePoint;
  strategy: Strategy;
  completed: number;
}): string => {
  const name = formatMemory(winner.value);
  if (completed <= 1) return `${name} is the only size that completed`;
  if (winner.value !== baseline.value) return `${name}: ${compare(winner, baseline)}`;
  const head = `${name}: the smallest size tested is also ${SUPERLATIVE[strategy]}`;
  return runnerUp === undefined ? head : `${head}; ${formatMemory(runnerUp.value)} is ${compare(runnerUp, winner)}`;
};

export { recommendationSentence };
export type { SentencePoint };
