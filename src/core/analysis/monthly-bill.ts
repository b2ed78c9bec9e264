/**
 * Money in the user's terms: the monthly bill of every size at
 * the user's traffic, with tiered prices, and the saving versus the current
 * configuration.
 *
 * @module core/analysis/monthly-bill
 */
import { DEFAULT_COLD_START_RATE, MB_PER_GB, MS_PER_SECOND, PERCENT } from '../constants.js';
import { formatMoney } from '../format/format-money.js';
import { formatMemory } from '../format/format-numbers.js';
import { monthlyCost } from '../pricing/monthly-cost.js';
import type { LambdaPrice } from '../pricing/types.js';
import type { MonthlyBill, PowerStats } from '../types.js';

/** Suffixes for invocation counts, largest first. */
const COUNT_UNITS = [
  { factor: 1_000_000_000, suffix: 'B' },
  { factor: 1_000_000, suffix: 'M' },
  { factor: 1_000, suffix: 'K' },
] as const;
const COUNT_DECIMALS = 1;
/** A monthly difference below half a cent is no difference. */
const HALF_CENT = 0.005;
/** Decimals of a cold-start rate in percent. */
const RATE_DECIMALS = 2;

/**
 * `10_000_000` → `"10M"`, `2_500_000` → `"2.5M"`, `750` → `"750"`.
 *
 * @example
 * formatInvocationCount(1_500_000); // '1.5M'
 */
const formatInvocationCount = (count: number): string => {
  const unit = COUNT_UNITS.find(({ factor }) => count >= factor);
  if (unit === undefined) return String(count);
  return `${Number((count / unit.factor).toFixed(COUNT_DECIMALS))}${unit.suffix}`;
};

/**
 * The monthly bill of one measured size: `invocationsPerMonth` invocations
 * at the size's average billed duration (the trimmed mean that
 * `averagePrice` uses, so 1M invocations cost `costPerMillion` at first-tier
 * prices), priced with the monthly duration tiers and, with `freeTier`,
 * Lambda's free tier.
 *
 * INIT: Lambda bills the INIT phase of cold starts since 2025-08-01 (on-demand
 * functions, ZIP packages with managed runtimes included; container images
 * and custom runtimes were billed before) at the duration price — "AWS Lambda
 * standardizes billing for INIT Phase", AWS Compute Blog, 2025-04-29, and the
 * AWS Lambda pricing page. With `initDurationMs` (the size's measured mean Init
 * Duration) a `coldStartRate` share of the invocations also pays its INIT,
 * rounded up to 1 ms like Billed Duration. Its GB-seconds join the month's
 * total before the tiers and the free tier apply, and `initCost` is what they
 * add to `total`.
 *
 * @example
 * monthlyBill({ size, invocationsPerMonth: 10_000_000, price, includeRequestCharge: true }).total;
 * monthlyBill({ size, invocationsPerMonth: 10_000_000, price, initDurationMs: 350, coldStartRate: 0.01 }).initCost; // INIT of 100,000 cold starts
 */
const monthlyBill = ({
  size,
  invocationsPerMonth,
  price,
  freeTier = false,
  includeRequestCharge = true,
  initDurationMs,
  coldStartRate = DEFAULT_COLD_START_RATE,
}: {
  size: Pick<PowerStats, 'value' | 'billedDuration'>;
  invocationsPerMonth: number;
  price: Pick<LambdaPrice, 'pricePerGbSecond' | 'requestPrice' | 'tiers'>;
  freeTier?: boolean;
  includeRequestCharge?: boolean;
  /** Mean Init Duration measured at this size (ms); without it no INIT is added. */
  initDurationMs?: number | undefined;
  /** Share of invocations that are cold starts, 0..1 (default `DEFAULT_COLD_START_RATE`). */
  coldStartRate?: number;
}): MonthlyBill => {
  const gb = size.value / MB_PER_GB;
  const gbSecondsPerInvocation = (size.billedDuration.trimmedMean / MS_PER_SECOND) * gb;
  const warm = monthlyCost({ gbSecondsPerInvocation, invocationsPerMonth, price, freeTier, includeRequestCharge });
  if (initDurationMs === undefined) return { invocationsPerMonth, freeTier, ...warm };
  const initGbSecondsPerInvocation = coldStartRate * (Math.ceil(initDurationMs) / MS_PER_SECOND) * gb;
  const cost = monthlyCost({
    gbSecondsPerInvocation: gbSecondsPerInvocation + initGbSecondsPerInvocation,
    invocationsPerMonth,
    price,
    freeTier,
    includeRequestCharge,
  });
  return {
    invocationsPerMonth,
    freeTier,
    gbSeconds: cost.gbSeconds,
    computeCost: cost.computeCost,
    requestCost: cost.requestCost,
    initCost: cost.total - warm.total,
    total: cost.total,
  };
};

/** "1%" / "0.5%" / "12.5%": a cold-start rate as people write it. */
const formatRate = (rate: number): string => `${Number((rate * PERCENT).toFixed(RATE_DECIMALS))}%`;

/**
 * The sentence that puts the recommendation in monthly terms: "saves
 * $123.45/month vs 1,024 MB at 10M invocations/month", "costs $3.10/month
 * more than …", or — when the current size was not measured — the bill alone
 * and how to get the comparison.
 *
 * @example
 * describeMonthlySaving({ recommended, current, currentMemoryMB: 1024, invocationsPerMonth: 10_000_000, currency: 'USD' });
 */
const describeMonthlySaving = ({
  recommended,
  recommendedMemoryMB,
  current,
  currentMemoryMB,
  invocationsPerMonth,
  currency,
  coldStartRate,
}: {
  recommended: MonthlyBill;
  recommendedMemoryMB?: number;
  current?: MonthlyBill;
  currentMemoryMB?: number;
  invocationsPerMonth: number;
  currency: string;
  /** Set when the bills include INIT: the sentence says how much of the bill it is, and at what rate. */
  coldStartRate?: number;
}): string => {
  const traffic = `at ${formatInvocationCount(invocationsPerMonth)} invocations/month`;
  const init =
    coldStartRate === undefined || recommended.initCost === undefined
      ? ''
      : `, of which ${formatMoney(recommended.initCost, currency)} is INIT at a ${formatRate(coldStartRate)} cold-start rate`;
  const bill = `${formatMoney(recommended.total, currency)}/month ${traffic}${init}`;
  if (currentMemoryMB === undefined) return `it costs ${bill}`;
  const base = formatMemory(currentMemoryMB);
  if (currentMemoryMB === recommendedMemoryMB) return `it is the current size and costs ${bill}`;
  if (current === undefined) {
    return `it costs ${bill}; the current ${base} was not measured, so add it to the power values to see the saving`;
  }
  const saving = current.total - recommended.total;
  const amount = formatMoney(Math.abs(saving), currency);
  if (Math.abs(saving) < HALF_CENT) {
    return `it costs the same as the current ${base} ${traffic} (${formatMoney(recommended.total, currency)}/month${init})`;
  }
  return saving > 0
    ? `saves ${amount}/month vs ${base} ${traffic} (${formatMoney(recommended.total, currency)} instead of ${formatMoney(current.total, currency)}${init})`
    : `costs ${amount}/month more than ${base} ${traffic} (${formatMoney(recommended.total, currency)} instead of ${formatMoney(current.total, currency)}${init})`;
};

export { describeMonthlySaving, formatInvocationCount, monthlyBill };
