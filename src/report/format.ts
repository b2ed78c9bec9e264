/**
 * Number formatting shared by every renderer, so a value reads the same in
 * the terminal, Markdown and HTML.
 *
 * @module report/format
 */
import { formatMoney as formatAmount, formatPrice as formatAmountPrecisely, INVOCATIONS_PER_MILLION } from '../core/index.js';
import { Formatting, NONE } from './constants.js';

const isUsable = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value);

/**
 * A duration in milliseconds: `402.95 ms` below a second, then seconds with
 * three significant digits (`12.3 s`, `1.23 s`), then minutes.
 *
 * @example
 * formatDuration(402.953); // '402.95 ms'
 * formatDuration(12_345); // '12.3 s'
 */
const formatDuration = (ms: number | undefined): string => {
  if (!isUsable(ms)) return NONE;
  if (ms < Formatting.msPerSecond) return `${ms.toFixed(Formatting.msDecimals)} ms`;
  const seconds = ms / Formatting.msPerSecond;
  if (seconds < Formatting.secondsPerMinute) {
    return `${Number(seconds.toPrecision(Formatting.secondsSignificantDigits))} s`;
  }
  return `${Number((seconds / Formatting.secondsPerMinute).toPrecision(Formatting.secondsSignificantDigits))} min`;
};

/**
 * A duration for an axis label, at most eight columns: `330 ms`, `11.9 s`.
 *
 * @example
 * formatDurationShort(330.14); // '330 ms'
 */
const formatDurationShort = (ms: number | undefined): string => {
  if (!isUsable(ms)) return NONE;
  const tenMs = 10;
  if (ms < tenMs) return `${Number(ms.toFixed(1))} ms`;
  if (ms < Formatting.msPerSecond) return `${Math.round(ms)} ms`;
  return formatDuration(ms);
};

/**
 * A per-invocation price with four significant digits and no exponent
 * (`$0.0000008484`, core's `formatPrice`), or `—` when there is none.
 *
 * @example
 * formatPrice(8.484e-7, 'USD'); // '$0.0000008484'
 */
const formatPrice = (value: number | undefined, currency: string): string =>
  isUsable(value) ? formatAmountPrecisely(value, currency) : NONE;

/**
 * An amount of money such as the cost of one million invocations or of a
 * whole run (`$1,234.50`, `$0.002893`: core's `formatMoney`), or `—` when
 * there is none.
 *
 * @example
 * formatMoney(0.8484, 'USD'); // '$0.85'
 */
const formatMoney = (value: number | undefined, currency: string): string =>
  isUsable(value) ? formatAmount(value, currency) : NONE;

/**
 * The cost of one million invocations from a per-invocation price.
 *
 * @example
 * formatPerMillion(8.484e-7, 'USD'); // '$0.85'
 */
const formatPerMillion = (price: number | undefined, currency: string): string =>
  formatMoney(isUsable(price) ? price * INVOCATIONS_PER_MILLION : undefined, currency);

/**
 * A signed relative change: `+5.0%`, `−13.9%` (true minus sign), `±0.0%`.
 *
 * @example
 * formatChange(-0.139); // '−13.9%'
 */
const formatChange = (ratio: number | undefined): string => {
  if (!isUsable(ratio)) return NONE;
  const text = Math.abs(ratio * 100).toFixed(Formatting.percentDecimals);
  if (Number(text) === 0) return `±${text}%`;
  return `${ratio > 0 ? '+' : '−'}${text}%`;
};

/**
 * A speed-up factor: `14.2×`.
 *
 * @example
 * formatFactor(14.23); // '14.2×'
 */
const formatFactor = (factor: number | undefined): string =>
  isUsable(factor) ? `${factor.toFixed(Formatting.factorDecimals)}×` : NONE;

/**
 * A memory size: `1536 MB`.
 *
 * @example
 * formatMemory(1536); // '1536 MB'
 */
const formatMemory = (mb: number | undefined): string => (isUsable(mb) ? `${mb} MB` : NONE);

/**
 * A ratio as a whole percentage, without sign: `18%` (rounded) for
 * sentences. (Core's `formatPercent` takes a percentage, not a ratio.)
 *
 * @example
 * formatRatioPercent(0.183); // '18%'
 */
const formatRatioPercent = (ratio: number): string => `${Math.round(Math.abs(ratio) * 100)}%`;

export {
  formatChange,
  formatDuration,
  formatDurationShort,
  formatFactor,
  formatMemory,
  formatMoney,
  formatPerMillion,
  formatPrice,
  formatRatioPercent,
};
