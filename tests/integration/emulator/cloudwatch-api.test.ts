/**
 * The local service answers the CloudWatch and CloudWatch Logs calls that
 * `powertune scan` makes, through the unchanged AWS SDK v3 clients, from the
 * record of its own functions' invocations.
 */
import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZip, startEmulator } from '../../../src/emulator/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { FakeExecutionBackend } from '../../helpers/fake-execution-backend.js';

const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
let emulator: RunningEmulator;
let lambda: LambdaClient;
let cloudWatch: CloudWatchClient;
let logs: CloudWatchLogsClient;
const startedAt = new Date(Date.now() - 60_000);

beforeAll(async () => {
  // "busy" takes 10, 20, 30, … ms; its third invocation fails.
  let busyCount = 0;
  const backend = new FakeExecutionBackend({
    respond: (request) => {
      if (request.fn.functionName !== 'busy') return { durationMs: 5, maxMemoryUsedMB: 60 };
      busyCount += 1;
      return {
        durationMs: busyCount * 10,
        maxMemoryUsedMB: 40 + busyCount,
        ...(busyCount === 3 ? { functionError: 'Unhandled' as const } : {}),
      };
    },
  });
  emulator = await startEmulator({
    announce: false,
    backend,
    logger: { info: () => undefined, warn: () => undefined },
  });
  const config = { endpoint: emulator.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 };
  lambda = new LambdaClient(config);
  cloudWatch = new CloudWatchClient(config);
  logs = new CloudWatchLogsClient(config);
  for (const name of ['busy', 'quiet', 'idle']) {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::123456789012:role/powertune-test',
        Code: {
          ZipFile: createZip([{ path: 'index.mjs', data: Buffer.from('export const handler = async () => 1;') }]),
        },
        MemorySize: 512,
      }),
    );
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
      { FunctionName: name },
    );
  }
  // "structured" writes JSON logs: its REPORT is a platform.report record.
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'structured',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: 'arn:aws:iam::123456789012:role/powertune-test',
      Code: { ZipFile: createZip([{ path: 'index.mjs', data: Buffer.from('export const handler = async () => 1;') }]) },
      MemorySize: 1024,
      LoggingConfig: { LogFormat: 'JSON' },
    }),
  );
  await waitUntilFunctionActiveV2(
    { client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
    { FunctionName: 'structured' },
  );
  for (let i = 0; i < 4; i += 1) await lambda.send(new InvokeCommand({ FunctionName: 'busy' }));
  await lambda.send(new InvokeCommand({ FunctionName: 'quiet' }));
  for (let i = 0; i < 3; i += 1) await lambda.send(new InvokeCommand({ FunctionName: 'structured' }));
}, 30_000);

afterAll(async () => {
  lambda?.destroy();
  cloudWatch?.destroy();
  logs?.destroy();
  await emulator?.stop();
});

const stat = (id: string, functionName: string, metricName: string, statistic: string) => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/Lambda',
      MetricName: metricName,
      Dimensions: [{ Name: 'FunctionName', Value: functionName }],
    },
    Period: 86_400,
    Stat: statistic,
  },
});

describe('Emulator: CloudWatch GetMetricData', () => {
  it('returns invocations, durations, errors and concurrency of each function over the window', async () => {
    // Act
    const reply = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: startedAt,
        EndTime: new Date(Date.now() + 60_000),
        MetricDataQueries: [
          stat('inv', 'busy', 'Invocations', 'Sum'),
          stat('avg', 'busy', 'Duration', 'Average'),
          stat('p95', 'busy', 'Duration', 'p95'),
          stat('err', 'busy', 'Errors', 'Sum'),
          stat('thr', 'busy', 'Throttles', 'Sum'),
          stat('conc', 'busy', 'ConcurrentExecutions', 'Maximum'),
          stat('quiet', 'quiet', 'Invocations', 'Sum'),
          stat('idle', 'idle', 'Invocations', 'Sum'),
        ],
      }),
    );
    // Assess
    const value = (id: string): number | undefined => reply.MetricDataResults?.find((r) => r.Id === id)?.Values?.[0];
    expect(value('inv')).toBe(4);
    expect(value('avg')).toBe(25);
    expect(value('p95')).toBe(40);
    expect(value('err')).toBe(1);
    expect(value('thr')).toBe(0);
    expect(value('conc')).toBe(1);
    expect(value('quiet')).toBe(1);
    // CloudWatch returns no datapoint for a function that never ran.
    expect(reply.MetricDataResults?.find((r) => r.Id === 'idle')?.Values).toEqual([]);
    expect(reply.MetricDataResults?.[0]?.Timestamps?.[0]).toBeInstanceOf(Date);
  });

  it('counts nothing outside the window', async () => {
    const reply = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(Date.now() - 7_200_000),
        EndTime: startedAt,
        MetricDataQueries: [stat('inv', 'busy', 'Invocations', 'Sum')],
      }),
    );
    expect(reply.MetricDataResults?.[0]?.Values).toEqual([]);
  });

  it('answers GetMetricStatistics too', async () => {
    const reply = await cloudWatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        Dimensions: [{ Name: 'FunctionName', Value: 'busy' }],
        StartTime: startedAt,
        EndTime: new Date(Date.now() + 60_000),
        Period: 86_400,
        Statistics: ['Maximum', 'SampleCount'],
      }),
    );
    expect(reply.Datapoints?.[0]).toMatchObject({ Maximum: 40, SampleCount: 4 });
  });

  it('refuses an operation it does not serve with a typed error', async () => {
    await expect(cloudWatch.send(new ListMetricsCommand({}))).rejects.toMatchObject({
      name: 'UnknownOperationException',
    });
  });
});

describe('Emulator: CloudWatch Logs Insights', () => {
  it('lists log groups of invoked functions only, with their stored bytes', async () => {
    const reply = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    const names = reply.logGroups?.map((g) => g.logGroupName).sort();
    expect(names).toEqual(['/aws/lambda/busy', '/aws/lambda/quiet', '/aws/lambda/structured']);
    expect(reply.logGroups?.every((g) => (g.storedBytes ?? 0) > 0)).toBe(true);
  });

  it('aggregates REPORT lines per log group', async () => {
    // Act
    const { queryId } = await logs.send(
      new StartQueryCommand({
        logGroupNames: ['/aws/lambda/busy', '/aws/lambda/quiet'],
        startTime: Math.floor(startedAt.getTime() / 1000),
        endTime: Math.ceil(Date.now() / 1000),
        queryString:
          'filter @type = "REPORT" | stats count(*) as reports, max(@maxMemoryUsed) as maxMemoryUsed, avg(@billedDuration) as billed, count(@initDuration) as coldStarts, avg(@initDuration) as init by @log',
      }),
    );
    const reply = await logs.send(new GetQueryResultsCommand({ queryId }));
    // Assess
    expect(reply.status).toBe('Complete');
    const rows = (reply.results ?? []).map((row) => Object.fromEntries(row.map((cell) => [cell.field, cell.value])));
    const busy = rows.find((row) => row['@log']?.endsWith(':/aws/lambda/busy'));
    expect(busy).toMatchObject({
      reports: '4',
      maxMemoryUsed: String(44e6),
      billed: '25',
      coldStarts: '1',
      init: '100.5',
    });
  });

  it('aggregates JSON platform.report records of JSON-logging functions only, memory in MB', async () => {
    // Act: each log format's query over all three groups
    const query = async (queryString: string): Promise<Array<Record<string, string | undefined>>> => {
      const { queryId } = await logs.send(
        new StartQueryCommand({
          logGroupNames: ['/aws/lambda/busy', '/aws/lambda/quiet', '/aws/lambda/structured'],
          startTime: Math.floor(startedAt.getTime() / 1000),
          endTime: Math.ceil(Date.now() / 1000),
          queryString,
        }),
      );
      const reply = await logs.send(new GetQueryResultsCommand({ queryId }));
      return (reply.results ?? []).map((row) => Object.fromEntries(row.map((cell) => [cell.field, cell.value])));
    };
    const json = await query(
      'filter type = "platform.report" | stats count(*) as reports, max(record.metrics.maxMemoryUsedMB) as maxMemoryUsedMB, avg(record.metrics.billedDurationMs) as billed, count(record.metrics.initDurationMs) as coldStarts by @log',
    );
    const text = await query('filter @type = "REPORT" | stats count(*) as reports by @log');
    // Assess: a record is found by the query of its own format only, as in Logs Insights
    expect(json).toEqual([
      {
        '@log': '123456789012:/aws/lambda/structured',
        reports: '3',
        maxMemoryUsedMB: '60',
        billed: '5',
        coldStarts: '1',
      },
    ]);
    expect(text.map((row) => row['@log']?.split(':')[1]).sort()).toEqual(['/aws/lambda/busy', '/aws/lambda/quiet']);
  });

  it('refuses a query on a log group that does not exist, as Logs does', async () => {
    await expect(
      logs.send(
        new StartQueryCommand({
          logGroupName: '/aws/lambda/idle',
          startTime: 0,
          endTime: 1,
          queryString: 'filter @type = "REPORT" | stats count(*)',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
