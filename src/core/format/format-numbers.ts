/**
 * Small, locale-free number formatting used in sentences and tables.
 *
 * @module core/format/format-numbers
 */
import { PERCENT } from '../constants.js';

/** Ratios within this share of 1 read as "as fast". */
const SAME_SPEED_TOLERANCE = 0.05;
/** Percent changes below this (in %) read as "the same cost". */
const SAME_COST_TOLERANCE_PERCENT = 0.05;
const RATIO_DECIMALS = 1;
const PERCENT_DECIMALS = 1;
/** The one glyph of a speed-up or slow-down factor, everywhere (`14.2×`). */
const RATIO_GLYPH = '×';
/** What every table, sentence and chart shows for a value that does not exist (a failed size, no data). */
const NO_VALUE = '—';
const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/**
 * Commas between thousands, decimals kept as given: `1536` → `"1,536"`,
 * `"12345.68"` → `"12,345.68"` (what `toLocaleString('en-US')` gives, without
 * depending on the runtime's locale data).
 *
 * @example
 * groupThousands(1536); // '1,536'
 */
const groupThousands = (value: number | string): string => {
  const [whole = '', fraction] = String(value).split('.');
  return fraction === undefined ? whole.replace(THOUSANDS, ',') : `${whole.replace(THOUSANDS, ',')}.${fraction}`;
};

const isUsable = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value);

/**
 * A memory size, everywhere (tables, sentences, charts): `"1,536 MB"`; `—`
 * when there is none.
 *
 * @example
 * formatMemory(1536); // '1,536 MB'
 */
const formatMemory = (memoryMB: number | undefined): string =>
  isUsable(memoryMB) ? `${groupThousands(memoryMB)} MB` : NO_VALUE;

/**
 * A speed-up or slow-down factor with one decimal: `"14.2×"`; `—` when there is none.
 *
 * @example
 * formatRatio(14.1666); // '14.2×'
 */
const formatRatio = (ratio: number | undefined): string =>
  isUsable(ratio) ? `${ratio.toFixed(RATIO_DECIMALS)}${RATIO_GLYPH}` : NO_VALUE;

/**
 * A percentage with one decimal, without sign: `"13.9%"`.
 *
 * @example
 * formatPercent(-13.94); // '13.9%'
 */
const formatPercent = (percent: number): string => `${Math.abs(percent).toFixed(PERCENT_DECIMALS)}%`;

/**
 * How `durationMs` compares with `baselineMs`: `{ kind: 'faster', text: '3.1× faster' }`,
 * `slower`, or `same` within 5%.
 *
 * @example
 * describeSpeedChange({ durationMs: 100, baselineMs: 310 }).text; // '3.1× faster'
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
 * The signed change of `cost` against `baselineCost` in percent, or `0` when
 * it reads as the same cost (below 0.05%, or no baseline). Behind
 * `describeCostChange` and the explanation's "costs 13.9% less", so both
 * call the same costs "the same".
 *
 * @example
 * costChangePercent({ cost: 0.861, baselineCost: 1 }); // -13.9 (about)
 */
const costChangePercent = ({ cost, baselineCost }: { cost: number; baselineCost: number }): number => {
  if (baselineCost <= 0) return 0;
  const percent = ((cost - baselineCost) / baselineCost) * PERCENT;
  return Math.abs(percent) < SAME_COST_TOLERANCE_PERCENT ? 0 : percent;
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
  const percent = costChangePercent({ cost, baselineCost });
  if (percent === 0) return { kind: 'same', text: 'the same cost' };
  return percent < 0
    ? { kind: 'cheaper', text: `${formatPercent(percent)} cheaper` }
    : { kind: 'more expensive', text: `${formatPercent(percent)} more expensive` };
};

export {
  costChangePercent,
  describeCostChange,
  describeSpeedChange,
  formatMemory,
  formatPercent,
  formatRatio,
  groupThousands,
  NO_VALUE,
  RATIO_GLYPH,
};
