/**
 * The fleet rules (pure): monthly cost of a function from its metrics, the
 * signals that make it worth tuning, ranking, and fleet plans.
 *
 * @module core/fleet
 */
export {
  COMPUTE_OPTIMIZER,
  DAYS_PER_MONTH,
  DEFAULT_SCAN_DAYS,
  MAX_SCAN_DAYS,
  MEMORY_UNDERUSED_SHARE,
  SCAN_SORT_KEYS,
} from './constants.js';
export { fleetSignals } from './fleet-signals.js';
export { functionMonthlyCost } from './function-monthly-cost.js';
export { rankFunctions, scannedFunction } from './rank-functions.js';
export type {
  FleetSignal,
  FunctionMonthlyCost,
  FunctionUsage,
  ReportLineStats,
  ScannedFunction,
  ScanSortKey,
} from './types.js';
export { buildPlan, validatePlan } from './fleet-plan.js';
export type { FleetPlan, FleetPlanEntry } from './fleet-plan.js';
export { fleetTotals, monthlySavingOf } from './fleet-saving.js';
export type { FleetFunctionOutcome, FleetResult, FleetTotals, MonthlySaving } from './types.js';
