/**
 * Starts the embedded local Lambda service and deploys a handler file into
 * it. Creation goes through the service's own Lambda API (CreateFunction),
 * so what the tuner then sees is exactly what it would see on AWS.
 *
 * @module cli/start-local-function
 */
import { packageHandlerFile, startEmulator, vcpusForMemory } from '../emulator/index.js';
import type { CpuModelChoice } from '../core/index.js';
import { defaultSleep } from '../lambda/index.js';
import { ExitCode, ExitError } from './errors.js';
import type { LocalFunctionSpec } from './local-function.js';

/** Static credentials the embedded service accepts (it checks none). */
const LOCAL_CREDENTIALS = { accessKeyId: 'powertune-local', secretAccessKey: 'powertune-local' } as const;
const LOCAL_REGION = 'us-east-1';
const LOCAL_ACCOUNT = '123456789012';
/** Generous timeout: the example functions run for seconds at 128 MB. */
const LOCAL_TIMEOUT_SECONDS = 60;

/** A new function is `Pending` for a moment, as on AWS; poll until `Active`. */
const ACTIVE_POLL_MS = 20;
const ACTIVE_POLL_LIMIT = 500;

const waitUntilActive = async ({
  fetchFn,
  endpoint,
  functionName,
}: {
  fetchFn: (request: Request) => Promise<Response>;
  endpoint: string;
  functionName: string;
}): Promise<void> => {
  for (let i = 0; i < ACTIVE_POLL_LIMIT; i += 1) {
    const response = await fetchFn(new Request(`${endpoint}/2015-03-31/functions/${functionName}/configuration`));
    const config = (await response.json()) as { State?: string; StateReason?: string };
    if (config.State === 'Active') return;
    if (config.State === 'Failed') throw new ExitError(`--function: the local function failed to start: ${config.StateReason ?? 'unknown reason'}`, ExitCode.BadInput);
    await defaultSleep(ACTIVE_POLL_MS);
  }
  throw new ExitError(`--function: the local function did not become Active within ${(ACTIVE_POLL_MS * ACTIVE_POLL_LIMIT) / 1000} s`, ExitCode.RunFailed);
};

/** Lambda's largest memory size: above it nothing changes anyway. */
const LAMBDA_MAX_MEMORY_MB = 10_240;

/** Where the host runs out of cores in the service's CPU model (1,769 MB = 1 vCPU … 10,240 MB = 6). */
const describeCpuCeiling = (hostCores: number): string => {
  let memory = 128;
  while (memory < LAMBDA_MAX_MEMORY_MB && vcpusForMemory({ memorySizeMB: memory + 1, hostCores: Number.POSITIVE_INFINITY }) <= hostCores) memory += 1;
  return memory >= LAMBDA_MAX_MEMORY_MB ? '' : `: sizes above ${memory} MB get no more CPU here`;
};

interface LocalFunctionHandle {
  endpoint: string;
  region: string;
  functionName: string;
  cpuMode: string;
  /** `run.backend` of a run on it, unless its Invoke header says more. */
  backend: string;
  /** `run.cpuModel`: the model the service chose and why. */
  cpuModel: { model: 'cgroup' | 'virtual-time' | 'cgroup-corrected'; reason: string };
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

/**
 * Starts the emulator on 127.0.0.1 and creates the function from a file.
 *
 * @example
 * const handle = await startLocalFunction({ spec, log: console.error });
 */
const startLocalFunction = async ({
  spec,
  log,
  cpuModel,
}: {
  spec: LocalFunctionSpec;
  log: (line: string) => void;
  /** `tune --cpu-model`: the service's CPU model (default auto: it calibrates). */
  cpuModel?: CpuModelChoice | undefined;
}): Promise<LocalFunctionHandle> => {
  const pkg = await packageHandlerFile({ file: spec.path, exportName: spec.exportName });
  const emulator = await startEmulator({
    ...(cpuModel === undefined ? {} : { cpuModel }),
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT,
    announce: false,
    // Our own start line says what matters; keep the service's warnings.
    logger: { info: () => undefined, warn: (message: string) => log(`warning: ${message}`) },
  });
  try {
    const response = await emulator.service.fetch(
      new Request(`${emulator.endpoint}/2015-03-31/functions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          FunctionName: spec.functionName,
          Runtime: pkg.runtime,
          Handler: pkg.handler,
          Role: `arn:aws:iam::${LOCAL_ACCOUNT}:role/powertune-local`,
          Code: { ZipFile: pkg.zip.toString('base64') },
          MemorySize: 128,
          Timeout: LOCAL_TIMEOUT_SECONDS,
          Description: `local handler ${spec.path}`,
        }),
      }),
    );
    if (!response.ok) {
      const body = await response.text();
      throw new ExitError(`--function: the local Lambda service refused ${spec.path}: ${body}`, ExitCode.BadInput);
    }
    await waitUntilActive({ fetchFn: (r) => emulator.service.fetch(r), endpoint: emulator.endpoint, functionName: spec.functionName });
    const cpu = emulator.cpu;
    log(
      `powertune: local Lambda service on ${emulator.endpoint} (CPU ${cpu.mode}, ${cpu.hostCores} host cores${describeCpuCeiling(cpu.hostCores)})`,
    );
    return {
      endpoint: emulator.endpoint,
      region: LOCAL_REGION,
      functionName: spec.functionName,
      cpuMode: cpu.mode,
      backend: `emulator (${cpu.description})`,
      cpuModel: { model: cpu.model, reason: cpu.reason },
      credentials: { ...LOCAL_CREDENTIALS },
      stop: () => emulator.stop(),
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
};

export { startLocalFunction };
export type { LocalFunctionHandle };
