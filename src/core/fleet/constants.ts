/**
 * Thresholds of the fleet rules: how metrics become a monthly cost and which
 * facts make a function worth tuning.
 *
 * @module core/fleet/constants
 */

/** Average days in a month (365.25 / 12): a window of N days scales by this / N. */
const DAYS_PER_MONTH = 30.4375;
/** CloudWatch keeps the 1-hour metrics `scan` reads for 455 days. */
const MAX_SCAN_DAYS = 455;
/** Default look-back window of `scan`. */
const DEFAULT_SCAN_DAYS = 14;
/**
 * AWS Compute Optimizer analyses only functions with at most 1,792 MB and at
 * least 50 invocations in the last 14 days (its documented requirements).
 */
const COMPUTE_OPTIMIZER = { maxMemoryMB: 1_792, minInvocations: 50, windowDays: 14 } as const;
/** "Far below configured": the largest share of configured memory ever used. */
const MEMORY_UNDERUSED_SHARE = 0.5;
/** p95 within this multiple of the average: one steady code path (single-thread profile). */
const STEADY_P95_RATIO = 1.5;
/**
 * Runtimes that have no arm64 build (Lambda's runtimes page: Amazon Linux 1
 * runtimes and a few retired versions). Every other runtime of a Zip function
 * runs on arm64 too.
 */
const X86_ONLY_RUNTIMES: readonly string[] = Object.freeze([
  'go1.x',
  'java8',
  'nodejs10.x',
  'nodejs8.10',
  'python2.7',
  'python3.6',
  'python3.7',
  'ruby2.5',
  'dotnetcore2.1',
  'provided',
]);
/** Sort keys of a scan, in the order help lists them. */
const SCAN_SORT_KEYS = ['cost', 'invocations', 'duration', 'memory', 'name'] as const;

export {
  COMPUTE_OPTIMIZER,
  DAYS_PER_MONTH,
  DEFAULT_SCAN_DAYS,
  MAX_SCAN_DAYS,
  MEMORY_UNDERUSED_SHARE,
  SCAN_SORT_KEYS,
  STEADY_P95_RATIO,
  X86_ONLY_RUNTIMES,
};
