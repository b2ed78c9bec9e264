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
  // Fleet: rank, tune many, apply through the template.
  scan: { summary: 'Rank the functions of a region by monthly cost, with reasons to tune (invokes nothing)', load: async () => (await import('./commands/scan.js')).scan },
  fleet: { summary: 'Tune the functions of a plan, each as safely as tune (entries without a payload are skipped)', load: async () => (await import('./commands/fleet.js')).fleet },
  apply: { summary: 'Write fleet recommendations into a SAM template (or print them for CDK/Terraform)', load: async () => (await import('./commands/apply.js')).apply },
};

const HELP = `powertune ${VERSION} — find the memory size at which a Lambda function is cheapest, fastest or best balanced.

Usage: powertune <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join('\n')}

Run "powertune <command> --help" for a command's options.
Quick start: powertune tune --function ./handler.mjs   (tunes it on the embedded local Lambda service)
`;

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
 * Runs the CLI with injected world; resolves to the exit code.
 *
 * @example
 * const code = await main({ argv: ['tune', '--help'], cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
const main = async (context: CommandContext): Promise<number> => {
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
    return reportError(error, context);
  }
};

export { main, VERSION };
