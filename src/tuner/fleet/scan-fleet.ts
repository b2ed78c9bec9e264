/**
 * `scan`: reads the functions of several regions (configuration, metrics,
 * optionally REPORT-line statistics) and ranks them. Invokes nothing and
 * changes nothing: the inventory port has no such method.
 *
 * @module tuner/fleet/scan-fleet
 */
import { rankFunctions, scannedFunction } from '../../core/fleet/index.js';
import type { ScannedFunction, ScanSortKey } from '../../core/fleet/index.js';
import type { FleetInventoryPort, InventoryFunction, InventoryMetrics } from '../../lambda/index.js';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
const BYTES_PER_GB = 1024 ** 3;
/** Logs Insights price per GB scanned (us-east-1; most regions are within a few tenths of a cent). */
const LOGS_INSIGHTS_PRICE_PER_GB = 0.005;

/** What one region gave. */
interface RegionScan {
  region: string;
  status: 'scanned' | 'failed';
  functions: number;
  /** Why the region, or a part of it (Logs), could not be read. */
  error?: string;
}

/** What the Logs Insights queries may cost, announced before they run. */
interface LogsQueryEstimate {
  logGroups: number;
  /** Stored bytes of those log groups: an upper bound of what the window scans. */
  storedBytes: number;
  pricePerGB: number;
  estimatedCost: number;
}

interface ScanResult {
  days: number;
  start: string;
  end: string;
  regions: RegionScan[];
  logsQuery?: LogsQueryEstimate;
  functions: ScannedFunction[];
}

interface ScanFleetOptions {
  inventories: FleetInventoryPort[];
  days: number;
  logs?: boolean;
  sort?: ScanSortKey;
  /** True when a powertune result for the function is on file. */
  isTuned?: (fn: { functionName: string; functionArn: string; region: string }) => boolean;
  /** Called once, before any Logs Insights query runs. */
  onLogsEstimate?: (estimate: LogsQueryEstimate) => void;
  now?: () => number;
  freeTier?: boolean;
}

const describeError = (error: unknown, what: string): string => {
  const e = error as { name?: string; message?: string };
  const denied = /AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(`${e.name ?? ''} ${e.message ?? ''}`);
  return `${denied ? 'access denied' : 'failed'} reading ${what}: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
};

interface RegionData {
  inventory: FleetInventoryPort;
  functions: InventoryFunction[];
  metrics: Map<string, InventoryMetrics>;
  logGroups: Map<string, number>;
  report: RegionScan;
}

/**
 * Scans the regions; a region that fails is reported and the others still
 * scanned.
 *
 * @example
 * const result = await scanFleet({ inventories: [createSdkFleetInventory({ region: 'eu-west-1' })], days: 14 });
 */
const scanFleet = async ({
  inventories,
  days,
  logs = false,
  sort = 'cost',
  isTuned = () => false,
  onLogsEstimate,
  now = Date.now,
  freeTier = false,
}: ScanFleetOptions): Promise<ScanResult> => {
  // Rounded up so the current minute counts (CloudWatch aligns periods to minutes).
  const endMs = Math.ceil(now() / MS_PER_MINUTE) * MS_PER_MINUTE;
  const start = new Date(endMs - days * MS_PER_DAY);
  const end = new Date(endMs);
  const phaseOne = await Promise.all(
    inventories.map(async (inventory): Promise<RegionData> => {
      const report: RegionScan = { region: inventory.region, status: 'scanned', functions: 0 };
      const data: RegionData = { inventory, functions: [], metrics: new Map(), logGroups: new Map(), report };
      let step = 'Lambda functions (ListFunctions)';
      try {
        data.functions = await inventory.listFunctions();
        report.functions = data.functions.length;
        step = 'CloudWatch metrics (GetMetricData)';
        if (data.functions.length > 0)
          data.metrics = await inventory.getMetrics({
            functionNames: data.functions.map((f) => f.functionName),
            start,
            end,
          });
      } catch (error) {
        return {
          ...data,
          functions: [],
          report: { ...report, status: 'failed', functions: 0, error: describeError(error, step) },
        };
      }
      if (logs && data.functions.length > 0) {
        try {
          data.logGroups = await inventory.describeLogGroups({ logGroups: data.functions.map((f) => f.logGroup) });
        } catch (error) {
          report.status = 'failed';
          report.error = describeError(error, 'CloudWatch Logs (DescribeLogGroups)');
        }
      }
      return data;
    }),
  );
  let logsQuery: LogsQueryEstimate | undefined;
  const stats = new Map<FleetInventoryPort, Map<string, NonNullable<ScannedFunction['logs']>>>();
  if (logs) {
    const storedBytes = phaseOne.reduce((sum, d) => sum + [...d.logGroups.values()].reduce((a, b) => a + b, 0), 0);
    const logGroups = phaseOne.reduce((sum, d) => sum + d.logGroups.size, 0);
    logsQuery = {
      logGroups,
      storedBytes,
      pricePerGB: LOGS_INSIGHTS_PRICE_PER_GB,
      estimatedCost: (storedBytes / BYTES_PER_GB) * LOGS_INSIGHTS_PRICE_PER_GB,
    };
    onLogsEstimate?.(logsQuery);
    await Promise.all(
      phaseOne.map(async (d) => {
        if (d.logGroups.size === 0) return;
        try {
          // Each group is read in the format its functions log (a group shared by both formats, in both).
          const formats = new Map<string, Set<boolean>>();
          for (const fn of d.functions)
            formats.set(fn.logGroup, (formats.get(fn.logGroup) ?? new Set()).add(fn.logFormat === 'JSON'));
          const inFormat = (json: boolean): string[] =>
            [...d.logGroups.keys()].filter((group) => formats.get(group)?.has(json) === true);
          const jsonLogGroups = inFormat(true);
          stats.set(
            d.inventory,
            await d.inventory.queryReportStats({
              logGroups: inFormat(false),
              ...(jsonLogGroups.length === 0 ? {} : { jsonLogGroups }),
              start,
              end,
            }),
          );
        } catch (error) {
          d.report.status = 'failed';
          d.report.error = describeError(error, 'CloudWatch Logs Insights (StartQuery)');
        }
      }),
    );
  }
  const rows = phaseOne.flatMap((d) =>
    d.functions.map((fn) => {
      const metrics = d.metrics.get(fn.functionName);
      const logStats = stats.get(d.inventory)?.get(fn.logGroup);
      return scannedFunction({
        usage: {
          functionName: fn.functionName,
          region: d.inventory.region,
          memoryMB: fn.memoryMB,
          architecture: fn.architecture,
          runtime: fn.runtime,
          packageType: fn.packageType,
          timeoutSeconds: fn.timeoutSeconds,
          days,
          invocations: metrics?.invocations ?? 0,
          durationAvgMs: metrics?.durationAvgMs,
          durationP95Ms: metrics?.durationP95Ms,
          errors: metrics?.errors,
          throttles: metrics?.throttles,
          maxConcurrency: metrics?.maxConcurrency,
          ...(logStats === undefined ? {} : { logs: logStats }),
          tunedBefore: isTuned({
            functionName: fn.functionName,
            functionArn: fn.functionArn,
            region: d.inventory.region,
          }),
        },
        freeTier,
      });
    }),
  );
  return {
    days,
    start: start.toISOString(),
    end: end.toISOString(),
    regions: phaseOne.map((d) => d.report),
    ...(logsQuery === undefined ? {} : { logsQuery }),
    functions: rankFunctions({ rows, sort }),
  };
};

export { LOGS_INSIGHTS_PRICE_PER_GB, scanFleet };
export type { LogsQueryEstimate, RegionScan, ScanFleetOptions, ScanResult };
