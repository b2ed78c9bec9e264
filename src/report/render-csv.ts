/**
 * CSV for machines (RFC 4180): a header row, one row per memory size or per
 * counted invocation, numbers unformatted, CRLF line endings.
 *
 * @module report/render-csv
 */
import type { PowerStats, TuningResult } from '../core/types.js';
import { MissingSamplesError } from './errors.js';
import type { CsvOptions } from './types.js';

type CsvValue = string | number | boolean | undefined;

/**
 * One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes
 * doubled). A field starting with `=`, `+`, `-` or `@` that is not a number
 * is prefixed with `'` so that spreadsheets do not run it as a formula.
 *
 * @example
 * csvField('a,"b"'); // '"a,""b"""'
 */
const csvField = (value: CsvValue): string => {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const safe = /^[=+\-@]/.test(value) && Number.isNaN(Number(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const CRLF = '\r\n';
const toCsv = (rows: CsvValue[][]): string => `${rows.map((row) => row.map(csvField).join(',')).join(CRLF)}${CRLF}`;

const SIZE_HEADER = [
  'memory_mb',
  'status',
  'failure_reason',
  'recommended',
  'invocations',
  'average_duration_ms',
  'duration_mean_ms',
  'duration_min_ms',
  'duration_p50_ms',
  'duration_p90_ms',
  'duration_p95_ms',
  'duration_p99_ms',
  'duration_max_ms',
  'duration_stddev_ms',
  'duration_ci95_low_ms',
  'duration_ci95_high_ms',
  'billed_duration_mean_ms',
  'average_price',
  'cost_per_million',
  'total_cost',
  'currency',
  'cold_starts',
  'init_duration_mean_ms',
  'max_memory_used_mb',
  'memory_warning',
  'errors',
  'retries',
  'throttles',
  // Tie bands: the size is statistically the same as the recommended one for the strategy.
  'tied_with_recommended',
];

const errorsField = (errors: Record<string, number>): string =>
  Object.entries(errors)
    .map(([type, count]) => `${type}:${count}`)
    .join(';');

const sizeRow = (size: PowerStats, result: TuningResult): CsvValue[] => {
  const ok = size.status === 'ok';
  const d = size.duration;
  // With no size meeting the constraints `power` is not a recommendation: no row is marked.
  const recommendable = result.recommendation.constraints?.satisfied !== false;
  return [
    size.value,
    size.status,
    size.failureReason,
    ok && recommendable && size.value === result.recommendation.power,
    size.invocations,
    ok ? size.averageDuration : undefined,
    ...(ok
      ? [d.mean, d.min, d.p50, d.p90, d.p95, d.p99, d.max, d.stddev, d.ci95[0], d.ci95[1], size.billedDuration.mean]
      : Array.from({ length: 11 }, () => undefined)),
    ok ? size.averagePrice : undefined,
    ok ? size.costPerMillion : undefined,
    size.totalCost,
    result.run.currency,
    size.coldStarts.count,
    size.coldStarts.initDuration?.mean,
    size.maxMemoryUsedMB,
    size.memoryWarning,
    errorsField(size.errors),
    size.retries,
    size.throttles,
    ok && recommendable && (result.recommendation.tiedWith?.includes(size.value) ?? false),
  ];
};

const INVOCATION_HEADER = [
  'index',
  'memory_mb',
  'request_id',
  'duration_ms',
  'billed_duration_ms',
  'max_memory_used_mb',
  'init_duration_ms',
  'restore_duration_ms',
  'billed_restore_duration_ms',
  'cold_start',
  'report_status',
  'error_type',
  'error_message',
  'allowed_error',
  'retries',
  'parse_error',
];

/**
 * Renders the result as CSV. `per: 'invocation'` needs `result.samples`
 * (kept by local runs; the Step Functions driver omits them) and throws
 * {@link MissingSamplesError} without them.
 *
 * @example
 * process.stdout.write(renderCsv(result, { per: 'size' }));
 */
const renderCsv = (result: TuningResult, { per = 'size' }: CsvOptions = {}): string => {
  if (per === 'size') {
    const sizes = [...result.sizes].sort((a, b) => a.value - b.value);
    return toCsv([SIZE_HEADER, ...sizes.map((size) => sizeRow(size, result))]);
  }
  if (result.samples === undefined) throw new MissingSamplesError({ runId: result.run.runId });
  return toCsv([
    INVOCATION_HEADER,
    ...result.samples.map((s, i): CsvValue[] => [
      i + 1,
      s.power,
      s.report?.requestId,
      s.report?.durationMs,
      s.report?.billedDurationMs,
      s.report?.maxMemoryUsedMB,
      s.report?.initDurationMs,
      s.report?.restoreDurationMs,
      s.report?.billedRestoreDurationMs,
      s.coldStart,
      s.report?.status,
      s.error?.type,
      s.error?.message,
      s.allowedError,
      s.retries,
      s.parseError,
    ]),
  ]);
};

export { csvField, renderCsv };
