/**
 * What tuning one function saves per month, with an interval, and the
 * totals of a fleet run.
 *
 * @module core/fleet/fleet-saving
 */
import { MB_PER_GB, MS_PER_SECOND } from '../constants.js';
import { monthlyCost } from '../pricing/monthly-cost.js';
import { getLambdaPrice } from '../pricing/price-catalog.js';
import type { TuningResult } from '../types.js';
import type { FleetFunctionOutcome, FleetTotals, MonthlySaving } from './types.js';

/**
 * The monthly saving of moving from the current size to the recommended one
 * at the run's `invocationsPerMonth`: the point value is the result's own
 * (`recommendation.monthly.saving`); the interval prices the 95% confidence
 * bounds of both sizes' mean billed duration against each other (current
 * low vs recommended high, and the reverse). Undefined when the current size
 * was not measured or no monthly traffic was given.
 *
 * @example
 * monthlySavingOf(result); // { value: 12.4, low: 10.9, high: 13.8, currency: 'USD' }
 */
const monthlySavingOf = (result: TuningResult): MonthlySaving | undefined => {
  const monthly = result.recommendation.monthly;
  const current = result.sizes.find((s) => s.value === result.run.originalMemoryMB && s.status === 'ok');
  const recommended = result.sizes.find((s) => s.value === result.recommendation.power && s.status === 'ok');
  if (monthly?.saving === undefined || current === undefined || recommended === undefined) return undefined;
  const price = getLambdaPrice({ region: result.run.region, architecture: result.run.architecture });
  const bill = (memoryMB: number, billedMs: number): number =>
    monthlyCost({
      gbSecondsPerInvocation: (billedMs / MS_PER_SECOND) * (memoryMB / MB_PER_GB),
      invocationsPerMonth: monthly.invocationsPerMonth,
      price,
      includeRequestCharge: false,
    }).total;
  const [currentLow, currentHigh] = current.billedDuration.ci95;
  const [recommendedLow, recommendedHigh] = recommended.billedDuration.ci95;
  return {
    value: monthly.saving,
    low: bill(current.value, currentLow) - bill(recommended.value, recommendedHigh),
    high: bill(current.value, currentHigh) - bill(recommended.value, recommendedLow),
    currency: result.run.currency,
  };
};

/**
 * Counts by status and sums the savings of tuned functions (value and both bounds).
 *
 * @example
 * fleetTotals(outcomes); // { tuned: 3, skipped: 1, failed: 1, monthlySaving: { value: 20.1, low: 17.2, high: 23.0, currency: 'USD' } }
 */
const fleetTotals = (outcomes: readonly FleetFunctionOutcome[]): FleetTotals => {
  const savings = outcomes.flatMap((o) =>
    o.status === 'tuned' && o.monthlySaving !== undefined ? [o.monthlySaving] : [],
  );
  return {
    tuned: outcomes.filter((o) => o.status === 'tuned').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    monthlySaving: {
      value: savings.reduce((sum, s) => sum + s.value, 0),
      low: savings.reduce((sum, s) => sum + s.low, 0),
      high: savings.reduce((sum, s) => sum + s.high, 0),
      currency: savings[0]?.currency ?? 'USD',
    },
  };
};

export { fleetTotals, monthlySavingOf };
