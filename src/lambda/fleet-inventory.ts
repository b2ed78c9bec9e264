/**
 * The fleet inventory port: what `powertune scan` reads from a region —
 * function configurations (Lambda), metrics (CloudWatch) and REPORT-line
 * statistics (CloudWatch Logs Insights). Read-only by construction: it has
 * no method that invokes or changes anything.
 *
 * @module lambda/fleet-inventory
 */
import type { Architecture } from '../core/index.js';
import type { ReportLineStats } from '../core/fleet/index.js';

/** A function's configuration, as scan needs it. */
interface InventoryFunction {
  functionName: string;
  functionArn: string;
  memoryMB: number;
  architecture: Architecture;
  runtime?: string | undefined;
  packageType?: string | undefined;
  timeoutSeconds?: number | undefined;
  /** The function's log group (`/aws/lambda/<name>` unless configured). */
  logGroup: string;
  /** How the function logs (`LoggingConfig.LogFormat`): its REPORT is a Text line or a JSON `platform.report` record. */
  logFormat?: 'Text' | 'JSON' | undefined;
}

/** CloudWatch metrics of one function over a window. */
interface InventoryMetrics {
  invocations: number;
  durationAvgMs?: number | undefined;
  durationP95Ms?: number | undefined;
  errors: number;
  throttles: number;
  maxConcurrency?: number | undefined;
}

/** The read-only port `scan` uses, one per region. */
interface FleetInventoryPort {
  readonly region: string;
  listFunctions(): Promise<InventoryFunction[]>;
  /** Metrics per function name; a function without datapoints has 0 invocations. */
  getMetrics(request: { functionNames: string[]; start: Date; end: Date }): Promise<Map<string, InventoryMetrics>>;
  /** Stored bytes per existing log group (a log group that does not exist is absent). */
  describeLogGroups(request: { logGroups: string[] }): Promise<Map<string, number>>;
  /**
   * REPORT statistics per log group (each group must exist): Text REPORT
   * lines in `logGroups`, JSON `platform.report` records in `jsonLogGroups`
   * (the groups of functions that log JSON). A group in both lists gets
   * both kinds combined.
   */
  queryReportStats(request: {
    logGroups: string[];
    jsonLogGroups?: string[];
    start: Date;
    end: Date;
  }): Promise<Map<string, ReportLineStats>>;
}

export type { FleetInventoryPort, InventoryFunction, InventoryMetrics };
