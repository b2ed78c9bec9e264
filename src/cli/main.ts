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
import { helpWidth, wrapText } from './format-help.js';

import { VERSION } from './version.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  tune: {
    summary: 'Measure a function at several memory sizes and recommend one',
    load: async () => (await import('./commands/tune.js')).tune,
  },
  report: {
    summary: 'Render a saved result as HTML, Markdown, CSV or a terminal table',
    load: async () => (await import('./commands/report.js')).report,
  },
  compare: {
    summary: 'Compare two results (e.g. x86_64 vs arm64, before vs after)',
    load: async () => (await import('./commands/compare.js')).compare,
  },
  check: {
    summary: 'CI gate: fail when a change made the function slower, dearer, or moved its sweet spot',
    load: async () => (await import('./commands/check.js')).check,
  },
  cleanup: {
    summary: 'Undo what unfinished runs left behind (from their journals)',
    load: async () => (await import('./commands/cleanup.js')).cleanup,
  },
  sfn: {
    summary: 'Run a tuning on the deployed Step Functions state machine (sfn run | sfn input)',
    load: async () => (await import('./commands/sfn.js')).sfn,
  },
  emulator: {
    summary: 'Run the local Lambda service on 127.0.0.1',
    load: async () => (await import('./commands/emulator.js')).emulator,
  },
  completion: {
    summary: 'Print a shell completion script: powertune completion bash|zsh|fish',
    load: async () => (await import('./commands/completion.js')).completion,
  },
  // Fleet: rank, tune many, apply through the template.
  scan: {
    summary: 'Rank the functions of a region by monthly cost, with reasons to tune (invokes nothing)',
    load: async () => (await import('./commands/scan.js')).scan,
  },
  fleet: {
    summary: 'Tune the functions of a plan, each as safely as tune (entries without a payload are skipped)',
    load: async () => (await import('./commands/fleet.js')).fleet,
  },
  apply: {
    summary: 'Write fleet recommendations into a SAM template (or print them for CDK/Terraform)',
    load: async () => (await import('./commands/apply.js')).apply,
  },
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
  return (
    [
      paragraph(
        `powertune ${VERSION} — find the memory size at which a Lambda function is cheapest, fastest or best balanced.`,
      ),
      'Usage: powertune <command> [options]',
      `Commands:\n${commands.join('\n')}`,
      paragraph(
        'Run "powertune help <command>" (or "powertune <command> --help") for a command\'s options. Every command also takes --quiet (no progress on stderr) and --debug (log each AWS call, show error stacks).',
      ),
      `${paragraph('Quick start (tunes a handler file on the embedded local Lambda service):')}\n  powertune tune --function ./handler.mjs`,
    ].join('\n\n') + '\n'
  );
};

/** How many `cause` links `--debug` follows (a cycle must not loop forever). */
const MAX_CAUSE_DEPTH = 8;

/** The stack of an error and of each error in its `cause` chain. */
const describeStack = (error: unknown): string => {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < MAX_CAUSE_DEPTH; depth += 1) {
    lines.push(
      `${depth === 0 ? '' : 'caused by: '}${current instanceof Error ? (current.stack ?? current.message) : String(current)}`,
    );
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

/**
 * Runs the CLI with injected world; resolves to the exit code.
 *
 * @example
 * const code = await main({ argv: ['tune', '--help'], cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
const main = async (given: CommandContext): Promise<number> => {
  // POWERTUNE_DEBUG=1 is --debug for every run of a shell or CI job.
  const context = withGlobalFlags(given.env.POWERTUNE_DEBUG === '1' ? { ...given, debug: true } : given);
  const debug = context.debug === true;
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
    return await command({ ...context, argv: rest });
  } catch (error) {
    return reportError(error, context, debug);
  }
};

export { COMMANDS, main, reportError, VERSION };
