/**
 * The local Logs Insights: answers the two queries `scan` sends, one per log
 * format, over the service's own invocations:
 *
 * - Text logs: `filter @type = "REPORT" | stats … by @log` over REPORT lines,
 *   fields `@duration`, `@billedDuration`, `@initDuration`, `@maxMemoryUsed`,
 *   `@memorySize` (memory in bytes of 10^6, as Logs Insights reports them);
 * - JSON logs: `filter type = "platform.report" | stats … by @log` over
 *   `platform.report` records, fields `record.metrics.durationMs`,
 *   `billedDurationMs`, `initDurationMs`, `maxMemoryUsedMB`, `memorySizeMB`
 *   (JSON fields are discovered flattened with dots; memory in MB).
 *
 * As in Logs Insights, a Text query sees only the invocations of functions
 * that log Text and a JSON query only those that log JSON. Aggregations:
 * `count(*)`, and `count`, `sum`, `avg`, `min`, `max` of a field.
 *
 * @module emulator/cloudwatch/report-query
 */
import { BYTES_PER_LOGS_MB, JSON_REPORT_QUERY_MARKER, REPORT_QUERY_MARKER } from './constants.js';
import type { MetricRecord } from './metric-record.js';

interface Aggregation {
  fn: 'count' | 'sum' | 'avg' | 'min' | 'max';
  field: string | undefined;
  alias: string;
}

/** A parsed query: the log format it reads and what it aggregates. */
interface ReportQuery {
  logFormat: MetricRecord['logFormat'];
  aggregations: Aggregation[];
  byLog: boolean;
}

type FieldReader = (r: MetricRecord) => number | undefined;

/** The fields each log format's REPORT record has. */
const FIELDS: Readonly<Record<MetricRecord['logFormat'], Readonly<Record<string, FieldReader>>>> = {
  Text: {
    '@duration': (r) => r.durationMs,
    '@billedDuration': (r) => r.billedDurationMs,
    '@initDuration': (r) => r.initDurationMs,
    '@maxMemoryUsed': (r) => r.maxMemoryUsedMB * BYTES_PER_LOGS_MB,
    '@memorySize': (r) => r.memorySizeMB * BYTES_PER_LOGS_MB,
  },
  JSON: {
    'record.metrics.durationMs': (r) => r.durationMs,
    'record.metrics.billedDurationMs': (r) => r.billedDurationMs,
    'record.metrics.initDurationMs': (r) => r.initDurationMs,
    'record.metrics.maxMemoryUsedMB': (r) => r.maxMemoryUsedMB,
    'record.metrics.memorySizeMB': (r) => r.memorySizeMB,
  },
};

/**
 * Parses the `stats` clause; returns a message instead when the query is
 * not one this service answers.
 *
 * @example
 * parseReportQuery('filter @type = "REPORT" | stats count(*) as n by @log');
 * parseReportQuery('filter type = "platform.report" | stats avg(record.metrics.billedDurationMs) as b by @log');
 */
const parseReportQuery = (query: string): ReportQuery | { message: string } => {
  const logFormat = query.includes(REPORT_QUERY_MARKER)
    ? 'Text'
    : query.includes(JSON_REPORT_QUERY_MARKER)
      ? 'JSON'
      : undefined;
  if (logFormat === undefined) {
    return {
      message: `the local service answers only queries that ${REPORT_QUERY_MARKER} or ${JSON_REPORT_QUERY_MARKER} and aggregate with stats`,
    };
  }
  const stats = /\|\s*stats\s+(.+?)(\s+by\s+@log)?\s*$/s.exec(query);
  if (stats === null) return { message: 'expected a "| stats … [by @log]" clause' };
  const aggregations: Aggregation[] = [];
  for (const part of (stats[1] ?? '').split(',')) {
    const match = /^\s*(count|sum|avg|min|max)\(\s*(\*|@?[\w.]+)\s*\)(?:\s+as\s+(\w+))?\s*$/.exec(part);
    if (match === null) return { message: `unsupported aggregation "${part.trim()}"` };
    const [, fn = 'count', field = '*', alias] = match;
    if (field !== '*' && FIELDS[logFormat][field] === undefined)
      return { message: `unknown field ${field} in ${logFormat} REPORT records` };
    aggregations.push({
      fn: fn as Aggregation['fn'],
      field: field === '*' ? undefined : field,
      alias: alias ?? `${fn}(${field})`,
    });
  }
  return { logFormat, aggregations, byLog: stats[2] !== undefined };
};

const aggregate = (
  { fn, field }: Aggregation,
  logFormat: MetricRecord['logFormat'],
  records: readonly MetricRecord[],
): number | undefined => {
  const read = field === undefined ? undefined : FIELDS[logFormat][field];
  const values =
    read === undefined ? records.map(() => 1) : records.map(read).filter((v): v is number => v !== undefined);
  if (fn === 'count') return values.length;
  if (values.length === 0) return undefined;
  if (fn === 'sum') return values.reduce((a, b) => a + b, 0);
  if (fn === 'avg') return values.reduce((a, b) => a + b, 0) / values.length;
  return fn === 'min' ? Math.min(...values) : Math.max(...values);
};

/**
 * Runs a parsed query over the records of its log format: one row per log
 * group with `by @log`, else one row.
 * Rows are `[{ field, value }]` with string values, as GetQueryResults returns.
 *
 * @example
 * runReportQuery({ query, records, accountId: '123456789012' });
 */
const runReportQuery = ({
  query,
  records,
  accountId,
}: {
  query: ReportQuery;
  records: readonly MetricRecord[];
  accountId: string;
}): Array<Array<{ field: string; value: string }>> => {
  const groups = new Map<string, MetricRecord[]>();
  for (const record of records.filter((r) => r.logFormat === query.logFormat)) {
    const key = query.byLog ? record.logGroup : '';
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups.entries()].map(([logGroup, group]) => [
    ...(query.byLog ? [{ field: '@log', value: `${accountId}:${logGroup}` }] : []),
    ...query.aggregations.flatMap((aggregation) => {
      const value = aggregate(aggregation, query.logFormat, group);
      return value === undefined ? [] : [{ field: aggregation.alias, value: String(value) }];
    }),
  ]);
};

export { parseReportQuery, runReportQuery };
export type { ReportQuery };
