import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../src/cli/commands/scan.js';
import type { ScanDeps } from '../../../src/cli/commands/scan.js';
import type { FleetInventoryPort, InventoryFunction } from '../../../src/lambda/index.js';
import { runCli } from '../../helpers/run-cli.js';

const fn = (name: string, memoryMB: number): InventoryFunction => ({
  functionName: name,
  functionArn: `arn:aws:lambda:x:1:function:${name}`,
  memoryMB,
  architecture: 'arm64',
  runtime: 'nodejs22.x',
  packageType: 'Zip',
  logGroup: `/aws/lambda/${name}`,
});

/** A region whose functions each ran `invocations` times at 100 ms; `deny` makes a call fail as IAM would. */
const inventory = (
  region: string,
  functions: InventoryFunction[],
  { deny }: { deny?: 'metrics' | 'logs' } = {},
): FleetInventoryPort & { calls: string[] } => {
  const calls: string[] = [];
  const denied = (operation: string): Error =>
    Object.assign(new Error(`User is not authorized to perform: ${operation}`), { name: 'AccessDeniedException' });
  return {
    region,
    calls,
    listFunctions: async () => (calls.push('listFunctions'), functions),
    getMetrics: async ({ functionNames }) => {
      calls.push('getMetrics');
      if (deny === 'metrics') throw denied('cloudwatch:GetMetricData');
      return new Map(
        functionNames.map((name, i) => [
          name,
          { invocations: (i + 1) * 1000, durationAvgMs: 100, durationP95Ms: 110, errors: 0, throttles: 0 },
        ]),
      );
    },
    describeLogGroups: async ({ logGroups }) => (
      calls.push('describeLogGroups'),
      new Map(logGroups.map((g) => [g, 2 * 1024 ** 3]))
    ),
    queryReportStats: async ({ logGroups }) => {
      calls.push('queryReportStats');
      if (deny === 'logs') throw denied('logs:StartQuery');
      return new Map(
        logGroups.map((g) => [
          g,
          { reports: 10, maxMemoryUsedMB: 100, billedDurationAvgMs: 100, coldStarts: 1, initDurationAvgMs: 200 },
        ]),
      );
    },
  };
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const run = async (argv: string[], deps: ScanDeps): Promise<{ code: number; stdout: string; stderr: string }> => {
  const cwd = mkdtempSync(join(tmpdir(), 'powertune-scan-'));
  dirs.push(cwd);
  let stdout = '';
  let stderr = '';
  const code = await scan(
    {
      argv,
      cwd,
      env: {},
      stdout: { write: (c: string) => ((stdout += c), true) },
      stderr: { write: (c: string) => ((stderr += c), true) },
    },
    deps,
  );
  return { code, stdout, stderr };
};

describe('Command: powertune scan', () => {
  it('reports a region whose CloudWatch access is denied, still scans the others, and exits 1', async () => {
    // Prepare
    const ok = inventory('eu-west-1', [fn('a', 512), fn('b', 1024)]);
    const denied = inventory('us-east-1', [fn('c', 2048)], { deny: 'metrics' });
    // Act
    const result = await run(['--region', 'eu-west-1,us-east-1', '--json'], {
      openInventory: ({ region }) => (region === 'eu-west-1' ? ok : denied),
    });
    // Assess
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as {
      functions: Array<{ functionName: string }>;
      regions: Array<{ region: string; status: string; error?: string }>;
    };
    expect(json.functions.map((f) => f.functionName)).toEqual(['b', 'a']);
    expect(json.regions.find((r) => r.region === 'us-east-1')).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('access denied reading CloudWatch metrics'),
    });
    expect(result.stderr).toContain('us-east-1: access denied');
  });

  it('prints the Logs Insights cost estimate before any query runs, and keeps metrics when Logs is denied', async () => {
    // Prepare
    const region = inventory('eu-west-1', [fn('a', 512)], { deny: 'logs' });
    // Act
    const result = await run(['--region', 'eu-west-1', '--logs', '--json'], { openInventory: () => region });
    // Assess: 2 GB stored at $0.005 per GB
    expect(result.stderr).toMatch(/1 log group\(s\) holding 2\.00 GB — at most about \$0\.0100/);
    expect(region.calls).toEqual(['listFunctions', 'getMetrics', 'describeLogGroups', 'queryReportStats']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).functions).toHaveLength(1);
  });

  it('uses the REPORT statistics when Logs answers', async () => {
    const result = await run(['--region', 'eu-west-1', '--logs', '--json'], {
      openInventory: () => inventory('eu-west-1', [fn('a', 512)]),
    });
    const [row] = JSON.parse(result.stdout).functions as Array<{
      logs: unknown;
      cost: { coldStartRate: number };
      signals: Array<{ code: string }>;
    }>;
    expect(result.code).toBe(0);
    expect(row?.cost.coldStartRate).toBe(0.1);
    expect(row?.signals.map((s) => s.code)).toContain('memory-underused');
  });

  it.each([
    [['--days', '0'], '--days: expected an integer from 1 to 455; got "0"'],
    [['--days', '456'], '--days: expected an integer from 1 to 455; got "456"'],
    [['--days', 'two'], '--days: expected an integer from 1 to 455; got "two"'],
    [['--top', '0'], '--top: expected an integer >= 1; got "0"'],
    [['--sort', 'price'], '--sort: expected one of cost, invocations, duration, memory, name; got "price"'],
    [['--region', 'mars'], '--region: expected a region like "eu-west-1"; got "mars"'],
    [['--dayz', '3'], '--dayz: unknown option for "powertune scan". Did you mean "--days"?'],
  ])('refuses %j with exit 2 before reading anything', async (argv, message) => {
    // Act
    const result = await runCli(['scan', '--region', 'eu-west-1', ...argv]);
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
