/**
 * Numbers and symbols the report renderers share.
 *
 * @module report/constants
 */

/** Money formats come from `core/format` (`formatMoney`, `formatPrice`). */
const Formatting = {
  /** Decimals of a duration below one second (`402.95 ms`). */
  msDecimals: 2,
  /** Significant digits of a duration of a second or more (`12.3 s`). */
  secondsSignificantDigits: 3,
  msPerSecond: 1000,
  secondsPerMinute: 60,
  /** Decimals of a percentage (`13.9%`). */
  percentDecimals: 1,
  /** Decimals of a speed-up factor (`14.2×`). */
  factorDecimals: 1,
} as const;

/** A duration axis turns logarithmic when max/min of the plotted values exceeds this. */
const LOG_SCALE_RATIO = 20;

const Terminal = {
  defaultWidth: 80,
  minWidth: 60,
  /** Rows of the chart's plotting area (each row is 4 braille dots high). */
  chartRows: 10,
  /** Columns of the axis labels either side of the plot. */
  axisLabelWidth: 9,
} as const;

const DEFAULT_HTML_TITLE = 'Lambda power tuning report';

/** Placeholder for a value that does not exist (failed size, no data). */
const NONE = '—';

export { DEFAULT_HTML_TITLE, Formatting, LOG_SCALE_RATIO, NONE, Terminal };
