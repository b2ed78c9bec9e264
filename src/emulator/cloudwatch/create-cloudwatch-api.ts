/**
 * The CloudWatch (GetMetricData, GetMetricStatistics) and CloudWatch Logs
 * (DescribeLogGroups, StartQuery, GetQueryResults, StopQuery) calls that
 * `powertune scan` makes, answered for the local service's own functions
 * from the record of their invocations — on the Lambda endpoint, routed by
 * `X-Amz-Target`.
 *
 * @module emulator/cloudwatch/create-cloudwatch-api
 */
import { computeStatistic } from './compute-statistic.js';
import {
  CLOUDWATCH_TARGET_PREFIX,
  FUNCTION_NAME_DIMENSION,
  LAMBDA_NAMESPACE,
  LOGS_TARGET_PREFIX,
} from './constants.js';
import type { MetricRecord, MetricStore } from './metric-record.js';
import { parseReportQuery, runReportQuery } from './report-query.js';
import { MS_PER_SECOND } from '../../core/index.js';

/** A client error in the shape both JSON protocols read (`__type`, `message`). */
class CloudWatchApiError extends Error {
  public readonly code: string;
  public readonly status: number;

  public constructor({ code, message, status = 400 }: { code: string; message: string; status?: number }) {
    super(message);
    this.name = 'CloudWatchApiError';
    this.code = code;
    this.status = status;
  }
}

interface Dimension {
  Name?: string;
  Value?: string;
}

interface MetricStat {
  Metric?: { Namespace?: string; MetricName?: string; Dimensions?: Dimension[] };
  Period?: number;
  Stat?: string;
}

const invalid = (message: string): CloudWatchApiError =>
  new CloudWatchApiError({ code: 'InvalidParameterValue', message });

const epochMs = (value: unknown, field: string): number => {
  if (typeof value === 'number' && Number.isFinite(value)) return value * MS_PER_SECOND;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw invalid(`${field}: expected a timestamp; got ${JSON.stringify(value)}`);
};

/** The most invocations of one function running at once among `records`. */
const maxOverlap = (records: readonly MetricRecord[]): number => {
  const edges = records.flatMap((r) => [
    { at: r.startMs, delta: 1 },
    { at: r.endMs, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let max = 0;
  for (const edge of edges) {
    running += edge.delta;
    max = Math.max(max, running);
  }
  // An invocation that began and ended within one clock tick still ran.
  return records.length > 0 ? Math.max(1, max) : 0;
};

const METRIC_VALUES: Record<string, (records: readonly MetricRecord[]) => number[]> = {
  Invocations: (records) => records.map(() => 1),
  Duration: (records) => records.map((r) => r.durationMs),
  Errors: (records) => records.map((r) => (r.error ? 1 : 0)),
  // The service queues rather than throttles its own invocations: zero per invocation.
  Throttles: (records) => records.map(() => 0),
  ConcurrentExecutions: (records) => [maxOverlap(records)],
};

/**
 * Creates the handler. `handles` says whether a request is for it.
 *
 * @example
 * const api = createCloudWatchApi({ store, accountId, generateId });
 * if (api.handles(request)) return api.fetch(request, requestId);
 */
const createCloudWatchApi = ({
  store,
  accountId,
  generateId,
  logGroups,
}: {
  store: MetricStore;
  accountId: string;
  generateId: () => string;
  /** Log groups of the service's functions that exist (an invocation created them). */
  logGroups: () => string[];
}): { handles(request: Request): boolean; fetch(request: Request, requestId: string): Promise<Response> } => {
  const queries = new Map<
    string,
    { results: Array<Array<{ field: string; value: string }>>; matched: number; bytes: number }
  >();

  const series = ({
    stat,
    fromMs,
    toMs,
  }: {
    stat: MetricStat;
    fromMs: number;
    toMs: number;
  }): { timestamps: number[]; values: number[] } => {
    const metric = stat.Metric ?? {};
    const period = stat.Period;
    if (typeof period !== 'number' || !Number.isInteger(period) || period < 1)
      throw invalid(`Period: expected a positive integer of seconds; got ${JSON.stringify(period)}`);
    const name = metric.MetricName ?? '';
    const values = METRIC_VALUES[name];
    const functionName = (metric.Dimensions ?? []).find((d) => d.Name === FUNCTION_NAME_DIMENSION)?.Value;
    if (metric.Namespace !== LAMBDA_NAMESPACE || values === undefined || functionName === undefined)
      return { timestamps: [], values: [] };
    const periodMs = period * MS_PER_SECOND;
    const buckets = new Map<number, MetricRecord[]>();
    for (const record of store.between({ fromMs, toMs, functionName })) {
      const index = Math.floor((record.startMs - fromMs) / periodMs);
      buckets.set(index, [...(buckets.get(index) ?? []), record]);
    }
    const rows = [...buckets.entries()]
      .map(([index, records]) => ({
        at: (fromMs + index * periodMs) / MS_PER_SECOND,
        value: computeStatistic({ stat: stat.Stat ?? '', values: values(records) }),
      }))
      .filter((row): row is { at: number; value: number } => row.value !== undefined)
      .sort((a, b) => b.at - a.at);
    return { timestamps: rows.map((r) => r.at), values: rows.map((r) => r.value) };
  };

  const getMetricData = (body: Record<string, unknown>): unknown => {
    const fromMs = epochMs(body.StartTime, 'StartTime');
    const toMs = epochMs(body.EndTime, 'EndTime');
    const list = body.MetricDataQueries;
    if (!Array.isArray(list)) throw invalid('MetricDataQueries: expected a list of queries');
    const ascending = body.ScanBy === 'TimestampAscending';
    return {
      MetricDataResults: list.map((raw: Record<string, unknown>) => {
        if (raw.MetricStat === undefined)
          throw invalid(
            `MetricDataQueries ${String(raw.Id)}: the local service answers MetricStat queries only (no Expression)`,
          );
        const { timestamps, values } = series({ stat: raw.MetricStat as MetricStat, fromMs, toMs });
        if (ascending) {
          timestamps.reverse();
          values.reverse();
        }
        return {
          Id: raw.Id,
          Label: (raw.MetricStat as MetricStat).Metric?.MetricName,
          Timestamps: timestamps,
          Values: values,
          StatusCode: 'Complete',
        };
      }),
      Messages: [],
    };
  };

  const getMetricStatistics = (body: Record<string, unknown>): unknown => {
    const fromMs = epochMs(body.StartTime, 'StartTime');
    const toMs = epochMs(body.EndTime, 'EndTime');
    const stats = [
      ...((body.Statistics as string[] | undefined) ?? []),
      ...((body.ExtendedStatistics as string[] | undefined) ?? []),
    ];
    const metric = {
      Namespace: body.Namespace as string,
      MetricName: body.MetricName as string,
      Dimensions: body.Dimensions as Dimension[],
    };
    const points = new Map<number, Record<string, unknown>>();
    for (const stat of stats) {
      const { timestamps, values } = series({
        stat: { Metric: metric, Period: body.Period as number, Stat: stat },
        fromMs,
        toMs,
      });
      timestamps.forEach((at, i) => {
        const point = points.get(at) ?? { Timestamp: at };
        if (stat.startsWith('p'))
          point.ExtendedStatistics = { ...(point.ExtendedStatistics as object | undefined), [stat]: values[i] };
        else point[stat] = values[i];
        points.set(at, point);
      });
    }
    return { Label: metric.MetricName, Datapoints: [...points.values()] };
  };

  const knownGroups = (body: Record<string, unknown>): string[] => {
    const prefix = typeof body.logGroupNamePrefix === 'string' ? body.logGroupNamePrefix : '';
    const listed = Array.isArray(body.logGroupIdentifiers) ? body.logGroupIdentifiers : body.logGroupNames;
    const names = Array.isArray(listed) ? (listed as string[]) : undefined;
    return logGroups().filter((group) => group.startsWith(prefix) && (names === undefined || names.includes(group)));
  };

  const describeLogGroups = (body: Record<string, unknown>): unknown => ({
    logGroups: knownGroups(body).map((logGroupName) => ({
      logGroupName,
      arn: `arn:aws:logs:local:${accountId}:log-group:${logGroupName}:*`,
      storedBytes: store
        .between({ fromMs: 0, toMs: Number.POSITIVE_INFINITY })
        .filter((r) => r.logGroup === logGroupName)
        .reduce((sum, r) => sum + r.logBytes, 0),
    })),
  });

  const startQuery = (body: Record<string, unknown>): unknown => {
    const requested = [
      ...(typeof body.logGroupName === 'string' ? [body.logGroupName] : []),
      ...(Array.isArray(body.logGroupNames) ? (body.logGroupNames as string[]) : []),
      ...(Array.isArray(body.logGroupIdentifiers) ? (body.logGroupIdentifiers as string[]) : []),
    ];
    if (requested.length === 0)
      throw new CloudWatchApiError({
        code: 'InvalidParameterException',
        message: 'expected logGroupName or logGroupNames',
      });
    const existing = new Set(logGroups());
    const missing = requested.find((group) => !existing.has(group));
    if (missing !== undefined)
      throw new CloudWatchApiError({
        code: 'ResourceNotFoundException',
        message: `Log group '${missing}' does not exist`,
      });
    const parsed = parseReportQuery(typeof body.queryString === 'string' ? body.queryString : '');
    if ('message' in parsed) throw new CloudWatchApiError({ code: 'MalformedQueryException', message: parsed.message });
    const fromMs = epochMs(body.startTime, 'startTime');
    const toMs = epochMs(body.endTime, 'endTime') + MS_PER_SECOND;
    const inGroups = store
      .between({ fromMs: 0, toMs: Number.POSITIVE_INFINITY })
      .filter((r) => requested.includes(r.logGroup));
    const records = inGroups.filter((r) => r.startMs >= fromMs && r.startMs < toMs);
    const queryId = generateId();
    queries.set(queryId, {
      results: runReportQuery({ query: parsed, records, accountId }),
      matched: records.filter((r) => r.logFormat === parsed.logFormat).length,
      bytes: records.reduce((s, r) => s + r.logBytes, 0),
    });
    return { queryId };
  };

  const getQueryResults = (body: Record<string, unknown>): unknown => {
    const query = queries.get(String(body.queryId));
    if (query === undefined)
      throw new CloudWatchApiError({
        code: 'ResourceNotFoundException',
        message: `Query ${String(body.queryId)} does not exist`,
      });
    return {
      status: 'Complete',
      results: query.results,
      statistics: { recordsMatched: query.matched, recordsScanned: query.matched, bytesScanned: query.bytes },
    };
  };

  const operations: Record<string, (body: Record<string, unknown>) => unknown> = {
    [`${CLOUDWATCH_TARGET_PREFIX}GetMetricData`]: getMetricData,
    [`${CLOUDWATCH_TARGET_PREFIX}GetMetricStatistics`]: getMetricStatistics,
    [`${LOGS_TARGET_PREFIX}DescribeLogGroups`]: describeLogGroups,
    [`${LOGS_TARGET_PREFIX}StartQuery`]: startQuery,
    [`${LOGS_TARGET_PREFIX}GetQueryResults`]: getQueryResults,
    [`${LOGS_TARGET_PREFIX}StopQuery`]: () => ({ success: false }),
  };

  const handles = (request: Request): boolean => {
    const target = request.headers.get('x-amz-target') ?? '';
    return target.startsWith(CLOUDWATCH_TARGET_PREFIX) || target.startsWith(LOGS_TARGET_PREFIX);
  };

  const fetch = async (request: Request, requestId: string): Promise<Response> => {
    const target = request.headers.get('x-amz-target') ?? '';
    const contentType = target.startsWith(LOGS_TARGET_PREFIX)
      ? 'application/x-amz-json-1.1'
      : 'application/x-amz-json-1.0';
    try {
      const operation = operations[target];
      if (operation === undefined) {
        throw new CloudWatchApiError({
          code: 'UnknownOperationException',
          message: `${target.split('.').pop() ?? target} is not an operation the local service answers (it answers what powertune scan calls)`,
        });
      }
      const text = await request.text();
      let body: Record<string, unknown>;
      try {
        body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      } catch {
        throw new CloudWatchApiError({ code: 'SerializationException', message: 'the request body is not JSON' });
      }
      return new Response(JSON.stringify(operation(body)), {
        status: 200,
        headers: { 'content-type': contentType, 'x-amzn-requestid': requestId },
      });
    } catch (error) {
      const known =
        error instanceof CloudWatchApiError
          ? error
          : new CloudWatchApiError({ code: 'InternalFailure', message: (error as Error).message, status: 500 });
      return new Response(JSON.stringify({ __type: known.code, message: known.message }), {
        status: known.status,
        headers: {
          'content-type': contentType,
          'x-amzn-requestid': requestId,
          // awsQuery-compatible clients read the query error code from here.
          'x-amzn-query-error': `${known.code};${known.status >= 500 ? 'Receiver' : 'Sender'}`,
        },
      });
    }
  };

  return { handles, fetch };
};

export { createCloudWatchApi };
