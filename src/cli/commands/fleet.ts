/**
 * `powertune fleet plan.json` — tunes the functions of a plan, each exactly
 * as a single `tune` would (journal, cleanup, interrupts, exit codes), a
 * bounded number at once. Entries without a payload are never invoked.
 *
 * @module cli/commands/fleet
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { InputError, regionOfArn, validateInput } from '../../core/index.js';
import type { TuningInput, TuningResult } from '../../core/index.js';
import { validatePlan } from '../../core/fleet/index.js';
import type { FleetFunctionOutcome, FleetPlanEntry } from '../../core/fleet/index.js';
import { renderFleetHtml, renderFleetMarkdown, renderFleetTable } from '../../report/fleet/index.js';
import { runFleet } from '../../tuner/fleet/index.js';
import type { FleetTask } from '../../tuner/fleet/index.js';
import type { SfnSender } from '../../stepfunctions/index.js';
import { DEFAULT_STATE_DIR } from '../constants.js';
import { ExitCode, UsageError } from '../errors.js';
import { openTargetPort } from '../open-target-port.js';
import { checkEndpointUrl } from '../check-endpoint-url.js';
import { checkOutputPath } from '../check-output-path.js';
import { checkProfile } from '../check-profile.js';
import { ALLOW_UNKNOWN_REGION_FLAG, checkRegions } from '../check-region.js';
import { debugLogOf } from '../debug-log.js';
import { formatHelp } from '../format-help.js';
import { parseFlags } from '../parse-flags.js';
import { writeOutputFiles } from '../write-output-files.js';
import type { FlagSpec } from '../parse-flags.js';
import { readJsonFile } from '../read-json-file.js';
import { runTuningCommand } from '../run-tuning-command.js';
import type { CommandContext } from '../types.js';

/** Counted invocations per size when neither the entry nor the plan's defaults say (as `tune`). */
const DEFAULT_NUM = 10;
/** Functions tuned at once unless --max-functions says. */
const DEFAULT_MAX_FUNCTIONS = 2;
const NO_PAYLOAD =
  'no payload: invoking a production function with a guessed event has side effects; add "payload" or "payloadFile" to this entry to tune it';

const FLAGS: FlagSpec[] = [
  {
    name: 'max-functions',
    type: 'string',
    value: 'N',
    description: `Functions tuned at the same time (default ${DEFAULT_MAX_FUNCTIONS})`,
  },
  { name: 'json', type: 'boolean', description: 'Print the fleet result as JSON on stdout' },
  {
    name: 'out',
    type: 'string',
    value: 'FILE',
    description: 'Write the fleet result JSON (what `powertune apply` reads)',
  },
  { name: 'report', type: 'string', value: 'FILE', description: 'Write a one-page HTML report' },
  { name: 'markdown', type: 'boolean', description: 'Print Markdown (for a pull request) instead of the table' },
  { name: 'endpoint-url', type: 'string', value: 'URL', description: 'Lambda endpoint (e.g. the local service)' },
  { name: 'profile', type: 'string', value: 'NAME', description: 'AWS named profile' },
  {
    name: 'state-dir',
    type: 'string',
    value: 'DIR',
    description: `Run journals and saved results (default ${DEFAULT_STATE_DIR})`,
  },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
  // Fleet on Step Functions: one execution per entry, --max-functions at once.
  {
    name: 'state-machine-arn',
    type: 'string',
    value: 'ARN',
    description: 'Run each entry as an execution of the deployed powertune state machine',
  },
  ALLOW_UNKNOWN_REGION_FLAG,
];

/** `fleet --help`, wrapped to the terminal. */
const helpText = (context: CommandContext): string =>
  formatHelp({
    usage:
      'Usage: powertune fleet plan.json [--max-functions N] [--json | --markdown] [--out fleet-result.json] [--report fleet.html]',
    description:
      'Tunes every function of the plan (written by "powertune scan --write-plan" or by hand) the way "powertune tune" tunes one: same safety, journal and cleanup. ' +
      'An entry without "payload" or "payloadFile" is skipped and never invoked; one function\'s failure never stops the others.\n\n' +
      'Plan: {"defaults": {tune options}, "functions": [{"function": "name or ARN", "region": "eu-west-1", "payload": {...} | "payloadFile": "event.json", ' +
      '"skip": true | "reason", any tune option (num, powerValues, strategy, invocationsPerMonth, …)}]}',
    flags: FLAGS,
    examples: [
      'powertune scan --region eu-west-1 --write-plan plan.json',
      'powertune fleet plan.json --out fleet-result.json --report fleet.html',
      'powertune fleet plan.json --state-machine-arn arn:aws:states:eu-west-1:123456789012:stateMachine:powertune',
    ],
    footer:
      'Exit codes: 0 every entry tuned or skipped; 1 some function failed, or an output file could not be written (the result is then printed on stdout); 2 bad plan (nothing invoked); 130 interrupted (cleanup ran).',
    stream: context.stdout,
  });

const prefixed = (error: unknown, prefix: string): never => {
  if (error instanceof InputError)
    throw new UsageError({ field: `${prefix}.${error.field}`, message: `${prefix}.${error.message}` });
  if (error instanceof UsageError) throw error;
  throw error;
};

/** Every entry validated (and payload files read) before anything runs. */
const prepareTasks = async ({
  entries,
  planDir,
  refuse = () => undefined,
}: {
  entries: FleetPlanEntry[];
  planDir: string;
  /** A reason the driver cannot run this input, or undefined. */
  refuse?: (raw: Record<string, unknown>) => string | undefined;
}): Promise<FleetTask[]> => {
  const tasks: FleetTask[] = [];
  for (const entry of entries) {
    const prefix = `functions[${entry.index}]`;
    const options = { ...entry.options };
    if (entry.payloadFile !== undefined)
      options.payload = await readJsonFile({
        path: resolve(planDir, entry.payloadFile),
        field: `${prefix}.payloadFile`,
      });
    if (entry.skip !== undefined) {
      tasks.push({ entry, skip: entry.skip });
      continue;
    }
    if (options.payload === undefined && options.payloadS3 === undefined) {
      tasks.push({ entry, skip: NO_PAYLOAD });
      continue;
    }
    let input: TuningInput;
    try {
      input = validateInput({
        num: DEFAULT_NUM,
        ...options,
        lambdaARN: entry.function,
        ...(entry.region === undefined ? {} : { region: entry.region }),
      });
    } catch (error) {
      return prefixed(error, prefix);
    }
    const raw = {
      ...options,
      lambdaARN: entry.function,
      ...(entry.region === undefined ? {} : { region: entry.region }),
    };
    const refused = refuse(raw);
    tasks.push(refused === undefined ? { entry, input, raw } : { entry, refused });
  }
  return tasks;
};

/** What a test may inject. */
interface FleetDeps {
  /** The Step Functions client for --state-machine-arn (default: the SDK's, in the ARN's region). */
  sfnClient?: SfnSender;
}

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;

/**
 * Runs `powertune fleet`.
 *
 * @example
 * await fleet({ argv: ['plan.json', '--json'], ...context });
 */
const fleet = async (context: CommandContext, deps: FleetDeps = {}): Promise<number> => {
  const { values, positionals } = parseFlags({
    argv: context.argv,
    flags: FLAGS,
    allowPositionals: true,
    command: 'fleet',
  });
  if (values.help === true) {
    context.stdout.write(helpText(context));
    return ExitCode.Success;
  }
  if (positionals.length !== 1)
    throw new UsageError({
      field: 'PLAN',
      message: `PLAN: expected one plan file (powertune fleet plan.json); got ${positionals.length}`,
    });
  const maxText =
    typeof values['max-functions'] === 'string' ? values['max-functions'].trim() : String(DEFAULT_MAX_FUNCTIONS);
  const maxFunctions = /^\d+$/.test(maxText) ? Number(maxText) : Number.NaN;
  if (!Number.isInteger(maxFunctions) || maxFunctions < 1) {
    throw new UsageError({
      field: '--max-functions',
      message: `--max-functions: expected an integer >= 1; got ${JSON.stringify(maxText)}`,
    });
  }
  const planPath = resolve(context.cwd, positionals[0] ?? '');
  const raw = await readJsonFile({ path: planPath, field: 'PLAN' });
  let entries: FleetPlanEntry[];
  try {
    entries = validatePlan(raw).entries;
  } catch (error) {
    if (error instanceof InputError)
      throw new UsageError({ field: error.field, message: `${planPath}: ${error.message}` });
    throw error;
  }
  const stateMachineArn = typeof values['state-machine-arn'] === 'string' ? values['state-machine-arn'] : undefined;
  if (stateMachineArn !== undefined && !STATE_MACHINE_ARN.test(stateMachineArn)) {
    throw new UsageError({
      field: '--state-machine-arn',
      message: `--state-machine-arn: expected arn:aws:states:REGION:ACCOUNT:stateMachine:NAME; got ${JSON.stringify(stateMachineArn)}`,
    });
  }
  const sfn = stateMachineArn === undefined ? undefined : await import('../../stepfunctions/index.js');
  // The driver's own check (buildSfnInput) gives the existing message for what it cannot run.
  const refuse = (raw: Record<string, unknown>): string | undefined => {
    try {
      sfn?.buildSfnInput(raw);
      return undefined;
    } catch (error) {
      if (error instanceof InputError) return error.message;
      throw error;
    }
  };
  const tasks = await prepareTasks({ entries, planDir: dirname(planPath), refuse });
  const endpoint = typeof values['endpoint-url'] === 'string' ? values['endpoint-url'] : undefined;
  const profile = typeof values.profile === 'string' ? values.profile : undefined;
  const stateDir = resolve(
    context.cwd,
    typeof values['state-dir'] === 'string' ? values['state-dir'] : DEFAULT_STATE_DIR,
  );
  // The CLI contract's checks, before the first call.
  for (const field of ['out', 'report'] as const) {
    const path = values[field];
    if (typeof path === 'string') checkOutputPath({ path, cwd: context.cwd, field: `--${field}`, kind: 'file' });
  }
  checkOutputPath({ path: stateDir, cwd: context.cwd, field: '--state-dir', kind: 'directory' });
  checkEndpointUrl({ flag: endpoint, env: context.env });
  checkProfile({ profile, env: context.env });
  const inputs = tasks.flatMap((task) => (task.input === undefined ? [] : [task.input]));
  checkRegions({
    sources: inputs.map((input) => ({ field: 'function', value: input.lambdaARN })),
    regionFlags: inputs.map((input) => ({ field: 'region', value: input.region })),
    allowUnknown: values['allow-unknown-region'] === true,
    env: context.env,
  });
  const quiet = values.json === true || values.markdown === true || context.quiet === true;
  let resourcesLeft = false;

  const onStateMachine = async ({ raw }: FleetTask): Promise<TuningResult> => {
    if (sfn === undefined || stateMachineArn === undefined || raw === undefined) throw new Error('no state machine');
    const region = regionOfArn(stateMachineArn);
    const { output } = await sfn.runStateMachine({
      stateMachineArn,
      input: sfn.buildSfnInput(raw),
      ...(deps.sfnClient === undefined ? {} : { client: deps.sfnClient }),
      ...(region === undefined ? {} : { region }),
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
    return output;
  };

  const tune = async ({ entry, input }: FleetTask & { input: TuningInput }): Promise<TuningResult> => {
    // Measure the current size too, so the saving of the recommendation is known.
    let measured = input;
    if (input.search === undefined) {
      const { lambda } = openTargetPort({
        lambdaARN: input.lambdaARN,
        region: input.region,
        endpoint,
        profile,
        env: context.env,
        debugLog: debugLogOf(context),
      });
      const current = (await lambda.getConfiguration({ functionName: input.lambdaARN })).memoryMB;
      if (!input.powerValues.includes(current))
        measured = { ...input, powerValues: [...input.powerValues, current].sort((a, b) => a - b) };
    }
    const outcome = await runTuningCommand({
      input: measured,
      endpoint,
      region: input.region,
      profile,
      stateDir,
      backend: 'aws',
      onEvent: (event) => {
        if (event.type !== 'warning') return;
        if (event.code === 'cleanup-incomplete') resourcesLeft = true;
        // A warning is not chatter: --quiet keeps it.
        if (values.json !== true && values.markdown !== true)
          context.stderr.write(`${entry.functionName}: warning: ${event.message}\n`);
      },
      context,
    });
    if (outcome.kind !== 'result') throw new Error('a dry run has no result');
    const saved = join(stateDir, 'results', outcome.result.run.region, `${entry.functionName}.json`);
    await mkdir(dirname(saved), { recursive: true });
    await writeFile(saved, `${JSON.stringify(outcome.result, null, 2)}\n`);
    return outcome.result;
  };

  const onDone = (o: FleetFunctionOutcome): void => {
    if (quiet) return;
    const detail =
      o.status === 'tuned' ? `${o.currentMemoryMB ?? '?'} MB → ${o.recommendedMemoryMB ?? '?'} MB` : (o.reason ?? '');
    context.stderr.write(`${o.functionName}: ${o.status} — ${detail}\n`);
  };
  const result = await runFleet({
    tasks,
    maxFunctions,
    tune: stateMachineArn === undefined ? tune : onStateMachine,
    onDone,
    ...(context.signal === undefined ? {} : { signal: context.signal }),
  });

  const json = `${JSON.stringify(result, null, 2)}\n`;
  const failed = await writeOutputFiles({
    files: [
      ...(typeof values.out === 'string'
        ? [{ field: '--out', path: resolve(context.cwd, values.out), content: () => json }]
        : []),
      ...(typeof values.report === 'string'
        ? [{ field: '--report', path: resolve(context.cwd, values.report), content: () => renderFleetHtml(result) }]
        : []),
    ],
    context,
  });
  if (typeof values.report === 'string' && !failed.some((f) => f.field === '--report') && !quiet)
    context.stderr.write(`HTML report: ${resolve(context.cwd, values.report)}\n`);
  if (values.json === true) context.stdout.write(json);
  else context.stdout.write(values.markdown === true ? renderFleetMarkdown(result) : renderFleetTable(result));
  // A file that could not be written: the JSON is on stdout instead (once).
  if (failed.length > 0 && values.json !== true) context.stdout.write(`\nFleet result JSON:\n${json}`);
  if (context.signal?.aborted === true) return ExitCode.Interrupted;
  return result.totals.failed > 0 || resourcesLeft || failed.length > 0 ? ExitCode.RunFailed : ExitCode.Success;
};

export { fleet, FLAGS };
export type { FleetDeps };
