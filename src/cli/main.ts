/**
 * Declares the commands and dispatches to them lazily, so `powertune --help`
 * never loads the AWS SDK. Turns every error into a message and an exit code
 * in exactly one place.
 *
 * @module cli/main
 */
import { PowerTuneError, suggestClosest } from '../core/index.js';
import { ExitCode } from './errors.js';
import type { Command, CommandContext } from './types.js';

const VERSION = '0.1.0';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  tune: { summary: 'Measure a function at several memory sizes and recommend one', load: async () => (await import('./commands/tune.js')).tune },
  report: { summary: 'Render a saved result as HTML, Markdown, CSV or a terminal table', load: async () => (await import('./commands/report.js')).report },
  compare: { summary: 'Compare two results (e.g. x86_64 vs arm64, before vs after)', load: async () => (await import('./commands/compare.js')).compare },
  check: { summary: 'CI gate: fail when a change made the function slower, dearer, or moved its sweet spot', load: async () => (await import('./commands/check.js')).check },
  cleanup: { summary: 'Undo what unfinished runs left behind (from their journals)', load: async () => (await import('./commands/cleanup.js')).cleanup },
  sfn: { summary: 'Run a tuning on the deployed Step Functions state machine (sfn run | sfn input)', load: async () => (await import('./commands/sfn.js')).sfn },
  emulator: { summary: 'Run the local Lambda service on 127.0.0.1', load: async () => (await import('./commands/emulator.js')).emulator },
  // Fleet: rank, tune many, apply through the template.
  scan: { summary: 'Rank the functions of a region by monthly cost, with reasons to tune (invokes nothing)', load: async () => (await import('./commands/scan.js')).scan },
};

const HELP = `powertune ${VERSION} — find the memory size at which a Lambda function is cheapest, fastest or best balanced.

Usage: powertune <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join('\n')}

Run "powertune <command> --help" for a command's options.
Add --debug to any command to print the stack of an error (or set POWERTUNE_DEBUG=1).
Quick start: powertune tune --function ./handler.mjs   (tunes it on the embedded local Lambda service)
`;

/** The global flag that adds stacks to error output. */
const DEBUG_FLAG = '--debug';
/** How many `cause` links `--debug` follows (a cycle must not loop forever). */
const MAX_CAUSE_DEPTH = 8;

/** The stack of an error and of each error in its `cause` chain. */
const describeStack = (error: unknown): string => {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < MAX_CAUSE_DEPTH; depth += 1) {
    lines.push(`${depth === 0 ? '' : 'caused by: '}${current instanceof Error ? (current.stack ?? current.message) : String(current)}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
};


/**
 * Prints an error the way users should see it and picks the exit code. Every
 * error powertune throws on purpose is a `PowerTuneError` carrying its exit
 * code: one line, plus its stack only with `--debug`. Anything else is a bug:
 * its stack and a please-report line, exit 1.
 */
const reportError = (error: unknown, context: CommandContext, debug: boolean): number => {
  if (error instanceof PowerTuneError) {
    if (error.message !== '') context.stderr.write(`powertune: ${error.message}\n`);
    if (debug) context.stderr.write(`${describeStack(error)}\n`);
    return error.exitCode;
  }
  context.stderr.write(
    `powertune: unexpected error — please report it with this output (powertune ${VERSION}, Node ${process.version}):\n${describeStack(error)}\n`,
  );
  return ExitCode.RunFailed;
};

/**
 * Runs the CLI with injected world; resolves to the exit code.
 *
 * @example
 * const code = await main({ argv: ['tune', '--help'], cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
const main = async (given: CommandContext): Promise<number> => {
  const debug = given.argv.includes(DEBUG_FLAG) || given.env.POWERTUNE_DEBUG === '1';
  const context = { ...given, argv: given.argv.filter((arg) => arg !== DEBUG_FLAG) };
  const [name, ...rest] = context.argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(HELP);
    return name === undefined ? ExitCode.BadInput : ExitCode.Success;
  }
  if (name === '--version' || name === '-v') {
    context.stdout.write(`${VERSION}\n`);
    return ExitCode.Success;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    const closest = suggestClosest(name, Object.keys(COMMANDS));
    context.stderr.write(
      `powertune: "${name}" is not a command.${closest === undefined ? '' : ` Did you mean "${closest}"?`} Run "powertune --help".\n`,
    );
    return ExitCode.BadInput;
  }
  try {
    const command = await entry.load();
    return await command({ ...context, argv: rest });
  } catch (error) {
    return reportError(error, context, debug);
  }
};

export { main, reportError, VERSION };
