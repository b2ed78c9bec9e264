/**
 * The execution backend: a pool of execution environments per function
 * snapshot. An invocation takes an idle environment of the same snapshot
 * (warm) or starts a new one (cold: `Init Duration`); each environment serves
 * one invocation at a time, so N concurrent invocations run in N
 * environments. Environments that crash, time out or run out of memory are
 * discarded; idle ones are stopped after `maxIdleMsPerEnvironment`.
 *
 * Every process and CPU group is removed by `stop()`, and — through one
 * process-wide hook — when the host exits or receives SIGTERM/SIGINT.
 *
 * @module emulator/runtime/execution-backend
 */
import { rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';

import { DEFAULT_MAX_IDLE_MS, REAPER_INTERVAL_MS } from './constants.js';
import { createCpuController } from './cpu-controller.js';
import type { CpuController } from './cpu-controller.js';
import { initVcpusFor, vcpusForMemory } from './cpu-limit.js';
import { BackendStoppedError } from './errors.js';
import { ExecutionEnvironment } from './execution-environment.js';
import type { InitResult } from './execution-environment.js';
import type { ExecutionBackend, ExecutionBackendOptions, FunctionSnapshot, InvokeRequest, InvokeResult } from './types.js';

/**
 * Snapshot fields that make two environments interchangeable.
 *
 * @example
 * snapshotKey(fn) === snapshotKey({ ...fn }); // true
 */
const snapshotKey = (fn: FunctionSnapshot): string =>
  JSON.stringify([
    fn.functionArn,
    fn.version,
    fn.codeSha256,
    fn.codeDir,
    fn.runtime,
    fn.handler,
    fn.memorySizeMB,
    fn.timeoutSeconds,
    fn.logFormat,
    fn.architecture,
    fn.region,
    fn.logGroup,
    Object.entries(fn.environment).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);

/** Backends alive in this process, cleaned up synchronously on exit and signals. */
const liveBackends = new Set<{ cleanupSync: () => void }>();
const HOST_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

const onHostExit = (): void => {
  for (const backend of liveBackends) backend.cleanupSync();
};

let hooksRegistered = false;

function unregisterHooks(): void {
  if (!hooksRegistered) return;
  hooksRegistered = false;
  process.off('exit', onHostExit);
  for (const signal of HOST_SIGNALS) process.off(signal, onHostSignal);
}

function onHostSignal(signal: NodeJS.Signals): void {
  onHostExit();
  // We were the only listener: restore the default action (terminate) and re-raise.
  if (process.listenerCount(signal) === 1) {
    unregisterHooks();
    process.kill(process.pid, signal);
  }
}

const registerHooks = (): void => {
  if (hooksRegistered) return;
  hooksRegistered = true;
  process.on('exit', onHostExit);
  for (const signal of HOST_SIGNALS) process.on(signal, onHostSignal);
};

let backendCount = 0;

class LocalExecutionBackend implements ExecutionBackend {
  readonly cpu: ExecutionBackend['cpu'];
  readonly #controller: CpuController;
  readonly #hostCores: number;
  readonly #tmpDir: string;
  readonly #maxIdleMs: number;
  readonly #billInitDuration: boolean;
  readonly #idle = new Map<string, ExecutionEnvironment[]>();
  readonly #all = new Set<ExecutionEnvironment>();
  readonly #discardAfterUse = new Set<ExecutionEnvironment>();
  readonly #reaper: NodeJS.Timeout;
  readonly #hook = { cleanupSync: (): void => this.#cleanupSync() };
  #environmentCount = 0;
  #stopped = false;

  constructor({ controller, hostCores, tmpDir, maxIdleMs, billInitDuration, handleSignals }: {
    controller: CpuController;
    hostCores: number;
    tmpDir: string;
    maxIdleMs: number;
    billInitDuration: boolean;
    handleSignals: boolean;
  }) {
    this.#controller = controller;
    this.#hostCores = hostCores;
    this.#tmpDir = tmpDir;
    this.#maxIdleMs = maxIdleMs;
    this.#billInitDuration = billInitDuration;
    this.cpu = { mode: controller.mode, hostCores };
    this.#reaper = setInterval(() => this.#reapIdle(), Math.min(maxIdleMs, REAPER_INTERVAL_MS));
    this.#reaper.unref();
    if (handleSignals) {
      liveBackends.add(this.#hook);
      registerHooks();
    }
  }

  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    if (this.#stopped) throw new BackendStoppedError({ requestId: request.requestId });
    const key = snapshotKey(request.fn);
    let environment = this.#takeIdle(key);
    if (environment === undefined) {
      const vcpus = vcpusForMemory({ memorySizeMB: request.fn.memorySizeMB, hostCores: this.#hostCores });
      environment = new ExecutionEnvironment({
        id: String(++this.#environmentCount),
        fn: request.fn,
        cpu: this.#controller,
        vcpus,
        initVcpus: initVcpusFor({ vcpus, hostCores: this.#hostCores }),
        tmpDir: this.#tmpDir,
        billInitDuration: this.#billInitDuration,
        onDead: (dead) => this.#forget(dead),
      });
      this.#all.add(environment);
      let init: InitResult;
      try {
        init = await environment.start();
      } catch (error) {
        await environment.kill();
        throw error;
      }
      if (!init.ok) return environment.initFailureResult({ request, init });
      if (this.#stopped) throw new BackendStoppedError({ requestId: request.requestId });
    }
    const result = await environment.invoke(request);
    this.#release(key, environment);
    return result;
  }

  async discard({ functionArn, version }: { functionArn: string; version?: string }): Promise<void> {
    const matches = (environment: ExecutionEnvironment): boolean =>
      environment.fn.functionArn === functionArn && (version === undefined || environment.fn.version === version);
    const kills: Promise<void>[] = [];
    for (const environment of this.#all) {
      if (!matches(environment)) continue;
      if (environment.state === 'idle') kills.push(environment.kill());
      else this.#discardAfterUse.add(environment);
    }
    await Promise.all(kills);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#reaper);
    await Promise.all([...this.#all].map((environment) => environment.kill()));
    this.#controller.removeAllSync();
    liveBackends.delete(this.#hook);
    if (liveBackends.size === 0) unregisterHooks();
  }

  #takeIdle(key: string): ExecutionEnvironment | undefined {
    const list = this.#idle.get(key);
    while (list !== undefined && list.length > 0) {
      const environment = list.pop() as ExecutionEnvironment;
      if (environment.state === 'idle') return environment;
    }
    return undefined;
  }

  #release(key: string, environment: ExecutionEnvironment): void {
    if (environment.state !== 'idle') return;
    if (this.#stopped || this.#discardAfterUse.has(environment)) {
      void environment.kill();
      return;
    }
    const list = this.#idle.get(key) ?? [];
    list.push(environment);
    this.#idle.set(key, list);
  }

  #forget(environment: ExecutionEnvironment): void {
    this.#all.delete(environment);
    this.#discardAfterUse.delete(environment);
    for (const [key, list] of this.#idle) {
      const remaining = list.filter((candidate) => candidate !== environment);
      if (remaining.length === 0) this.#idle.delete(key);
      else this.#idle.set(key, remaining);
    }
  }

  #reapIdle(): void {
    const oldest = Date.now() - this.#maxIdleMs;
    for (const environment of this.#all) {
      if (environment.state === 'idle' && environment.lastUsedAt < oldest) void environment.kill();
    }
  }

  #cleanupSync(): void {
    this.#stopped = true;
    for (const environment of this.#all) environment.killSync();
    this.#controller.removeAllSync();
    for (const environment of this.#all) {
      if (environment.scratchDir !== undefined) rmSync(environment.scratchDir, { recursive: true, force: true });
    }
  }
}

/**
 * Creates the execution side of the emulator: environments that run real
 * handler code in separate processes, with CPU proportional to memory.
 * The CPU mode in use is in `backend.cpu` and told to `logger`.
 *
 * @example
 * const backend = await createExecutionBackend({ logger: (m) => process.stderr.write(`${m}\n`) });
 * const result = await backend.invoke({ fn, payload: Buffer.from('{}'), requestId: randomUUID() });
 * console.log(result.report.durationMs, backend.cpu.mode);
 * await backend.stop();
 */
const createExecutionBackend = async ({
  logger = () => undefined,
  cpuMode = 'auto',
  hostCores = availableParallelism(),
  tmpDir = tmpdir(),
  maxIdleMsPerEnvironment = DEFAULT_MAX_IDLE_MS,
  billInitDuration = false,
  handleSignals = true,
}: ExecutionBackendOptions = {}): Promise<ExecutionBackend> => {
  backendCount += 1;
  const controller = createCpuController({ requested: cpuMode, instance: backendCount, logger });
  logger(
    controller.mode === 'virtual-time'
      ? `emulator CPU: virtual-time model (durations scaled by measured CPU time), ${hostCores} host cores`
      : `emulator CPU: ${controller.mode} quota per environment under ${controller.rootPath ?? ''}, ${hostCores} host cores`,
  );
  return new LocalExecutionBackend({ controller, hostCores, tmpDir, maxIdleMs: maxIdleMsPerEnvironment, billInitDuration, handleSignals });
};

export { createExecutionBackend, snapshotKey };
