/**
 * Money in one format for every sentence, table and chart: the currency's
 * symbol (or its code), two decimals with thousands separators, more
 * significant digits below one cent, never exponent notation.
 *
 * @module core/format/format-money
 */
import { CURRENCY_SYMBOLS } from '../constants.js';
import { NO_VALUE } from './format-numbers.js';

/** Below one cent, two decimals would show nothing: switch to significant digits. */
const CENT = 0.01;
const CENTS_DECIMALS = 2;
/** Significant digits of a small amount or a price (`$0.0000008484`). */
const PRICE_SIGNIFICANT_DIGITS = 4;

/**
 * The symbol of a currency code (`$`, `¥`), or the code and a space.
 *
 * @example
 * currencySymbol('CNY'); // '¥'
 * currencySymbol('EUR'); // 'EUR '
 */
const currencySymbol = (currency: string): string => CURRENCY_SYMBOLS[currency] ?? `${currency} `;

/**
 * An amount with four significant digits and no exponent, for
 * per-invocation prices and for figures compared with a limit, where two
 * decimals could hide the difference: `$0.0000008484`, `$6.867`.
 *
 * @example
 * formatPrice(8.484e-7, 'USD'); // '$0.0000008484'
 * formatPrice(6.45, 'CNY'); // '¥6.450'
 * formatPrice(undefined, 'USD'); // '—'
 */
const formatPrice = (amount: number | undefined, currency: string): string => {
  if (amount === undefined || !Number.isFinite(amount)) return NO_VALUE;
  if (amount === 0) return `${currencySymbol(currency)}0`;
  const magnitude = Math.floor(Math.log10(Math.abs(amount)));
  const decimals = Math.max(0, PRICE_SIGNIFICANT_DIGITS - 1 - magnitude);
  return `${amount < 0 ? '-' : ''}${currencySymbol(currency)}${Math.abs(amount).toFixed(decimals)}`;
};

/**
 * An amount of money such as the cost of one million invocations, of a
 * month or of a whole run: two decimals with thousands separators
 * (`$1,234.50`), and `formatPrice`'s four significant digits below one cent
 * (`$0.002893`).
 *
 * @example
 * formatMoney(0.8484, 'USD'); // '$0.85'
 * formatMoney(2.0833e-7, 'USD'); // '$0.0000002083'
 * formatMoney(undefined, 'USD'); // '—'
 */
const formatMoney = (amount: number | undefined, currency: string): string => {
  if (amount === undefined || !Number.isFinite(amount)) return NO_VALUE;
  if (amount !== 0 && Math.abs(amount) < CENT) return formatPrice(amount, currency);
  // `toLocaleString` rounds the shortest decimal form (1.005 → 1.01), unlike `toFixed` (1.00); the report's snapshots rely on it.
  const digits = Math.abs(amount).toLocaleString('en-US', {
    minimumFractionDigits: CENTS_DECIMALS,
    maximumFractionDigits: CENTS_DECIMALS,
  });
  return `${amount < 0 ? '-' : ''}${currencySymbol(currency)}${digits}`;
};

export { currencySymbol, formatMoney, formatPrice };
