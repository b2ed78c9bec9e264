/**
 * The local Logs Insights: answers `filter @type = "REPORT" | stats … by @log`
 * queries over the REPORT lines of the service's own invocations. Supported
 * aggregations: `count(*)`, and `count`, `sum`, `avg`, `min`, `max` of
 * `@duration`, `@billedDuration`, `@initDuration`, `@maxMemoryUsed`,
 * `@memorySize` (memory in bytes of 10^6, as Logs Insights reports them).
 *
 * @module emulator/cloudwatch/report-query
 */
import { BYTES_PER_LOGS_MB, REPORT_QUERY_MARKER } from './constants.js';
import type { MetricRecord } from './metric-record.js';

interface Aggregation {
  fn: 'count' | 'sum' | 'avg' | 'min' | 'max';
  field: string | undefined;
  alias: string;
}

const FIELD_VALUE: Record<string, (r: MetricRecord) => number | undefined> = {
  '@duration': (r) => r.durationMs,
  '@billedDuration': (r) => r.billedDurationMs,
  '@initDuration': (r) => r.initDurationMs,
  '@maxMemoryUsed': (r) => r.maxMemoryUsedMB * BYTES_PER_LOGS_MB,
  '@memorySize': (r) => r.memorySizeMB * BYTES_PER_LOGS_MB,
};

/**
 * Parses the `stats` clause; returns a message instead when the query is
 * not one this service answers.
 *
 * @example
 * parseReportQuery('filter @type = "REPORT" | stats count(*) as n by @log');
 */
const parseReportQuery = (query: string): { aggregations: Aggregation[]; byLog: boolean } | { message: string } => {
  if (!query.includes(REPORT_QUERY_MARKER)) {
    return { message: `the local service answers only queries that ${REPORT_QUERY_MARKER} and aggregate with stats` };
  }
  const stats = /\|\s*stats\s+(.+?)(\s+by\s+@log)?\s*$/s.exec(query);
  if (stats === null) return { message: 'expected a "| stats … [by @log]" clause' };
  const aggregations: Aggregation[] = [];
  for (const part of (stats[1] ?? '').split(',')) {
    const match = /^\s*(count|sum|avg|min|max)\(\s*(\*|@\w+)\s*\)(?:\s+as\s+(\w+))?\s*$/.exec(part);
    if (match === null) return { message: `unsupported aggregation "${part.trim()}"` };
    const [, fn = 'count', field = '*', alias] = match;
    if (field !== '*' && FIELD_VALUE[field] === undefined) return { message: `unknown field ${field}` };
    aggregations.push({
      fn: fn as Aggregation['fn'],
      field: field === '*' ? undefined : field,
      alias: alias ?? `${fn}(${field})`,
    });
  }
  return { aggregations, byLog: stats[2] !== undefined };
};

const aggregate = ({ fn, field }: Aggregation, records: readonly MetricRecord[]): number | undefined => {
  const read = field === undefined ? undefined : FIELD_VALUE[field];
  const values =
    read === undefined ? records.map(() => 1) : records.map(read).filter((v): v is number => v !== undefined);
  if (fn === 'count') return values.length;
  if (values.length === 0) return undefined;
  if (fn === 'sum') return values.reduce((a, b) => a + b, 0);
  if (fn === 'avg') return values.reduce((a, b) => a + b, 0) / values.length;
  return fn === 'min' ? Math.min(...values) : Math.max(...values);
};

/**
 * Runs a parsed query: one row per log group with `by @log`, else one row.
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
  query: { aggregations: Aggregation[]; byLog: boolean };
  records: readonly MetricRecord[];
  accountId: string;
}): Array<Array<{ field: string; value: string }>> => {
  const groups = new Map<string, MetricRecord[]>();
  for (const record of records) {
    const key = query.byLog ? record.logGroup : '';
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups.entries()].map(([logGroup, group]) => [
    ...(query.byLog ? [{ field: '@log', value: `${accountId}:${logGroup}` }] : []),
    ...query.aggregations.flatMap((aggregation) => {
      const value = aggregate(aggregation, group);
      return value === undefined ? [] : [{ field: aggregation.alias, value: String(value) }];
    }),
  ]);
};

export { parseReportQuery, runReportQuery };
