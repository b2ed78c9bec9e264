/**
 * Numbers and symbols the report renderers share.
 *
 * @module report/constants
 */
import { NO_VALUE } from '../core/index.js';

/** Memory, durations, money and factors are formatted by `core/format`. */
const Formatting = {
  /** Decimals of a percentage (`13.9%`). */
  percentDecimals: 1,
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

/** Placeholder for a value that does not exist (failed size, no data): core's, so reports and sentences agree. */
const NONE = NO_VALUE;

export { DEFAULT_HTML_TITLE, Formatting, LOG_SCALE_RATIO, NONE, Terminal };
