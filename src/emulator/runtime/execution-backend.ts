/**
 * The execution backend: a pool of execution environments per function
 * snapshot. An invocation takes an idle environment of the same snapshot
 * (warm) or starts a new one (cold: `Init Duration`); each environment serves
 * one invocation at a time, so N concurrent invocations run in N
 * environments. Environments that crash, time out or run out of memory are
 * discarded; idle ones are stopped after `maxIdleMsPerEnvironment`.
 *
 * ## Admission control
 *
 * The backend never runs more vCPUs than the host has
 * (`host-cpu-scheduler.ts`). An invocation claims its environment when it
 * arrives — an idle one, or a new one it will start — exactly as Lambda
 * assigns one to each concurrent request, so concurrency and cold starts
 * stay Lambda's. It then waits, first come first served, until its share of
 * host CPU fits next to what runs, and only then is its event delivered
 * (warm) or its runtime started (cold). The wait is returned as
 * `admissionWaitMs`, never counted in Duration or Billed Duration.
 *
 * An admitted environment that is blocked on I/O — its CPU time (`cpuTimeOf`,
 * by default `/proc/<pid>/stat` of its processes) has not advanced for a
 * short window while others wait — does not count against the host until
 * it uses CPU again. A handler that synchronously invokes another function
 * on the same service (the Step Functions executors do) therefore lets that
 * invocation in instead of deadlocking on its own share.
 *
 * Init is admitted at init's own share — two vCPUs up to 3,008 MB, as on
 * Lambda, capped at the host (`initVcpusFor`) — and the lease shrinks to the
 * invocation's share once init is done, before the first event is delivered.
 * On a two-core host a cold start therefore runs alone: its Init Duration is
 * not stretched by other environments' work.
 *
 * What an environment is charged is what it can take from the host: its
 * quota (`cgroup`), or whole cores in the virtual-time
 * model, whose environments run unthrottled and whose durations would
 * otherwise absorb the contention.
 *
 * Every process and CPU group is removed by `stop()`, and — through one
 * process-wide hook — when the host exits or receives SIGTERM/SIGINT.
 *
 * @module emulator/runtime/execution-backend
 */
import { rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';

import { DEFAULT_MAX_IDLE_MS, REAPER_INTERVAL_MS } from './constants.js';
import { chooseCpuModel, fileCalibrationCache, probeCpuQuotas } from './cpu-calibration.js';
import type { CalibrationCache, CpuModelChoice, QuotaProbe } from './cpu-calibration.js';
import { createCpuController } from './cpu-controller.js';
import type { CpuController } from './cpu-controller.js';
import { initVcpusFor, vcpusForMemory } from './cpu-limit.js';
import { BackendStoppedError } from './errors.js';
import { ExecutionEnvironment } from './execution-environment.js';
import type { EnvironmentState, ExecutionEnvironmentOptions, InitResult } from './execution-environment.js';
import { HostCpuScheduler } from './host-cpu-scheduler.js';
import type { CpuLease, Every } from './host-cpu-scheduler.js';
import type {
  BackendCpu,
  ExecutionBackend,
  ExecutionBackendOptions,
  FunctionSnapshot,
  InvokeRequest,
  InvokeResult,
} from './types.js';

/** What the backend needs of an environment (`ExecutionEnvironment`; tests give fakes). */
interface SchedulableEnvironment {
  readonly fn: FunctionSnapshot;
  state: EnvironmentState;
  readonly lastUsedAt: number;
  readonly scratchDir: string | undefined;
  start(): Promise<InitResult>;
  invoke(request: InvokeRequest): Promise<InvokeResult>;
  initFailureResult(args: { request: InvokeRequest; init: Extract<InitResult, { ok: false }> }): InvokeResult;
  kill(): Promise<void>;
  killSync(): void;
  /** CPU time used so far, in ms (undefined: unknown, the environment always counts). */
  cpuTimeMs?(): number | undefined;
}

type EnvironmentFactory = (options: ExecutionEnvironmentOptions) => SchedulableEnvironment;

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

interface LocalExecutionBackendOptions {
  controller: CpuController;
  cpu: BackendCpu;
  hostCores: number;
  tmpDir: string;
  maxIdleMs: number;
  billInitDuration: boolean;
  handleSignals: boolean;
  /** Starts environments (default: real processes). */
  createEnvironment?: EnvironmentFactory;
  /** Clock of admission waits, in ms (default `performance.now`). */
  now?: () => number;
  /** CPU time an environment has used, in ms, to tell one blocked on I/O (default: `environment.cpuTimeMs()`). */
  cpuTimeOf?: (environment: SchedulableEnvironment) => number | undefined;
  /** Timer that samples CPU time while requests wait (default `setInterval`; tests drive it by hand). */
  every?: Every;
}

/**
 * The backend itself. Use `createExecutionBackend()`; the class is exported
 * for tests that drive its scheduling with fake environments.
 *
 * @internal
 * @example
 * const backend = new LocalExecutionBackend({ controller, cpu, hostCores: 2, tmpDir, maxIdleMs: 60_000, billInitDuration: true, handleSignals: false, createEnvironment: fake });
 */
class LocalExecutionBackend implements ExecutionBackend {
  readonly cpu: BackendCpu;
  readonly #controller: CpuController;
  readonly #hostCores: number;
  readonly #tmpDir: string;
  readonly #maxIdleMs: number;
  readonly #billInitDuration: boolean;
  readonly #createEnvironment: EnvironmentFactory;
  readonly #scheduler: HostCpuScheduler;
  readonly #cpuTimeOf: (environment: SchedulableEnvironment) => number | undefined;
  readonly #idle = new Map<string, SchedulableEnvironment[]>();
  readonly #all = new Set<SchedulableEnvironment>();
  readonly #discardAfterUse = new Set<SchedulableEnvironment>();
  readonly #reaper: NodeJS.Timeout;
  readonly #hook = { cleanupSync: (): void => this.#cleanupSync() };
  #environmentCount = 0;
  #stopped = false;

  constructor({
    controller,
    cpu,
    hostCores,
    tmpDir,
    maxIdleMs,
    billInitDuration,
    handleSignals,
    createEnvironment,
    now,
    cpuTimeOf,
    every,
  }: LocalExecutionBackendOptions) {
    this.#controller = controller;
    this.#hostCores = hostCores;
    this.#tmpDir = tmpDir;
    this.#maxIdleMs = maxIdleMs;
    this.#billInitDuration = billInitDuration;
    this.#createEnvironment = createEnvironment ?? ((options) => new ExecutionEnvironment(options));
    this.#scheduler = new HostCpuScheduler({
      hostCores,
      ...(now === undefined ? {} : { now }),
      ...(every === undefined ? {} : { every }),
    });
    this.#cpuTimeOf = cpuTimeOf ?? ((environment) => environment.cpuTimeMs?.());
    this.cpu = cpu;
    this.#reaper = setInterval(() => this.#reapIdle(), Math.min(maxIdleMs, REAPER_INTERVAL_MS));
    this.#reaper.unref();
    if (handleSignals) {
      liveBackends.add(this.#hook);
      registerHooks();
    }
  }

  /** vCPUs of the host held by running environments now (admission control). */
  get vcpusInUse(): number {
    return this.#scheduler.inUse;
  }

  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    if (this.#stopped) throw new BackendStoppedError({ requestId: request.requestId });
    const key = snapshotKey(request.fn);
    const vcpus = vcpusForMemory({ memorySizeMB: request.fn.memorySizeMB, hostCores: this.#hostCores });
    const share = this.#controller.hostVcpusFor(vcpus);
    // Claimed on arrival (Lambda gives each concurrent request its own
    // environment), before waiting for CPU: a request admitted later must not
    // find the environment of one that finished meanwhile and skip its cold start.
    let environment = this.#takeIdle(key);
    let lease: CpuLease;
    if (environment === undefined) {
      const initVcpus = initVcpusFor({ vcpus, hostCores: this.#hostCores });
      environment = this.#createEnvironment({
        id: String(++this.#environmentCount),
        fn: request.fn,
        cpu: this.#controller,
        vcpus,
        initVcpus,
        tmpDir: this.#tmpDir,
        billInitDuration: this.#billInitDuration,
        onDead: (dead) => this.#forget(dead as SchedulableEnvironment),
      });
      this.#all.add(environment);
      try {
        lease = await this.#admit({
          vcpus: Math.max(share, this.#controller.hostVcpusFor(initVcpus)),
          request,
          environment,
        });
      } catch (error) {
        await environment.kill();
        throw error;
      }
      let init: InitResult;
      try {
        init = await environment.start();
      } catch (error) {
        lease.release();
        await environment.kill();
        throw error;
      }
      if (!init.ok) {
        lease.release();
        return { ...environment.initFailureResult({ request, init }), admissionWaitMs: lease.waitedMs };
      }
      if (this.#stopped) {
        lease.release();
        throw new BackendStoppedError({ requestId: request.requestId });
      }
      lease.shrink(share);
    } else {
      // Busy while it waits: neither reaped nor handed to another request.
      environment.state = 'busy';
      try {
        lease = await this.#admit({ vcpus: share, request, environment });
      } catch (error) {
        environment.state = 'idle';
        throw error;
      }
    }
    try {
      const result = await environment.invoke(request);
      return { ...result, admissionWaitMs: lease.waitedMs };
    } finally {
      lease.release();
      this.#release(key, environment);
    }
  }

  async #admit({
    vcpus,
    request,
    environment,
  }: {
    vcpus: number;
    request: InvokeRequest;
    environment: SchedulableEnvironment;
  }): Promise<CpuLease> {
    try {
      return await this.#scheduler.acquire(vcpus, { cpuTimeMs: () => this.#cpuTimeOf(environment) });
    } catch (cause) {
      throw new BackendStoppedError({ requestId: request.requestId, cause });
    }
  }

  async discard({ functionArn, version }: { functionArn: string; version?: string }): Promise<void> {
    const matches = (environment: SchedulableEnvironment): boolean =>
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
    this.#scheduler.close(new Error('the execution backend was stopped'));
    await Promise.all([...this.#all].map((environment) => environment.kill()));
    this.#controller.removeAllSync();
    liveBackends.delete(this.#hook);
    if (liveBackends.size === 0) unregisterHooks();
  }

  #takeIdle(key: string): SchedulableEnvironment | undefined {
    const list = this.#idle.get(key);
    while (list !== undefined && list.length > 0) {
      const environment = list.pop() as SchedulableEnvironment;
      if (environment.state === 'idle') return environment;
    }
    return undefined;
  }

  #release(key: string, environment: SchedulableEnvironment): void {
    if (environment.state !== 'idle') return;
    if (this.#stopped || this.#discardAfterUse.has(environment)) {
      void environment.kill();
      return;
    }
    const list = this.#idle.get(key) ?? [];
    list.push(environment);
    this.#idle.set(key, list);
  }

  #forget(environment: SchedulableEnvironment): void {
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
 * The model's one-line description (the `x-powertune-emulator` header, `run.backend`).
 *
 * @example
 * describeCpu({ model: 'cgroup', mode: 'cgroup-v1', hostCores: 2 }); // 'cgroup: cgroup-v1 quota, 20 ms periods, 2 host cores'
 */
const describeCpu = ({
  model,
  mode,
  hostCores,
}: {
  model: BackendCpu['model'];
  mode: BackendCpu['mode'];
  hostCores: number;
}): string => {
  const cores = `${hostCores} host core${hostCores === 1 ? '' : 's'}`;
  if (model === 'virtual-time') return `virtual-time: durations scaled by CPU time, ${cores}`;
  return `cgroup: ${mode} quota, 20 ms periods, ${cores}`;
};

/**
 * Picks the CPU model (`cpu-calibration.ts`) and returns the controller that
 * implements it: a cgroup controller is dropped when virtual time wins.
 */
const selectCpuModel = async ({
  requested,
  controller,
  probeCpu,
  instance,
  logger,
  cache,
}: {
  requested: 'auto' | 'cgroup' | 'virtual-time';
  controller: CpuController;
  probeCpu: (args: { controller: CpuController }) => Promise<{ plain: QuotaProbe }>;
  instance: number;
  logger: (message: string) => void;
  /** A decision measured on this host minutes ago is reused (none: always probe). */
  cache?: CalibrationCache;
}): Promise<{ controller: CpuController; choice: CpuModelChoice }> => {
  if (controller.mode === 'virtual-time') {
    return {
      controller,
      choice: chooseCpuModel({
        requested,
        cgroupAvailable: false,
        ...(controller.unavailableReason === undefined ? {} : { unavailableReason: controller.unavailableReason }),
      }),
    };
  }
  if (requested !== 'auto') return { controller, choice: chooseCpuModel({ requested, cgroupAvailable: true }) };
  let choice = cache?.read();
  if (choice === undefined) {
    choice = chooseCpuModel({ requested, cgroupAvailable: true, ...(await probeCpu({ controller })) });
    cache?.write(choice);
  }
  if (choice.model === 'virtual-time') {
    controller.removeAllSync();
    return { controller: createCpuController({ requested: 'virtual-time', instance, logger }), choice };
  }
  return { controller, choice };
};

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
  cpuModel,
  cpuMode,
  hostCores = availableParallelism(),
  tmpDir = tmpdir(),
  maxIdleMsPerEnvironment = DEFAULT_MAX_IDLE_MS,
  billInitDuration = true,
  handleSignals = true,
  probeCpu = probeCpuQuotas,
  calibrationCache = fileCalibrationCache(),
}: ExecutionBackendOptions & {
  /** @internal Measures the quotas (tests inject measurements). */
  probeCpu?: (args: { controller: CpuController }) => Promise<{ plain: QuotaProbe }>;
  /** @internal Where a host's decision is reused from (default: a file in the temp directory). */
  calibrationCache?: CalibrationCache;
} = {}): Promise<ExecutionBackend> => {
  backendCount += 1;
  const requested = cpuModel ?? cpuMode ?? 'auto';
  const initial = createCpuController({ requested, instance: backendCount, logger });
  const { controller, choice } = await selectCpuModel({
    requested,
    controller: initial,
    probeCpu,
    instance: backendCount,
    logger,
    cache: calibrationCache,
  });
  const cpu: BackendCpu = {
    mode: controller.mode,
    model: choice.model,
    reason: choice.reason,
    description: describeCpu({ model: choice.model, mode: controller.mode, hostCores }),
    hostCores,
  };
  logger(`emulator CPU: ${cpu.description} — ${cpu.reason}`);
  return new LocalExecutionBackend({
    controller,
    cpu,
    hostCores,
    tmpDir,
    maxIdleMs: maxIdleMsPerEnvironment,
    billInitDuration,
    handleSignals,
  });
};

export { createExecutionBackend, describeCpu, LocalExecutionBackend, selectCpuModel, snapshotKey };
export type { EnvironmentFactory, LocalExecutionBackendOptions, SchedulableEnvironment };
