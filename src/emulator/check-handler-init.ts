/**
 * Runs a handler's init once, outside any execution environment and before
 * anything is measured: the runtime bootstrap loads the handler module (its
 * top-level code runs, as in a cold start) and reports whether it could,
 * without taking an event. A handler that can never start (syntax error,
 * failing import, missing export) is then reported once instead of failing
 * every memory size.
 *
 * @module emulator/check-handler-init
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { INIT_TIMEOUT_MS } from './runtime/constants.js';
import { buildEnvironmentVariables } from './runtime/environment-variables.js';
import { resolveRuntimeCommand } from './runtime/runtime-command.js';
import { readZip } from './zip.js';

const INIT_CHECK_MARKER = '\u001ePOWERTUNE-INIT-CHECK:';
const CHECK_MEMORY_MB = 1024;

/** What the init check found. `inconclusive`: it did not finish in time (the run goes on and Lambda's own init timeout applies). */
type InitCheckResult =
  | { ok: true; inconclusive?: boolean }
  | { ok: false; errorType: string; errorMessage: string; stackTrace: string[]; causeStack?: string; output: string };

interface CheckHandlerInitOptions {
  zip: Buffer;
  runtime: string;
  handler: string;
  environment?: Record<string, string>;
  functionName?: string;
  region?: string;
  timeoutMs?: number;
}

/**
 * Unzips the package to a temporary folder, loads the handler there, and
 * removes the folder again.
 *
 * @example
 * const result = await checkHandlerInit({ zip, runtime: 'nodejs22.x', handler: 'index.handler' });
 * if (!result.ok) console.error(result.errorType, result.errorMessage);
 */
const checkHandlerInit = async ({
  zip,
  runtime,
  handler,
  environment = {},
  functionName = 'powertune-init-check',
  region = 'us-east-1',
  timeoutMs = INIT_TIMEOUT_MS,
}: CheckHandlerInitOptions): Promise<InitCheckResult> => {
  const work = mkdtempSync(join(tmpdir(), 'powertune-init-check-'));
  try {
    const codeDir = join(work, 'task');
    for (const entry of readZip(zip)) {
      const target = join(codeDir, entry.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, entry.data);
      chmodSync(target, entry.mode);
    }
    mkdirSync(codeDir, { recursive: true });
    const scratch = join(work, 'tmp');
    mkdirSync(scratch);
    const command = resolveRuntimeCommand({ runtime, memorySizeMB: CHECK_MEMORY_MB });
    const env = buildEnvironmentVariables({
      fn: {
        functionName,
        functionArn: `arn:aws:lambda:${region}:123456789012:function:${functionName}`,
        version: '$LATEST',
        runtime,
        handler,
        codeDir,
        codeSha256: '',
        memorySizeMB: CHECK_MEMORY_MB,
        timeoutSeconds: Math.ceil(timeoutMs / 1000),
        environment,
        logFormat: 'Text',
        architecture: 'x86_64',
        region,
        accountId: '123456789012',
        logGroup: `/aws/lambda/${functionName}`,
      },
      runtimeApi: '127.0.0.1:9',
      logStreamName: 'init-check',
      executionEnv: command.executionEnv,
      runtimeDir: command.runtimeDir,
      internal: { TMPDIR: scratch, POWERTUNE_INIT_CHECK: '1' },
    });
    const output = await new Promise<{ text: string; timedOut: boolean }>((resolve) => {
      const child = spawn(command.command, command.args, { cwd: codeDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve({ text, timedOut: true });
      }, timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        resolve({ text: `${text}${error.message}`, timedOut: false });
      });
      child.on('close', () => {
        clearTimeout(timer);
        resolve({ text, timedOut: false });
      });
    });
    if (output.timedOut) return { ok: true, inconclusive: true };
    const at = output.text.lastIndexOf(INIT_CHECK_MARKER);
    const before = (at === -1 ? output.text : output.text.slice(0, at)).replaceAll(codeDir, '/var/task').trim();
    if (at === -1)
      return {
        ok: false,
        errorType: 'Runtime.ExitError',
        errorMessage: 'the runtime exited while loading the handler',
        stackTrace: [],
        output: before,
      };
    const line = output.text.slice(at + INIT_CHECK_MARKER.length).split('\n')[0] ?? '{}';
    const parsed = JSON.parse(line.replaceAll(JSON.stringify(codeDir).slice(1, -1), '/var/task')) as {
      ok: boolean;
      errorType?: string;
      errorMessage?: string;
      stackTrace?: string[];
      causeStack?: string;
    };
    if (parsed.ok) return { ok: true };
    return {
      ok: false,
      errorType: parsed.errorType ?? 'Error',
      errorMessage: parsed.errorMessage ?? '',
      stackTrace: parsed.stackTrace ?? [],
      ...(parsed.causeStack === undefined ? {} : { causeStack: parsed.causeStack }),
      output: before,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

export { checkHandlerInit };
export type { CheckHandlerInitOptions, InitCheckResult };
