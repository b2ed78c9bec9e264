/**
 * `FleetInventoryPort` over the AWS SDK v3 (Lambda ListFunctions,
 * CloudWatch GetMetricData, Logs DescribeLogGroups/StartQuery/
 * GetQueryResults). GetMetricData asks for one datapoint per metric over the
 * whole window (Period = the window), 6 metrics per function and up to 500
 * per call; Logs Insights aggregates up to 50 log groups per query with
 * `stats … by @log`, so the data scanned is all that is billed.
 *
 * @module lambda/sdk-fleet-inventory
 */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { MS_PER_SECOND } from '../core/index.js';
import type { ReportLineStats } from '../core/fleet/index.js';
import { addDebugLogging } from './add-debug-logging.js';
import { isLoopback } from './is-loopback.js';
import type { FleetInventoryPort, InventoryFunction, InventoryMetrics } from './fleet-inventory.js';
import type { Sleep } from './types.js';
import { defaultSleep, withRetry } from './with-retry.js';

/** GetMetricData accepts at most 500 queries per call. */
const MAX_METRIC_QUERIES = 500;
/** StartQuery accepts at most 50 log groups. */
const MAX_QUERY_LOG_GROUPS = 50;
/** Logs Insights reports memory in bytes of 10^6 per MB. */
const BYTES_PER_LOGS_MB = 1_000_000;
/** Polling of GetQueryResults: every second, for at most 15 minutes (Logs Insights' own query timeout). */
const QUERY_POLL = { intervalMs: 1_000, maxPolls: 900 } as const;
const EMULATOR_CREDENTIALS = { accessKeyId: 'powertune-local', secretAccessKey: 'powertune-local' } as const;

/** The Logs Insights query scan sends for Text logs (the local service answers exactly this shape too). */
const REPORT_STATS_QUERY =
  'filter @type = "REPORT" | stats count(*) as reports, max(@maxMemoryUsed) as maxMemoryUsed, avg(@billedDuration) as billedDurationAvg, count(@initDuration) as coldStarts, avg(@initDuration) as initDurationAvg by @log';
/**
 * The same for JSON logs (`LoggingConfig.LogFormat: JSON`): the REPORT is a
 * `platform.report` record, whose fields Logs Insights discovers flattened
 * with dots; memory is in MB there.
 */
const JSON_REPORT_STATS_QUERY =
  'filter type = "platform.report" | stats count(*) as reports, max(record.metrics.maxMemoryUsedMB) as maxMemoryUsedMB, avg(record.metrics.billedDurationMs) as billedDurationAvg, count(record.metrics.initDurationMs) as coldStarts, avg(record.metrics.initDurationMs) as initDurationAvg by @log';

const METRICS = [
  { key: 'invocations', name: 'Invocations', stat: 'Sum' },
  { key: 'durationAvgMs', name: 'Duration', stat: 'Average' },
  { key: 'durationP95Ms', name: 'Duration', stat: 'p95' },
  { key: 'errors', name: 'Errors', stat: 'Sum' },
  { key: 'throttles', name: 'Throttles', stat: 'Sum' },
  { key: 'maxConcurrency', name: 'ConcurrentExecutions', stat: 'Maximum' },
] as const;

/** Several datapoints (a window not aligned to CloudWatch's periods) fold into one value. */
const fold = (stat: string, values: number[]): number | undefined => {
  if (values.length === 0) return undefined;
  if (stat === 'Sum') return values.reduce((a, b) => a + b, 0);
  if (stat === 'Average') return values.reduce((a, b) => a + b, 0) / values.length;
  return Math.max(...values);
};

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** The statistics of one log group's Text and JSON REPORTs together (a group shared by functions of both formats). */
const combineReportStats = (a: ReportLineStats, b: ReportLineStats): ReportLineStats => {
  const reports = a.reports + b.reports;
  const coldStarts = a.coldStarts + b.coldStarts;
  const weighted = (x: number, wx: number, y: number, wy: number): number =>
    wx + wy === 0 ? 0 : (x * wx + y * wy) / (wx + wy);
  return {
    reports,
    maxMemoryUsedMB: Math.max(a.maxMemoryUsedMB, b.maxMemoryUsedMB),
    billedDurationAvgMs: weighted(a.billedDurationAvgMs, a.reports, b.billedDurationAvgMs, b.reports),
    coldStarts,
    initDurationAvgMs: weighted(a.initDurationAvgMs, a.coldStarts, b.initDurationAvgMs, b.coldStarts),
  };
};

interface SdkFleetInventoryOptions {
  region: string;
  /** One endpoint for Lambda, CloudWatch and Logs (the local service), else the environment's. */
  endpoint?: string | undefined;
  profile?: string | undefined;
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  env?: Record<string, string | undefined>;
  sleep?: Sleep;
  /** `--debug`: one line per attempt of every call (no secrets, no payloads). */
  debugLog?: ((line: string) => void) | undefined;
}

const firstSet = (env: Record<string, string | undefined>, names: readonly string[]): string | undefined =>
  names.map((name) => env[name]?.trim()).find((value): value is string => value !== undefined && value !== '');

/**
 * Opens the inventory of one region.
 *
 * @example
 * const inventory = createSdkFleetInventory({ region: 'eu-west-1' });
 * const functions = await inventory.listFunctions();
 */
const createSdkFleetInventory = ({
  region,
  endpoint,
  profile,
  credentials,
  env = process.env,
  sleep = defaultSleep,
  debugLog,
}: SdkFleetInventoryOptions): FleetInventoryPort => {
  const endpointFor = (service: string): string | undefined =>
    endpoint ?? firstSet(env, [`AWS_ENDPOINT_URL_${service}`, 'AWS_ENDPOINT_URL']);
  const config = (service: string): Record<string, unknown> => {
    const url = endpointFor(service);
    const creds =
      credentials ?? (profile === undefined && url !== undefined && isLoopback(url) ? EMULATOR_CREDENTIALS : undefined);
    return {
      region,
      ...(profile === undefined ? {} : { profile }),
      ...(url === undefined ? {} : { endpoint: url }),
      ...(creds === undefined ? {} : { credentials: creds }),
    };
  };
  const lambda = new LambdaClient(config('LAMBDA'));
  const cloudWatch = new CloudWatchClient(config('CLOUDWATCH'));
  const logs = new CloudWatchLogsClient(config('CLOUDWATCH_LOGS'));
  if (debugLog !== undefined)
    for (const client of [lambda, cloudWatch, logs]) addDebugLogging({ client, log: debugLog });
  const retry = async <T>(operation: () => Promise<T>): Promise<T> => (await withRetry(operation, { sleep })).value;

  const listFunctions = async (): Promise<InventoryFunction[]> => {
    const functions: InventoryFunction[] = [];
    for await (const page of paginateListFunctions({ client: lambda }, {})) {
      for (const fn of page.Functions ?? []) {
        const name = fn.FunctionName ?? '';
        functions.push({
          functionName: name,
          functionArn: fn.FunctionArn ?? name,
          memoryMB: fn.MemorySize ?? 128,
          architecture: fn.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
          runtime: fn.Runtime,
          packageType: fn.PackageType,
          timeoutSeconds: fn.Timeout,
          logGroup: fn.LoggingConfig?.LogGroup ?? `/aws/lambda/${name}`,
          logFormat: fn.LoggingConfig?.LogFormat === 'JSON' ? 'JSON' : 'Text',
        });
      }
    }
    return functions;
  };

  const getMetrics: FleetInventoryPort['getMetrics'] = async ({ functionNames, start, end }) => {
    const period = Math.max(60, Math.round((end.getTime() - start.getTime()) / MS_PER_SECOND / 60) * 60);
    const queries: MetricDataQuery[] = functionNames.flatMap((functionName, f) =>
      METRICS.map((metric, m) => ({
        Id: `f${f}m${m}`,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Lambda',
            MetricName: metric.name,
            Dimensions: [{ Name: 'FunctionName', Value: functionName }],
          },
          Period: period,
          Stat: metric.stat,
        },
      })),
    );
    const values = new Map<string, number[]>();
    for (const batch of chunks(queries, MAX_METRIC_QUERIES)) {
      let nextToken: string | undefined;
      do {
        const token = nextToken;
        const reply = await retry(() =>
          cloudWatch.send(
            new GetMetricDataCommand({
              StartTime: start,
              EndTime: end,
              MetricDataQueries: batch,
              ...(token === undefined ? {} : { NextToken: token }),
            }),
          ),
        );
        for (const result of reply.MetricDataResults ?? [])
          values.set(result.Id ?? '', [...(values.get(result.Id ?? '') ?? []), ...(result.Values ?? [])]);
        nextToken = reply.NextToken;
      } while (nextToken !== undefined);
    }
    return new Map(
      functionNames.map((functionName, f) => {
        const read = (m: number): number | undefined => fold(METRICS[m]?.stat ?? 'Sum', values.get(`f${f}m${m}`) ?? []);
        const metrics: InventoryMetrics = {
          invocations: read(0) ?? 0,
          durationAvgMs: read(1),
          durationP95Ms: read(2),
          errors: read(3) ?? 0,
          throttles: read(4) ?? 0,
          maxConcurrency: read(5),
        };
        return [functionName, metrics];
      }),
    );
  };

  const describeLogGroups: FleetInventoryPort['describeLogGroups'] = async ({ logGroups }) => {
    const found = new Map<string, number>();
    // One call per 50 names; names not found are simply absent.
    for (const names of chunks(logGroups, MAX_QUERY_LOG_GROUPS)) {
      let nextToken: string | undefined;
      do {
        const token = nextToken;
        const reply = await retry(() =>
          logs.send(
            new DescribeLogGroupsCommand({
              logGroupIdentifiers: names,
              ...(token === undefined ? {} : { nextToken: token }),
            }),
          ),
        );
        for (const group of reply.logGroups ?? [])
          if (group.logGroupName !== undefined) found.set(group.logGroupName, group.storedBytes ?? 0);
        nextToken = reply.nextToken;
      } while (nextToken !== undefined);
    }
    return found;
  };

  /** Runs `queryString` over `logGroups` (50 per query) and reads one row per group. */
  const runStatsQuery = async ({
    logGroups,
    queryString,
    start,
    end,
  }: {
    logGroups: readonly string[];
    queryString: string;
    start: Date;
    end: Date;
  }): Promise<Map<string, ReportLineStats>> => {
    const stats = new Map<string, ReportLineStats>();
    for (const names of chunks(logGroups, MAX_QUERY_LOG_GROUPS)) {
      const { queryId } = await retry(() =>
        logs.send(
          new StartQueryCommand({
            logGroupNames: names,
            startTime: Math.floor(start.getTime() / MS_PER_SECOND),
            endTime: Math.ceil(end.getTime() / MS_PER_SECOND),
            queryString,
          }),
        ),
      );
      let rows: Array<Array<{ field?: string | undefined; value?: string | undefined }>> | undefined;
      for (let poll = 0; poll < QUERY_POLL.maxPolls && rows === undefined; poll += 1) {
        const reply = await retry(() => logs.send(new GetQueryResultsCommand({ queryId })));
        if (reply.status === 'Complete') rows = reply.results ?? [];
        else if (reply.status === 'Failed' || reply.status === 'Cancelled' || reply.status === 'Timeout')
          throw new Error(`the Logs Insights query ended ${reply.status}`);
        else await sleep(QUERY_POLL.intervalMs);
      }
      if (rows === undefined) {
        await logs.send(new StopQueryCommand({ queryId })).catch(() => undefined);
        throw new Error('the Logs Insights query did not complete in 15 minutes');
      }
      for (const row of rows) {
        const cell = Object.fromEntries(row.map((c) => [c.field ?? '', c.value ?? '']));
        const logGroup = (cell['@log'] ?? '').replace(/^\d+:/, '');
        const number = (key: string): number => Number(cell[key] ?? 0) || 0;
        stats.set(logGroup, {
          reports: number('reports'),
          // Text: @maxMemoryUsed in bytes of 10^6; JSON: record.metrics.maxMemoryUsedMB in MB.
          maxMemoryUsedMB:
            cell['maxMemoryUsedMB'] === undefined
              ? Math.round(number('maxMemoryUsed') / BYTES_PER_LOGS_MB)
              : number('maxMemoryUsedMB'),
          billedDurationAvgMs: number('billedDurationAvg'),
          coldStarts: number('coldStarts'),
          initDurationAvgMs: number('initDurationAvg'),
        });
      }
    }
    return stats;
  };

  const queryReportStats: FleetInventoryPort['queryReportStats'] = async ({
    logGroups,
    jsonLogGroups = [],
    start,
    end,
  }) => {
    const text = await runStatsQuery({ logGroups, queryString: REPORT_STATS_QUERY, start, end });
    if (jsonLogGroups.length === 0) return text;
    const json = await runStatsQuery({ logGroups: jsonLogGroups, queryString: JSON_REPORT_STATS_QUERY, start, end });
    for (const [group, stats] of json) {
      const other = text.get(group);
      text.set(group, other === undefined ? stats : combineReportStats(other, stats));
    }
    return text;
  };

  return { region, listFunctions, getMetrics, describeLogGroups, queryReportStats };
};

/**
 * The region the user configured: `AWS_REGION` / `AWS_DEFAULT_REGION`, else
 * the SDK's chain (`~/.aws/config`, with `profile`); undefined when none is set.
 *
 * @example
 * await resolveDefaultRegion({ env: process.env }); // 'eu-west-1'
 */
const resolveDefaultRegion = async ({
  profile,
  env = process.env,
}: {
  profile?: string | undefined;
  env?: Record<string, string | undefined>;
}): Promise<string | undefined> => {
  const fromEnv = firstSet(env, ['AWS_REGION', 'AWS_DEFAULT_REGION']);
  if (fromEnv !== undefined) return fromEnv;
  const client = new LambdaClient(profile === undefined ? {} : { profile });
  try {
    return await client.config.region();
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
};

export { createSdkFleetInventory, JSON_REPORT_STATS_QUERY, REPORT_STATS_QUERY, resolveDefaultRegion };
export type { SdkFleetInventoryOptions };
