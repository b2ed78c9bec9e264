/**
 * Declares the commands and dispatches to them lazily, so `powertune --help`
 * never loads the AWS SDK. Turns every error into a message and an exit code
 * in exactly one place.
 *
 * @module cli/main
 */
import { PowerTuneError } from '../core/index.js';
import { ExitCode, ExitError } from './errors.js';
import type { Command, CommandContext } from './types.js';
import { helpWidth, wrapText } from './format-help.js';
import { suggestClosest } from '../core/index.js';

const VERSION = '0.1.0';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  tune: { summary: 'Measure a function at several memory sizes and recommend one', load: async () => (await import('./commands/tune.js')).tune },
  report: { summary: 'Render a saved result as HTML, Markdown, CSV or a terminal table', load: async () => (await import('./commands/report.js')).report },
  compare: { summary: 'Compare two results (e.g. x86_64 vs arm64, before vs after)', load: async () => (await import('./commands/compare.js')).compare },
  check: { summary: 'CI gate: fail when a change made the function slower, dearer, or moved its sweet spot', load: async () => (await import('./commands/check.js')).check },
  cleanup: { summary: 'Undo what unfinished runs left behind (from their journals)', load: async () => (await import('./commands/cleanup.js')).cleanup },
  sfn: { summary: 'Run a tuning on the deployed Step Functions state machine (sfn run | sfn input)', load: async () => (await import('./commands/sfn.js')).sfn },
  emulator: { summary: 'Run the local Lambda service on 127.0.0.1', load: async () => (await import('./commands/emulator.js')).emulator },
  completion: { summary: 'Print a shell completion script: powertune completion bash|zsh|fish', load: async () => (await import('./commands/completion.js')).completion },
};

/** The general help, wrapped to the terminal (command summaries with a hanging indent). */
const helpText = (stream: CommandContext['stdout']): string => {
  const width = helpWidth(stream);
  const column = 14;
  const commands = Object.entries(COMMANDS).map(([name, c]) =>
    wrapText(c.summary, width - column)
      .map((line, i) => `${i === 0 ? `  ${name}`.padEnd(column) : ' '.repeat(column)}${line}`)
      .join('\n'),
  );
  const paragraph = (text: string): string => wrapText(text, width).join('\n');
  return [
    paragraph(`powertune ${VERSION} — find the memory size at which a Lambda function is cheapest, fastest or best balanced.`),
    'Usage: powertune <command> [options]',
    `Commands:\n${commands.join('\n')}`,
    paragraph('Run "powertune help <command>" (or "powertune <command> --help") for a command\'s options. Every command also takes --quiet (no progress on stderr) and --debug (log each AWS call, show error stacks).'),
    `${paragraph('Quick start (tunes a handler file on the embedded local Lambda service):')}\n  powertune tune --function ./handler.mjs`,
  ].join('\n\n') + '\n';
};

/** Prints an error the way users should see it and picks the exit code. */
const reportError = (error: unknown, context: CommandContext): number => {
  if (error instanceof ExitError) {
    if (error.message !== '') context.stderr.write(`powertune: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof PowerTuneError) {
    context.stderr.write(`powertune: ${error.message}\n`);
    const code = (error as { exitCode?: number }).exitCode;
    return code ?? ExitCode.RunFailed;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  context.stderr.write(
    `powertune: unexpected error — please report it with this output (powertune ${VERSION}, Node ${process.version}):\n${message}\n`,
  );
  return ExitCode.RunFailed;
};

/**
 * Takes `--quiet`/`-q` and `--debug` out of argv (anywhere before `--`) into
 * the context, so every command honours them without declaring them.
 */
const withGlobalFlags = (context: CommandContext): CommandContext => {
  const end = context.argv.indexOf('--');
  const head = end === -1 ? context.argv : context.argv.slice(0, end);
  const tail = end === -1 ? [] : context.argv.slice(end);
  const quiet = head.some((arg) => arg === '--quiet' || arg === '-q');
  const debug = head.includes('--debug');
  if (!quiet && !debug) return context;
  return {
    ...context,
    argv: [...head.filter((arg) => arg !== '--quiet' && arg !== '-q' && arg !== '--debug'), ...tail],
    quiet: context.quiet === true || quiet,
    debug: context.debug === true || debug,
  };
};

/** With --debug, an error's stack (and its causes') goes to stderr before the usual message. */
const withDebugStacks =
  (command: Command): Command =>
  async (context) => {
    try {
      return await command(context);
    } catch (error) {
      if (context.debug === true) {
        for (let e: unknown = error; e instanceof Error; e = e.cause) context.stderr.write(`[debug] ${e.stack ?? `${e.name}: ${e.message}`}\n`);
      }
      throw error;
    }
  };

/**
 * Runs the CLI with injected world; resolves to the exit code.
 *
 * @example
 * const code = await main({ argv: ['tune', '--help'], cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
const main = async (given: CommandContext): Promise<number> => {
  const context = withGlobalFlags(given);
  const [first, ...afterFirst] = context.argv;
  // `powertune help tune` is `powertune tune --help`.
  const [name, ...rest] = first === 'help' && afterFirst[0] !== undefined ? [afterFirst[0], '--help'] : context.argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(helpText(context.stdout));
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
    return await withDebugStacks(command)({ ...context, argv: rest });
  } catch (error) {
    return reportError(error, context);
  }
};

export { COMMANDS, main, VERSION };
