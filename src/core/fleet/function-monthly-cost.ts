/**
 * The monthly cost of a function from its production metrics.
 *
 * @module core/fleet/function-monthly-cost
 */
import { MB_PER_GB, MS_PER_SECOND } from '../constants.js';
import { monthlyCost } from '../pricing/monthly-cost.js';
import { getLambdaPrice } from '../pricing/price-catalog.js';
import { DAYS_PER_MONTH } from './constants.js';
import type { FunctionMonthlyCost, FunctionUsage } from './types.js';

/**
 * Projects the window's traffic to a month (× 30.4375 / days) and prices it
 * exactly: the region's and architecture's monthly duration tiers, the
 * request charge, and the INIT phase, which Lambda bills for cold starts
 * (cold-start rate × average init duration, added to the billed GB-seconds).
 * The free tier is shared by the whole account, so it is off unless asked.
 *
 * With REPORT-line statistics (`usage.logs`) the billed duration and the
 * cold-start rate are the logged ones; without, the billed duration is the
 * average `Duration` rounded up to the next ms (Lambda bills in 1 ms steps)
 * and no INIT is counted — `durationFromMetrics` says so.
 *
 * @example
 * functionMonthlyCost({ usage: { region: 'us-east-1', architecture: 'x86_64', memoryMB: 1024, days: 30.4375, invocations: 1_000_000, durationAvgMs: 100, … } }).total;
 * // 1M × 0.1 s × 1 GB × 0.0000166667 + 1M × 0.0000002 ≈ 1.87
 */
const functionMonthlyCost = ({
  usage,
  freeTier = false,
}: {
  usage: FunctionUsage;
  freeTier?: boolean;
}): FunctionMonthlyCost => {
  const price = getLambdaPrice({ region: usage.region, architecture: usage.architecture });
  const invocationsPerMonth = usage.days > 0 ? (usage.invocations * DAYS_PER_MONTH) / usage.days : 0;
  const { logs } = usage;
  const fromLogs = logs !== undefined && logs.reports > 0;
  const billedDurationMs = fromLogs ? logs.billedDurationAvgMs : Math.ceil(usage.durationAvgMs ?? 0);
  const coldStartRate = fromLogs ? logs.coldStarts / logs.reports : 0;
  const initMs = fromLogs ? coldStartRate * Math.ceil(logs.initDurationAvgMs) : 0;
  const gb = usage.memoryMB / MB_PER_GB;
  const bill = monthlyCost({
    gbSecondsPerInvocation: ((billedDurationMs + initMs) / MS_PER_SECOND) * gb,
    invocationsPerMonth,
    price,
    freeTier,
  });
  const share = billedDurationMs + initMs > 0 ? initMs / (billedDurationMs + initMs) : 0;
  return {
    invocationsPerMonth,
    billedDurationMs,
    coldStartRate,
    computeCost: bill.computeCost,
    requestCost: bill.requestCost,
    initCost: bill.computeCost * share,
    total: bill.total,
    currency: price.currency,
    estimated: price.estimated,
    durationFromMetrics: !fromLogs,
  };
};

export { functionMonthlyCost };
