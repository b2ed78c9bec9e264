/**
 * `powertune sfn run|input` — the distributed driver: start the deployed
 * state machine with the reference's input JSON, follow its progress, and
 * render the result with the same reports as a local run.
 *
 * @module cli/commands/sfn
 */
import { resolve } from 'node:path';
import { InputError, regionOfArn } from '../../core/index.js';
import type { TuningResult } from '../../core/index.js';
import { renderHtmlReport, renderTerminalReport, shouldUseColor } from '../../report/index.js';
import { ExitCode, UsageError } from '../errors.js';
import { checkOutputPath } from '../check-output-path.js';
import { checkProfile } from '../check-profile.js';
import { ALLOW_UNKNOWN_REGION_FLAG, checkRegions } from '../check-region.js';
import { DEFAULT_CLI_NUM } from '../constants.js';
import { debugLogOf } from '../debug-log.js';
import { formatHelp } from '../format-help.js';
import { parseFlags } from '../parse-flags.js';
import { writeOutputFiles } from '../write-output-files.js';
import type { FlagSpec } from '../parse-flags.js';
import { readJsonFile } from '../read-json-file.js';
import { applyInputFlags, INPUT_FLAGS } from '../tune-flags.js';
import type { CommandContext } from '../types.js';

/**
 * What the state machine does not do, so `sfn --help` does not offer it:
 * the adaptive search and its budgets (refused by the driver), the
 * invocation order (its Map state measures each size on its own) and the
 * local service's CPU model.
 */
const LOCAL_ONLY_FLAGS = new Set(['granularity', 'max-invocations', 'max-tuning-cost', 'order', 'cpu-model']);

/** The input flags as `sfn` accepts them: no local handler files, no "auto". */
const SFN_INPUT_FLAGS: FlagSpec[] = INPUT_FLAGS.filter((f) => !LOCAL_ONLY_FLAGS.has(f.name)).map((f) => {
  switch (f.name) {
    case 'function':
      return {
        ...f,
        value: 'ARN|NAME',
        description: "Function to tune: name, ARN or qualified ARN (in the state machine's account)",
      };
    case 'num':
      return {
        ...f,
        value: 'N',
        description: `Counted invocations per memory size (>= 5; default ${DEFAULT_CLI_NUM})`,
      };
    case 'power-values':
      return { ...f, description: 'Memory sizes in MB: "128,512,1024", "ALL", or a range "128-3008:64"' };
    case 'power':
      return { ...f, value: 'LIST', description: 'Alias of --power-values' };
    default:
      return f;
  }
});

const RUN_FLAGS: FlagSpec[] = [
  {
    name: 'state-machine-arn',
    type: 'string',
    value: 'ARN',
    description: 'The deployed powertune state machine (SAM output StateMachineARN)',
  },
  {
    name: 'input',
    short: 'i',
    type: 'string',
    value: 'FILE',
    description: "Execution input: the reference's input JSON (flags override it)",
  },
  ...SFN_INPUT_FLAGS,
  {
    name: 'max-concurrency',
    type: 'string',
    value: 'N',
    description: 'Map MaxConcurrency for this execution (0 = no limit)',
  },
  { name: 'profile', type: 'string', value: 'NAME', description: 'AWS shared-config profile' },
  { name: 'json', type: 'boolean', description: 'Print only the result JSON on stdout' },
  { name: 'out', short: 'o', type: 'string', value: 'FILE', description: 'Also write the result JSON to FILE' },
  { name: 'report', type: 'string', value: 'FILE', description: 'Write a self-contained HTML report to FILE' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
  ALLOW_UNKNOWN_REGION_FLAG,
];

/** `sfn --help`, wrapped to the terminal. */
const helpText = (context: CommandContext): string =>
  formatHelp({
    usage:
      'Usage:\n  powertune sfn run --state-machine-arn ARN [--input input.json] [options]\n  powertune sfn input [options]   (prints the execution input JSON)',
    description:
      'Runs the tuning on the deployed Step Functions state machine: fixed lists of sizes, measured in parallel on AWS.',
    flags: RUN_FLAGS,
    examples: [
      'powertune sfn run --state-machine-arn ARN --function my-fn --power-values 128,512,1024',
      'powertune sfn run --state-machine-arn ARN --input input.json --out result.json',
      'powertune sfn input --function my-fn --num 50 > input.json',
    ],
    stream: context.stdout,
  });

/** True for the SDK's "no credentials" failures (raised before any request is sent). */
const isMissingCredentials = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'CredentialsProviderError' ||
    /could not load credentials|credential.*not found|profile .* could not be found/i.test(error.message));

/** Builds the execution input from --input and flags, validated like a local run. */
const buildInput = async ({
  values,
  cwd,
}: {
  values: Record<string, unknown>;
  cwd: string;
}): Promise<Record<string, unknown>> => {
  let base: Record<string, unknown> = {};
  if (typeof values.input === 'string') {
    const parsed = await readJsonFile({ path: resolve(cwd, values.input), field: '--input' });
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UsageError({
        field: '--input',
        message: `--input: expected a JSON object; got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`,
      });
    }
    base = parsed as Record<string, unknown>;
  }
  const merged = applyInputFlags({ base, values: values as never });
  if (typeof values['max-concurrency'] === 'string') merged.maxConcurrency = Number(values['max-concurrency']);
  // As in `tune`: the reference requires num; the command line has a default.
  if (merged.num === undefined && merged.dryRun !== true) merged.num = DEFAULT_CLI_NUM;
  const { buildSfnInput } = await import('../../stepfunctions/index.js');
  try {
    return buildSfnInput(merged);
  } catch (error) {
    if (error instanceof InputError) throw new UsageError({ field: error.field, message: error.message });
    throw error;
  }
};

/**
 * Runs `powertune sfn`.
 *
 * @example
 * await sfn({ argv: ['run', '--state-machine-arn', arn, '--input', 'input.json'], ...context });
 */
const sfn = async (context: CommandContext): Promise<number> => {
  const [sub, ...rest] = context.argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    context.stdout.write(helpText(context));
    return sub === undefined ? ExitCode.BadInput : ExitCode.Success;
  }
  if (sub !== 'run' && sub !== 'input') {
    throw new UsageError({
      field: 'sfn',
      message: `sfn: expected a subcommand run or input; got ${JSON.stringify(sub)}`,
    });
  }
  const { values } = parseFlags({ argv: rest, flags: RUN_FLAGS, command: `sfn ${sub}` });
  if (values.help === true) {
    context.stdout.write(helpText(context));
    return ExitCode.Success;
  }
  const input = await buildInput({ values, cwd: context.cwd });
  if (sub === 'input') {
    context.stdout.write(`${JSON.stringify(input, null, 2)}\n`);
    return ExitCode.Success;
  }
  const arn = values['state-machine-arn'];
  if (
    typeof arn !== 'string' ||
    !/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/.test(arn)
  ) {
    throw new UsageError({
      field: '--state-machine-arn',
      message: `--state-machine-arn: expected arn:aws:states:REGION:ACCOUNT:stateMachine:NAME; got ${arn === undefined ? 'nothing' : JSON.stringify(arn)}`,
    });
  }
  const region = regionOfArn(arn);
  const profile = typeof values.profile === 'string' ? values.profile : undefined;
  // The contract's checks, before the execution starts.
  for (const field of ['out', 'report'] as const) {
    const path = values[field];
    if (typeof path === 'string') checkOutputPath({ path, cwd: context.cwd, field: `--${field}`, kind: 'file' });
  }
  checkProfile({ profile, env: context.env });
  checkRegions({
    sources: [
      { field: '--state-machine-arn', value: arn },
      { field: 'lambdaARN', value: typeof input.lambdaARN === 'string' ? input.lambdaARN : undefined },
    ],
    allowUnknown: values['allow-unknown-region'] === true,
    env: context.env,
  });
  const { runStateMachine } = await import('../../stepfunctions/index.js');
  const tty = context.stderr.isTTY === true;
  const debugLog = debugLogOf(context);
  let started = false;
  const { output } = await runStateMachine({
    stateMachineArn: arn,
    input,
    ...(region === undefined ? {} : { region }),
    ...(profile === undefined ? {} : { profile }),
    ...(debugLog === undefined ? {} : { debugLog }),
    ...(context.signal === undefined ? {} : { signal: context.signal }),
    onEvent: (event) => {
      if (event.type === 'execution-started') started = true;
      if (context.quiet === true || (values.json === true && !tty)) return;
      if (event.type === 'execution-started') context.stderr.write(`powertune: execution ${event.executionArn}\n`);
      else if (event.type === 'state-entered') context.stderr.write(`  ${event.state}\n`);
      else if (event.type === 'batch-done')
        context.stderr.write(
          `${tty ? '\r\u001b[2K' : ''}  measured ${event.done}/${event.total} batches${tty ? '' : '\n'}`,
        );
      else if (event.type === 'handler-failed')
        context.stderr.write(`\n  ${event.state ?? 'a state'} failed: ${event.error ?? ''} ${event.cause ?? ''}\n`);
      else if (event.type === 'execution-finished')
        context.stderr.write(`${tty ? '\n' : ''}  execution ${event.status}\n`);
    },
  }).catch((error: unknown) => {
    // No credentials is found before StartExecution is sent: nothing was started, so it is bad input.
    if (!started && isMissingCredentials(error)) {
      throw new UsageError({
        field: 'credentials',
        message:
          `credentials: expected AWS credentials to start ${arn}; got none (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). ` +
          'Pass --profile NAME, set AWS_PROFILE, export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run "aws sso login"; nothing was started',
      });
    }
    throw error;
  });
  const result = output as TuningResult;
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const failed = await writeOutputFiles({
    files: [
      ...(typeof values.out === 'string'
        ? [{ field: '--out', path: resolve(context.cwd, values.out), content: () => json }]
        : []),
      ...(typeof values.report === 'string'
        ? [{ field: '--report', path: resolve(context.cwd, values.report), content: () => renderHtmlReport(result) }]
        : []),
    ],
    context,
  });
  if (values.json === true) context.stdout.write(json);
  else if (Array.isArray(result.sizes)) {
    context.stdout.write(
      renderTerminalReport(result, {
        width: Math.max(60, Math.min(context.stdout.columns ?? 100, 120)),
        color: shouldUseColor({ stream: context.stdout, env: context.env }),
      }),
    );
  } else context.stdout.write(json);
  // A file that could not be written: the JSON is on stdout instead (once).
  if (failed.length > 0 && values.json !== true && Array.isArray(result.sizes))
    context.stdout.write(`\nResult JSON:\n${json}`);
  // As with tune: the table is printed, but a goal no size meets (or a file not written) is a failed run for scripts and CI.
  return result.recommendation?.constraints?.satisfied === false || failed.length > 0
    ? ExitCode.RunFailed
    : ExitCode.Success;
};

export { RUN_FLAGS, sfn };
