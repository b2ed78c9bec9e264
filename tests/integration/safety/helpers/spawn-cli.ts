/**
 * Runs the real `powertune` binary (`src/bin/powertune.ts` through tsx) as
 * a child process, so signals and `kill -9` hit a real process.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../../../src/bin/powertune.ts', import.meta.url));

interface SpawnedCli {
  child: ChildProcess;
  /** Resolves when the process exited: its code (or 128 + signal number) and output. */
  done: Promise<{ code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Output so far. */
  output(): string;
  /** Resolves once `text` appeared on stderr or stdout (or the process ended). */
  waitFor(text: string | RegExp): Promise<boolean>;
}

const SIGNAL_BASE = 128;
const SIGKILL_NUMBER = 9;

/**
 * Spawns `node --import tsx src/bin/powertune.ts …args` in the project
 * root. `env` replaces the environment (PATH is always kept).
 */
const spawnCli = (
  args: string[],
  { env, cwd = ROOT }: { env?: Record<string, string>; cwd?: string } = {},
): SpawnedCli => {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], {
    cwd,
    env:
      env === undefined
        ? { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' }
        : { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  const notify = (): void => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    notify();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    notify();
  });
  const done = new Promise<{ code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => {
      child.on('close', (code, signal) => {
        notify();
        resolve({
          code: code ?? (signal === 'SIGKILL' ? SIGNAL_BASE + SIGKILL_NUMBER : SIGNAL_BASE),
          signal,
          stdout,
          stderr,
        });
      });
    },
  );
  let exited = false;
  void done.then(() => {
    exited = true;
    notify();
  });
  const waitFor = async (text: string | RegExp): Promise<boolean> => {
    const found = (): boolean =>
      typeof text === 'string' ? (stdout + stderr).includes(text) : text.test(stdout + stderr);
    while (!found() && !exited) await new Promise<void>((resolve) => waiters.push(resolve));
    return found();
  };
  return { child, done, output: () => stdout + stderr, waitFor };
};

export { ROOT, spawnCli };
export type { SpawnedCli };
