/**
 * `powertune scan` — ranks the functions of one or more regions by monthly
 * cost from CloudWatch, with the reasons each may be worth tuning. Never
 * invokes or changes anything.
 *
 * @module cli/commands/scan
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isValidRegion } from '../../core/index.js';
import { buildPlan, DEFAULT_SCAN_DAYS, MAX_SCAN_DAYS, SCAN_SORT_KEYS } from '../../core/fleet/index.js';
import type { ScanSortKey } from '../../core/fleet/index.js';
import type { FleetInventoryPort } from '../../lambda/index.js';
import { renderScanHtml, renderScanTable } from '../../report/fleet/index.js';
import { scanFleet } from '../../tuner/fleet/index.js';
import type { LogsQueryEstimate } from '../../tuner/fleet/index.js';
import { DEFAULT_STATE_DIR } from '../constants.js';
import { ExitCode, UsageError } from '../errors.js';
import { checkEndpointUrl } from '../check-endpoint-url.js';
import { checkOutputPath } from '../check-output-path.js';
import { checkProfile } from '../check-profile.js';
import { ALLOW_UNKNOWN_REGION_FLAG, checkRegions } from '../check-region.js';
import { debugLogOf } from '../debug-log.js';
import { formatHelp } from '../format-help.js';
import { parseFlags } from '../parse-flags.js';
import type { FlagSpec } from '../parse-flags.js';
import { readTunedFunctions } from '../read-tuned-functions.js';
import type { CommandContext } from '../types.js';

/** Functions in the plan `--write-plan` writes unless `--top` says. */
const DEFAULT_TOP = 10;

const FLAGS: FlagSpec[] = [
  {
    name: 'region',
    type: 'string',
    multiple: true,
    value: 'REGION[,REGION…]',
    description: 'Region(s) to scan; repeatable (default: the configured region)',
  },
  {
    name: 'days',
    type: 'string',
    value: 'N',
    description: `Days of metrics to read, 1..${MAX_SCAN_DAYS} (default ${DEFAULT_SCAN_DAYS})`,
  },
  {
    name: 'logs',
    type: 'boolean',
    description:
      'Also read REPORT lines with Logs Insights (max memory used, billed duration, cold starts); prints the estimated query cost first',
  },
  {
    name: 'sort',
    type: 'string',
    value: SCAN_SORT_KEYS.join('|'),
    description: 'Order of the table (default cost: monthly cost, dearest first)',
  },
  { name: 'top', type: 'string', value: 'N', description: `Functions in --write-plan (default ${DEFAULT_TOP})` },
  { name: 'json', type: 'boolean', description: 'Print the scan as JSON on stdout' },
  { name: 'report', type: 'string', value: 'FILE', description: 'Write a one-page HTML report' },
  {
    name: 'write-plan',
    type: 'string',
    value: 'FILE',
    description: 'Write a fleet plan of the top functions (add a payload to each one to tune)',
  },
  {
    name: 'results',
    type: 'string',
    value: 'DIR',
    description: `Folder of powertune results: functions without one get the never-tuned signal (default ${DEFAULT_STATE_DIR}/results)`,
  },
  {
    name: 'free-tier',
    type: 'boolean',
    description: "Subtract Lambda's monthly free tier from each function's cost (it is per account: off by default)",
  },
  {
    name: 'endpoint-url',
    type: 'string',
    value: 'URL',
    description: 'Lambda, CloudWatch and Logs endpoint (e.g. the local service)',
  },
  { name: 'profile', type: 'string', value: 'NAME', description: 'AWS named profile' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
  ALLOW_UNKNOWN_REGION_FLAG,
];

/** `scan --help`, wrapped to the terminal. */
const helpText = (context: CommandContext): string =>
  formatHelp({
    usage: 'Usage: powertune scan [--region R[,R…]] [--days N] [--logs] [--json] [--write-plan plan.json]',
    description:
      'Ranks the functions of the region(s) by what they cost per month at the traffic of the last --days days, with the reasons each may be worth tuning. ' +
      'Reads configuration, CloudWatch metrics and (with --logs) REPORT lines. Never invokes a function and never changes one.',
    flags: FLAGS,
    examples: [
      'powertune scan --region eu-west-1',
      'powertune scan --region eu-west-1,us-east-1 --logs --write-plan plan.json',
    ],
    footer: 'Exit codes: 0 scanned, 1 a region could not be read (the others are still shown), 2 bad input.',
    stream: context.stdout,
  });

/** Options a test may inject. */
interface ScanDeps {
  openInventory?: (options: {
    region: string;
    endpoint?: string | undefined;
    profile?: string | undefined;
    env: Record<string, string | undefined>;
  }) => FleetInventoryPort;
  now?: () => number;
}

const readIntegerFlag = ({
  value,
  flag,
  min,
  max,
  fallback,
}: {
  value: unknown;
  flag: string;
  min: number;
  max: number;
  fallback: number;
}): number => {
  if (value === undefined) return fallback;
  const text = String(value).trim();
  const number = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new UsageError({
      field: `--${flag}`,
      message: `--${flag}: expected ${range}; got ${JSON.stringify(String(value))}`,
    });
  }
  return number;
};

const formatBytes = (bytes: number): string =>
  bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(2)} GB`
    : bytes >= 1024 ** 2
      ? `${(bytes / 1024 ** 2).toFixed(1)} MB`
      : `${Math.max(0, Math.round(bytes / 1024))} KB`;

const estimateLine = (estimate: LogsQueryEstimate): string =>
  `Logs Insights: querying ${estimate.logGroups} log group(s) holding ${formatBytes(estimate.storedBytes)} — at most ${estimate.estimatedCost < 0.0001 ? 'less than $0.0001' : `about $${estimate.estimatedCost.toFixed(4)}`} at $${estimate.pricePerGB} per GB scanned (only the last days are scanned, so usually less).\n`;

/**
 * Runs `powertune scan`.
 *
 * @example
 * await scan({ argv: ['--region', 'eu-west-1', '--json'], ...context });
 */
const scan = async (context: CommandContext, deps: ScanDeps = {}): Promise<number> => {
  const { values } = parseFlags({ argv: context.argv, flags: FLAGS, command: 'scan' });
  if (values.help === true) {
    context.stdout.write(helpText(context));
    return ExitCode.Success;
  }
  const days = readIntegerFlag({
    value: values.days,
    flag: 'days',
    min: 1,
    max: MAX_SCAN_DAYS,
    fallback: DEFAULT_SCAN_DAYS,
  });
  const top = readIntegerFlag({
    value: values.top,
    flag: 'top',
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    fallback: DEFAULT_TOP,
  });
  const sort = (values.sort ?? 'cost') as string;
  if (!(SCAN_SORT_KEYS as readonly string[]).includes(sort)) {
    throw new UsageError({
      field: '--sort',
      message: `--sort: expected one of ${SCAN_SORT_KEYS.join(', ')}; got ${JSON.stringify(sort)}`,
    });
  }
  const profile = typeof values.profile === 'string' ? values.profile : undefined;
  const endpoint = typeof values['endpoint-url'] === 'string' ? values['endpoint-url'] : undefined;
  let regions = (Array.isArray(values.region) ? values.region : [])
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter((r) => r !== '');
  for (const region of regions) {
    if (!isValidRegion(region))
      throw new UsageError({
        field: '--region',
        message: `--region: expected a region like "eu-west-1"; got ${JSON.stringify(region)}`,
      });
  }
  regions = [...new Set(regions)];
  // The CLI contract's checks, before the first call.
  for (const field of ['report', 'write-plan'] as const) {
    const path = values[field];
    if (typeof path === 'string') checkOutputPath({ path, cwd: context.cwd, field: `--${field}`, kind: 'file' });
  }
  checkEndpointUrl({ flag: endpoint, env: context.env });
  checkProfile({ profile, env: context.env });
  checkRegions({
    sources: [],
    regionFlags: regions.map((value) => ({ field: '--region', value })),
    allowUnknown: values['allow-unknown-region'] === true,
    env: context.env,
  });
  const lambda = await import('../../lambda/index.js');
  if (regions.length === 0) {
    const configured = await lambda.resolveDefaultRegion({ profile, env: context.env });
    if (configured === undefined)
      throw new UsageError({
        field: '--region',
        message: '--region: expected a region (none is configured: set AWS_REGION or pass --region); got nothing',
      });
    regions = [configured];
  }
  const debugLog = debugLogOf(context);
  const openInventory = deps.openInventory ?? ((options) => lambda.createSdkFleetInventory({ ...options, debugLog }));
  const isTuned = await readTunedFunctions(
    resolve(context.cwd, typeof values.results === 'string' ? values.results : `${DEFAULT_STATE_DIR}/results`),
  );
  const result = await scanFleet({
    inventories: regions.map((region) => openInventory({ region, endpoint, profile, env: context.env })),
    days,
    logs: values.logs === true,
    sort: sort as ScanSortKey,
    isTuned,
    freeTier: values['free-tier'] === true,
    onLogsEstimate: (estimate) => context.stderr.write(estimateLine(estimate)),
    ...(deps.now === undefined ? {} : { now: deps.now }),
  });
  const write = async (file: string, text: string): Promise<string> => {
    const path = resolve(context.cwd, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    return path;
  };
  if (typeof values.report === 'string') {
    const path = await write(values.report, renderScanHtml(result));
    if (context.quiet !== true) context.stderr.write(`HTML report: ${path}\n`);
  }
  if (typeof values['write-plan'] === 'string') {
    const plan = buildPlan({ rows: result.functions, top, days });
    const path = await write(values['write-plan'], `${JSON.stringify(plan, null, 2)}\n`);
    if (context.quiet !== true)
      context.stderr.write(
        `Plan of the top ${Math.min(top, result.functions.length)} function(s): ${path} — add a "payload" to each entry to tune it; entries without one are skipped.\n`,
      );
  }
  context.stdout.write(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : renderScanTable(result));
  const failed = result.regions.filter((r) => r.error !== undefined);
  for (const region of failed) context.stderr.write(`powertune: ${region.region}: ${region.error ?? ''}\n`);
  return failed.length > 0 ? ExitCode.RunFailed : ExitCode.Success;
};

export { FLAGS, scan };
export type { ScanDeps };
