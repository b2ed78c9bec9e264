/**
 * `powertune emulator` — the local Lambda service as a server, for the AWS
 * CLI, the SDK, or `powertune tune --endpoint-url`.
 *
 * @module cli/commands/emulator
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createZip, deployHandlerFile, findEntryFile, startEmulator } from '../../emulator/index.js';
import { loadLocalFunction } from '../../project/index.js';
import { ExitCode, UsageError } from '../errors.js';
import { parseFlags } from '../parse-flags.js';
import { formatHelp } from '../format-help.js';
import type { FlagSpec } from '../parse-flags.js';
import type { CommandContext } from '../types.js';

const FLAGS: FlagSpec[] = [
  { name: 'port', type: 'string', value: 'N', description: 'Port to listen on (default 9001; 0 picks a free one)' },
  {
    name: 'host',
    type: 'string',
    value: 'ADDR',
    description: 'Address to bind (default 127.0.0.1; anything else is exposed to your network)',
  },
  {
    name: 'functions',
    type: 'string',
    value: 'DIR',
    description: 'Deploy every handler file/folder in DIR at start (name = file or folder name)',
  },
  { name: 'region', type: 'string', value: 'REGION', description: 'Region in ARNs (default us-east-1)' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
  // CPU model and billing rule of the local service
  {
    name: 'cpu-model',
    type: 'string',
    value: 'MODEL',
    description: 'auto (default: calibrated at start), cgroup or virtual-time',
  },
  {
    name: 'no-bill-init',
    type: 'boolean',
    description: "Leave Init Duration out of cold starts' Billed Duration (the rule before 1 August 2025)",
  },
];

const CPU_MODELS = ['auto', 'cgroup', 'virtual-time'] as const;

const parseCpuModel = (value: unknown): (typeof CPU_MODELS)[number] | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (CPU_MODELS as readonly string[]).includes(value))
    return value as (typeof CPU_MODELS)[number];
  throw new UsageError({
    field: '--cpu-model',
    message: `--cpu-model: expected one of ${CPU_MODELS.join(', ')}; got ${JSON.stringify(value)}`,
  });
};

const DEFAULT_PORT = 9001;

const parsePort = (value: unknown): number => {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError({
      field: '--port',
      message: `--port: expected an integer in 0..65535; got ${JSON.stringify(value)}`,
    });
  }
  return port;
};

/** A handler file name (`index.mjs`, `app.py`, `handler.ts`). */
const HANDLER_FILE = /\.(mjs|cjs|js|py|ts|mts|cts)$/;

/** Deploys each handler in a folder, packaged as `tune --function` packages it, through the service's own CreateFunction. */
const deployFolder = async ({
  dir,
  endpoint,
  service,
  log,
}: {
  dir: string;
  endpoint: string;
  service: { fetch(request: Request): Promise<Response> };
  log: (line: string) => void;
}): Promise<void> => {
  const entries = await readdir(dir).catch(() => {
    throw new UsageError({
      field: '--functions',
      message: `--functions: expected a readable directory; got ${JSON.stringify(dir)}`,
    });
  });
  for (const entry of entries.sort()) {
    const path = join(dir, entry);
    const info = await stat(path);
    if (info.isDirectory() ? findEntryFile(path) === undefined : !HANDLER_FILE.test(entry)) continue;
    const name = entry.replace(HANDLER_FILE, '').replace(/[^A-Za-z0-9_-]/g, '-');
    try {
      const fn = await loadLocalFunction({ file: path, name, field: '--functions' });
      await deployHandlerFile({
        service,
        endpoint,
        functionName: name,
        runtime: fn.runtime,
        handler: fn.handler,
        zip: createZip(fn.files),
        memorySize: 128,
        timeout: fn.timeout,
      });
      log(`  deployed ${name} (${fn.runtime}, ${fn.handler}, ${fn.packaging})`);
    } catch (error) {
      log(`  could not deploy ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
};

/**
 * Runs the emulator until interrupted.
 *
 * @example
 * await emulator({ argv: ['--port', '9001'], ...context });
 */
const emulator = async (context: CommandContext): Promise<number> => {
  const { values } = parseFlags({ argv: context.argv, flags: FLAGS, command: 'emulator' });
  if (values.help === true) {
    context.stdout.write(
      formatHelp({
        usage: 'Usage: powertune emulator [options]',
        flags: FLAGS,
        examples: [
          'powertune emulator --functions ./functions',
          'powertune tune --function my-fn --endpoint-url http://127.0.0.1:9001',
        ],
        stream: context.stdout,
      }),
    );
    return ExitCode.Success;
  }
  const port = parsePort(values.port);
  const cpuModel = parseCpuModel(values['cpu-model']);
  const host = typeof values.host === 'string' ? values.host : undefined;
  const log = (line: string): void => {
    if (context.quiet !== true) context.stderr.write(`${line}\n`);
  };
  const server = await startEmulator({
    port,
    ...(host === undefined ? {} : { host }),
    ...(typeof values.region === 'string' ? { region: values.region } : {}),
    ...(cpuModel === undefined ? {} : { cpuModel }),
    ...(values['no-bill-init'] === true ? { billInitDuration: false } : {}),
    logger: log,
  });
  try {
    if (typeof values.functions === 'string') {
      await deployFolder({
        dir: resolve(context.cwd, values.functions),
        endpoint: server.endpoint,
        service: server.service,
        log,
      });
    }
    context.stdout.write(
      `Local Lambda service listening on ${server.endpoint} (CPU ${server.cpu.description})\n` +
        `  aws lambda list-functions --endpoint-url ${server.endpoint}\n` +
        `  powertune tune --endpoint-url ${server.endpoint} --function NAME\n` +
        'Press Ctrl-C to stop.\n',
    );
    await new Promise<void>((resolveWait) => {
      if (context.signal === undefined) return;
      if (context.signal.aborted) resolveWait();
      context.signal.addEventListener('abort', () => resolveWait(), { once: true });
    });
    return ExitCode.Success;
  } finally {
    await server.stop();
  }
};

export { emulator, FLAGS };
