/**
 * Durations in one vocabulary for every table, chart axis and sentence. The
 * styles differ only where the space differs; a unit is always spelled `ms`,
 * `s` or `min`.
 *
 * @module core/format/format-duration
 */
import { MS_PER_SECOND } from '../constants.js';
import { groupThousands, NO_VALUE } from './format-numbers.js';

/**
 * - `table` (default): `402.95 ms` below a second, then three significant
 *   digits (`12.3 s`), then minutes (`1.5 min`) — report tables and facts.
 * - `axis`: at most eight columns (`330 ms`, `4.2 ms`, then as `table`) — chart axes.
 * - `sentence`: `4.2 ms`, `2,163 ms`, `35.0 s` from ten seconds on — explanations.
 */
type DurationStyle = 'table' | 'axis' | 'sentence';

interface FormatDurationOptions {
  style?: DurationStyle;
}

const SECONDS_PER_MINUTE = 60;
const TABLE_MS_DECIMALS = 2;
const SIGNIFICANT_DIGITS = 3;
const ONE_DECIMAL = 1;
/** Below this, `axis` and `sentence` keep one decimal of a millisecond. */
const AXIS_DECIMAL_MS_BELOW = 10;
const SENTENCE_DECIMAL_MS_BELOW = 100;
/** From this duration on, a sentence reads seconds rather than milliseconds. */
const SENTENCE_SECONDS_FROM_MS = 10_000;

const formatTable = (ms: number): string => {
  if (ms < MS_PER_SECOND) return `${ms.toFixed(TABLE_MS_DECIMALS)} ms`;
  const seconds = ms / MS_PER_SECOND;
  if (seconds < SECONDS_PER_MINUTE) return `${Number(seconds.toPrecision(SIGNIFICANT_DIGITS))} s`;
  return `${Number((seconds / SECONDS_PER_MINUTE).toPrecision(SIGNIFICANT_DIGITS))} min`;
};

const formatAxis = (ms: number): string => {
  if (ms < AXIS_DECIMAL_MS_BELOW) return `${Number(ms.toFixed(ONE_DECIMAL))} ms`;
  if (ms < MS_PER_SECOND) return `${Math.round(ms)} ms`;
  return formatTable(ms);
};

const formatSentence = (ms: number): string => {
  if (ms >= SENTENCE_SECONDS_FROM_MS) return `${groupThousands((ms / MS_PER_SECOND).toFixed(ONE_DECIMAL))} s`;
  if (ms < SENTENCE_DECIMAL_MS_BELOW) return `${ms.toFixed(ONE_DECIMAL)} ms`;
  return `${groupThousands(Math.round(ms))} ms`;
};

const STYLES: Record<DurationStyle, (ms: number) => string> = {
  table: formatTable,
  axis: formatAxis,
  sentence: formatSentence,
};

/**
 * A duration in milliseconds, in the given style; `—` when there is none.
 *
 * @example
 * formatDuration(402.953);                          // '402.95 ms'
 * formatDuration(12_345);                           // '12.3 s'
 * formatDuration(330.14, { style: 'axis' });        // '330 ms'
 * formatDuration(2163.4, { style: 'sentence' });    // '2,163 ms'
 */
const formatDuration = (ms: number | undefined, { style = 'table' }: FormatDurationOptions = {}): string =>
  ms === undefined || !Number.isFinite(ms) ? NO_VALUE : STYLES[style](ms);

export { formatDuration };
export type { DurationStyle, FormatDurationOptions };
