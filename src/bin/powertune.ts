#!/usr/bin/env node
/**
 * The only place that calls `process.exit` (house style rule 9). Wires
 * SIGINT/SIGTERM: the first starts cleanup, the second stops at once.
 *
 * @module bin/powertune
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { main } = await import('../cli/main.js');

const soft = new AbortController();
const hard = new AbortController();
const onSignal = (): void => {
  if (!soft.signal.aborted) {
    process.stderr.write('\npowertune: interrupted — cleaning up (press Ctrl-C again to stop at once)\n');
    soft.abort();
    return;
  }
  hard.abort();
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
});
process.exitCode = code;
// Child processes of the embedded service are gone by now; exit promptly even
// if an idle keep-alive socket lingers.
setTimeout(() => process.exit(code), 50).unref();
