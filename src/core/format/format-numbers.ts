/**
 * Small, locale-free number formatting used in sentences and tables.
 *
 * @module core/format/format-numbers
 */

/** Ratios within this share of 1 read as "as fast". */
const SAME_SPEED_TOLERANCE = 0.05;
/** Percent changes below this (in %) read as "the same cost". */
const SAME_COST_TOLERANCE_PERCENT = 0.05;
const RATIO_DECIMALS = 1;
const PERCENT_DECIMALS = 1;
const PERCENT = 100;

/**
 * `"1536 MB"`.
 *
 * @example
 * formatMemory(1536); // '1536 MB'
 */
const formatMemory = (memoryMB: number): string => `${memoryMB} MB`;

/**
 * A speed-up or slow-down factor with one decimal: `"14.2x"`.
 *
 * @example
 * formatRatio(14.1666); // '14.2x'
 */
const formatRatio = (ratio: number): string => `${ratio.toFixed(RATIO_DECIMALS)}x`;

/**
 * A percentage with one decimal, without sign: `"13.9%"`.
 *
 * @example
 * formatPercent(-13.94); // '13.9%'
 */
const formatPercent = (percent: number): string => `${Math.abs(percent).toFixed(PERCENT_DECIMALS)}%`;

/**
 * How `durationMs` compares with `baselineMs`: `{ kind: 'faster', text: '3.1x faster' }`,
 * `slower`, or `same` within 5%.
 *
 * @example
 * describeSpeedChange({ durationMs: 100, baselineMs: 310 }).text; // '3.1x faster'
 */
const describeSpeedChange = ({
  durationMs,
  baselineMs,
}: {
  durationMs: number;
  baselineMs: number;
}): { kind: 'faster' | 'slower' | 'same'; text: string } => {
  if (durationMs <= 0 || baselineMs <= 0) return { kind: 'same', text: 'as fast' };
  const ratio = baselineMs / durationMs;
  if (Math.abs(ratio - 1) < SAME_SPEED_TOLERANCE || formatRatio(ratio) === formatRatio(1)) {
    return { kind: 'same', text: 'as fast' };
  }
  return ratio > 1
    ? { kind: 'faster', text: `${formatRatio(ratio)} faster` }
    : { kind: 'slower', text: `${formatRatio(1 / ratio)} slower` };
};

/**
 * How `cost` compares with `baselineCost`: `13.9% cheaper`, `12.0% more
 * expensive`, or `same` below 0.05%.
 *
 * @example
 * describeCostChange({ cost: 0.861, baselineCost: 1 }).text; // '13.9% cheaper'
 */
const describeCostChange = ({
  cost,
  baselineCost,
}: {
  cost: number;
  baselineCost: number;
}): { kind: 'cheaper' | 'more expensive' | 'same'; text: string } => {
  if (baselineCost <= 0) return { kind: 'same', text: 'the same cost' };
  const percent = ((cost - baselineCost) / baselineCost) * PERCENT;
  if (Math.abs(percent) < SAME_COST_TOLERANCE_PERCENT) return { kind: 'same', text: 'the same cost' };
  return percent < 0
    ? { kind: 'cheaper', text: `${formatPercent(percent)} cheaper` }
    : { kind: 'more expensive', text: `${formatPercent(percent)} more expensive` };
};

export { describeCostChange, describeSpeedChange, formatMemory, formatPercent, formatRatio };
