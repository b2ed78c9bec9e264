/**
 * Locale-free number formatting for explanations ("1,536 MB", "14.2x
 * faster", "costs 13.9% less", "$2.10 per 1M invocations").
 *
 * @module core/explain/format-explanation
 */
import { SAME_COST_SHARE, SAME_SPEED_RATIO, TIMES_FASTER_FROM } from './constants.js';

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;
const PERCENT = 100;
const ONE_DECIMAL = 1;
const MS_PER_SECOND = 1_000;
/** From this duration on, seconds read better than milliseconds. */
const SECONDS_FROM_MS = 10_000;
/** Below this, durations keep one decimal. */
const DECIMAL_MS_BELOW = 100;
/** Significant digits kept on amounts below one cent. */
const SMALL_AMOUNT_DIGITS = 3;
const CENT = 0.01;
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { USD: '$', CNY: '¥' };

/** `1536` → `"1,536"` (decimals kept as given). */
const groupThousands = (value: number | string): string => {
  const [whole = '', fraction] = String(value).split('.');
  return fraction === undefined ? whole.replace(THOUSANDS, ',') : `${whole.replace(THOUSANDS, ',')}.${fraction}`;
};

/**
 * `"1,536 MB"`.
 *
 * @example
 * formatMegabytes(10240); // '10,240 MB'
 */
const formatMegabytes = (memoryMB: number): string => `${groupThousands(memoryMB)} MB`;

/**
 * `"4.2 ms"`, `"2,163 ms"`, `"35.0 s"`.
 *
 * @example
 * formatDuration(35015); // '35.0 s'
 */
const formatDuration = (durationMs: number): string => {
  if (durationMs >= SECONDS_FROM_MS) return `${groupThousands((durationMs / MS_PER_SECOND).toFixed(ONE_DECIMAL))} s`;
  if (durationMs < DECIMAL_MS_BELOW) return `${durationMs.toFixed(ONE_DECIMAL)} ms`;
  return `${groupThousands(Math.round(durationMs))} ms`;
};

/**
 * An amount in `currency`: cents for amounts of a cent or more, three
 * significant digits below (`"$0.00000208"`); other currencies get their
 * symbol or code.
 *
 * @example
 * formatMoney({ amount: 2.0833e-6, currency: 'USD' }); // '$0.00000208'
 */
const formatMoney = ({ amount, currency }: { amount: number; currency: string }): string => {
  let digits: string;
  if (amount === 0 || Math.abs(amount) >= CENT) digits = groupThousands(amount.toFixed(2));
  else {
    const decimals = Math.ceil(-Math.log10(Math.abs(amount))) + SMALL_AMOUNT_DIGITS - 1;
    digits = amount.toFixed(decimals);
  }
  const symbol = CURRENCY_SYMBOLS[currency];
  return symbol === undefined ? `${digits} ${currency}` : `${symbol}${digits}`;
};

/**
 * How much faster `durationMs` runs than `baselineMs`: `"14.2x faster"`,
 * `"23.0% faster"`, `"as fast as"`, `"12.0% slower"`, `"3.0x slower"`.
 *
 * @example
 * describeSpeed({ durationMs: 2463, baselineMs: 35000 }); // '14.2x faster'
 */
const describeSpeed = ({ durationMs, baselineMs }: { durationMs: number; baselineMs: number }): string => {
  if (durationMs <= 0 || baselineMs <= 0) return 'as fast as';
  const ratio = baselineMs / durationMs;
  const faster = ratio >= 1;
  const factor = faster ? ratio : 1 / ratio;
  if (factor - 1 < SAME_SPEED_RATIO) return 'as fast as';
  const word = faster ? 'faster' : 'slower';
  if (factor >= TIMES_FASTER_FROM) return `${factor.toFixed(ONE_DECIMAL)}x ${word}`;
  return `${((factor - 1) * PERCENT).toFixed(ONE_DECIMAL)}% ${word}`;
};

/**
 * How `cost` compares with `baselineCost`: `"costs 13.9% less"`, `"costs
 * 23.0% more"`, `"costs the same"`.
 *
 * @example
 * describeCost({ cost: 0.861, baselineCost: 1 }); // 'costs 13.9% less'
 */
const describeCost = ({ cost, baselineCost }: { cost: number; baselineCost: number }): string => {
  if (baselineCost <= 0) return 'costs the same';
  const share = (cost - baselineCost) / baselineCost;
  if (Math.abs(share) < SAME_COST_SHARE) return 'costs the same';
  return `costs ${(Math.abs(share) * PERCENT).toFixed(ONE_DECIMAL)}% ${share < 0 ? 'less' : 'more'}`;
};

export { describeCost, describeSpeed, formatDuration, formatMegabytes, formatMoney, groupThousands };
