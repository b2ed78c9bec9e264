/**
 * `powertune sfn run|input` — the distributed driver: start the deployed
 * state machine with the reference's input JSON, follow its progress, and
 * render the result with the same reports as a local run.
 *
 * @module cli/commands/sfn
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError, regionOfArn } from '../../core/index.js';
import type { TuningResult } from '../../core/index.js';
import { renderHtmlReport, renderTerminalReport, shouldUseColor } from '../../report/index.js';
import { ExitCode, UsageError } from '../errors.js';
import { formatFlagHelp, parseFlags } from '../parse-flags.js';
import type { FlagSpec } from '../parse-flags.js';
import { readJsonFile } from '../read-json-file.js';
import { applyInputFlags, INPUT_FLAGS } from '../tune-flags.js';
import type { CommandContext } from '../types.js';

const RUN_FLAGS: FlagSpec[] = [
  { name: 'state-machine-arn', type: 'string', value: 'ARN', description: 'The deployed powertune state machine (SAM output StateMachineARN)' },
  { name: 'input', short: 'i', type: 'string', value: 'FILE', description: 'Execution input: the reference\'s input JSON (flags override it)' },
  ...INPUT_FLAGS,
  { name: 'max-concurrency', type: 'string', value: 'N', description: 'Map MaxConcurrency for this execution (0 = no limit)' },
  { name: 'profile', type: 'string', value: 'NAME', description: 'AWS shared-config profile' },
  { name: 'json', type: 'boolean', description: 'Print only the result JSON on stdout' },
  { name: 'out', short: 'o', type: 'string', value: 'FILE', description: 'Also write the result JSON to FILE' },
  { name: 'report', type: 'string', value: 'FILE', description: 'Write a self-contained HTML report to FILE' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
];

const HELP = `Usage:
  powertune sfn run --state-machine-arn ARN [--input input.json] [options]
  powertune sfn input [options]          print the execution input JSON built from flags

Options:
${formatFlagHelp(RUN_FLAGS)}
`;

/** Builds the execution input from --input and flags, validated like a local run. */
const buildInput = async ({ values, cwd }: { values: Record<string, unknown>; cwd: string }): Promise<Record<string, unknown>> => {
  let base: Record<string, unknown> = {};
  if (typeof values.input === 'string') {
    const parsed = await readJsonFile({ path: resolve(cwd, values.input), field: '--input' });
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UsageError({ field: '--input', message: `--input: expected a JSON object; got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}` });
    }
    base = parsed as Record<string, unknown>;
  }
  const merged = applyInputFlags({ base, values: values as never });
  if (typeof values['max-concurrency'] === 'string') merged.maxConcurrency = Number(values['max-concurrency']);
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
    context.stdout.write(HELP);
    return sub === undefined ? ExitCode.BadInput : ExitCode.Success;
  }
  if (sub !== 'run' && sub !== 'input') {
    throw new UsageError({ field: 'sfn', message: `sfn: expected a subcommand run or input; got ${JSON.stringify(sub)}` });
  }
  const { values } = parseFlags({ argv: rest, flags: RUN_FLAGS, command: `sfn ${sub}` });
  if (values.help === true) {
    context.stdout.write(HELP);
    return ExitCode.Success;
  }
  const input = await buildInput({ values, cwd: context.cwd });
  if (sub === 'input') {
    context.stdout.write(`${JSON.stringify(input, null, 2)}\n`);
    return ExitCode.Success;
  }
  const arn = values['state-machine-arn'];
  if (typeof arn !== 'string' || !/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/.test(arn)) {
    throw new UsageError({
      field: '--state-machine-arn',
      message: `--state-machine-arn: expected arn:aws:states:REGION:ACCOUNT:stateMachine:NAME; got ${arn === undefined ? 'nothing' : JSON.stringify(arn)}`,
    });
  }
  const region = regionOfArn(arn);
  const { runStateMachine } = await import('../../stepfunctions/index.js');
  const tty = context.stderr.isTTY === true;
  const { output } = await runStateMachine({
    stateMachineArn: arn,
    input,
    ...(region === undefined ? {} : { region }),
    ...(context.signal === undefined ? {} : { signal: context.signal }),
    onEvent: (event) => {
      if (values.json === true && !tty) return;
      if (event.type === 'execution-started') context.stderr.write(`powertune: execution ${event.executionArn}\n`);
      else if (event.type === 'state-entered') context.stderr.write(`  ${event.state}\n`);
      else if (event.type === 'batch-done') context.stderr.write(`${tty ? '\r\u001b[2K' : ''}  measured ${event.done}/${event.total} batches${tty ? '' : '\n'}`);
      else if (event.type === 'handler-failed') context.stderr.write(`\n  ${event.state ?? 'a state'} failed: ${event.error ?? ''} ${event.cause ?? ''}\n`);
      else if (event.type === 'execution-finished') context.stderr.write(`${tty ? '\n' : ''}  execution ${event.status}\n`);
    },
  });
  const result = output as TuningResult;
  if (typeof values.out === 'string') {
    const path = resolve(context.cwd, values.out);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  }
  if (typeof values.report === 'string') await writeFile(resolve(context.cwd, values.report), renderHtmlReport(result));
  if (values.json === true) context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (Array.isArray(result.sizes)) {
    context.stdout.write(renderTerminalReport(result, { width: Math.max(60, Math.min(context.stdout.columns ?? 100, 120)), color: shouldUseColor({ stream: context.stdout, env: context.env }) }));
  } else context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  // As with tune: the table is printed, but a goal no size meets is a failed run for scripts and CI.
  return result.recommendation?.constraints?.satisfied === false ? ExitCode.RunFailed : ExitCode.Success;
};

export { sfn };
