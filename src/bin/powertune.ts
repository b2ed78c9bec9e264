#!/usr/bin/env node
/**
 * The only place that calls `process.exit` (ARCHITECTURE.md, "Errors and
 * exit codes"). Wires
 * SIGINT/SIGTERM: the first aborts the run, which then cleans up and exits
 * 130; the second stops at once (exit 130) and prints the exact
 * `powertune cleanup --run <id>` command that finishes the job.
 *
 * @module bin/powertune
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { main } = await import('../cli/main.js');
const { describeHardStop } = await import('../cli/describe-hard-stop.js');
const { ExitCode } = await import('../cli/errors.js');

/** Give stdout/stderr a moment to flush before a hard exit. */
const EXIT_FLUSH_MS = 50;

const soft = new AbortController();
const hard = new AbortController();
const runs: NonNullable<Parameters<typeof describeHardStop>[0]['runs']>[number][] = [];

const onSignal = (): void => {
  if (!soft.signal.aborted) {
    process.stderr.write('\npowertune: interrupted — cleaning up (press Ctrl-C again to stop at once)\n');
    soft.abort();
    return;
  }
  if (hard.signal.aborted) return;
  hard.abort();
  // Stop at once: whatever cleanup was doing, the journal already holds every change made.
  process.stderr.write(`\n${describeHardStop({ runs, command: process.argv[2], cwd: process.cwd() })}\n`);
  process.exitCode = ExitCode.Interrupted;
  process.exit(ExitCode.Interrupted);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: soft.signal,
  hardSignal: hard.signal,
  onRunJournal: (info) => {
    runs.push(info);
  },
});
process.exitCode = code;
// Child processes of the embedded service are gone by now; exit promptly even
// if an idle keep-alive socket lingers.
setTimeout(() => process.exit(code), EXIT_FLUSH_MS).unref();
