/**
 * The few number formats only reports use (a signed change, a cost per
 * million, a rounded share). Memory, durations, money and factors come from
 * `core/format`, so a value reads the same in every report and sentence.
 *
 * @module report/format
 */
import { formatMoney, INVOCATIONS_PER_MILLION, PERCENT } from '../core/index.js';
import { Formatting, NONE } from './constants.js';

const isUsable = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value);

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
  const text = Math.abs(ratio * PERCENT).toFixed(Formatting.percentDecimals);
  if (Number(text) === 0) return `±${text}%`;
  return `${ratio > 0 ? '+' : '−'}${text}%`;
};

/**
 * A ratio as a whole percentage, without sign: `18%` (rounded) for
 * sentences. (Core's `formatPercent` takes a percentage, not a ratio.)
 *
 * @example
 * formatRatioPercent(0.183); // '18%'
 */
const formatRatioPercent = (ratio: number): string => `${Math.round(Math.abs(ratio) * PERCENT)}%`;

export { formatChange, formatPerMillion, formatRatioPercent };
