/**
 * Shapes of the fleet rules: what `scan` knows about a function and what it
 * concludes.
 *
 * @module core/fleet/types
 */
import type { Architecture, TuningResult } from '../types.js';
import type { SCAN_SORT_KEYS } from './constants.js';

/** The facts about one function over the scanned window. */
interface FunctionUsage {
  functionName: string;
  region: string;
  memoryMB: number;
  architecture: Architecture;
  runtime?: string | undefined;
  /** `Zip` or `Image`. */
  packageType?: string | undefined;
  timeoutSeconds?: number | undefined;
  /** Length of the window the metrics cover. */
  days: number;
  /** Invocations in the window (CloudWatch `Invocations`, Sum). */
  invocations: number;
  /** Average `Duration` (ms) in the window; undefined without invocations. */
  durationAvgMs?: number | undefined;
  /** p95 of `Duration` (ms). */
  durationP95Ms?: number | undefined;
  errors?: number | undefined;
  throttles?: number | undefined;
  /** Largest `ConcurrentExecutions` seen (Maximum). */
  maxConcurrency?: number | undefined;
  /** From the REPORT lines (`--logs`). */
  logs?: ReportLineStats | undefined;
  /** True when a powertune result for this function is on file. */
  tunedBefore?: boolean | undefined;
}

/** Statistics of a log group's REPORT lines over the window. */
interface ReportLineStats {
  /** REPORT lines counted. */
  reports: number;
  maxMemoryUsedMB: number;
  billedDurationAvgMs: number;
  /** REPORT lines that carried `Init Duration`. */
  coldStarts: number;
  /** Average `Init Duration` of those (ms); 0 without cold starts. */
  initDurationAvgMs: number;
}

/** Monthly cost of a function at its observed traffic, by component. */
interface FunctionMonthlyCost {
  invocationsPerMonth: number;
  /** Billed ms of an average invocation, without INIT. */
  billedDurationMs: number;
  /** Share of invocations that were cold starts (0 without `--logs`). */
  coldStartRate: number;
  computeCost: number;
  requestCost: number;
  /** The INIT share of `computeCost` (cold starts × init duration, billed). */
  initCost: number;
  total: number;
  currency: string;
  /** True when a price of another region stood in. */
  estimated: boolean;
  /** True when the billed duration comes from the average `Duration` (no REPORT lines read). */
  durationFromMetrics: boolean;
}

/** One reason a function is worth tuning — a fact, never a promised saving. */
interface FleetSignal {
  code: 'above-one-vcpu' | 'memory-underused' | 'arm64-available' | 'never-tuned' | 'outside-compute-optimizer';
  message: string;
}

type ScanSortKey = (typeof SCAN_SORT_KEYS)[number];

/** One ranked row of a scan (`scan --json` → `functions[]`): the usage facts (whether it was tuned before is a signal now), with their cost and signals. */
interface ScannedFunction extends Omit<FunctionUsage, 'tunedBefore'> {
  monthlyCost: number;
  cost: FunctionMonthlyCost;
  signals: FleetSignal[];
}

export type { FleetSignal, FunctionMonthlyCost, FunctionUsage, ReportLineStats, ScannedFunction, ScanSortKey };

/** A monthly saving with its 95% interval (positive = cheaper after). */
interface MonthlySaving {
  value: number;
  low: number;
  high: number;
  currency: string;
}

/** One function of a fleet run (`fleet --json` → `functions[]`). */
interface FleetFunctionOutcome {
  functionName: string;
  region?: string | undefined;
  status: 'tuned' | 'skipped' | 'failed';
  reason?: string;
  currentMemoryMB?: number;
  recommendedMemoryMB?: number;
  monthlySaving?: MonthlySaving;
  /** The tune result JSON. */
  result?: TuningResult;
}

interface FleetTotals {
  tuned: number;
  skipped: number;
  failed: number;
  /** Sum over tuned functions whose saving is known. */
  monthlySaving: MonthlySaving;
}

/** What `fleet` prints with `--json` and `apply` reads. */
interface FleetResult {
  functions: FleetFunctionOutcome[];
  totals: FleetTotals;
}

export type { FleetFunctionOutcome, FleetResult, FleetTotals, MonthlySaving };
