/**
 * Numbers and symbols the report renderers share.
 *
 * @module report/constants
 */

/** Currency symbols; any other currency is shown by its ISO code. */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  USD: '$',
  CNY: '¥',
} as const;

const Formatting = {
  /** Significant digits of a per-invocation price (`$0.0000008484`). */
  priceSignificantDigits: 4,
  /** Decimals of a duration below one second (`402.95 ms`). */
  msDecimals: 2,
  /** Significant digits of a duration of a second or more (`12.3 s`). */
  secondsSignificantDigits: 3,
  msPerSecond: 1000,
  secondsPerMinute: 60,
  invocationsPerMillion: 1_000_000,
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

export { CURRENCY_SYMBOLS, DEFAULT_HTML_TITLE, Formatting, LOG_SCALE_RATIO, NONE, Terminal };
