/**
 * One execution environment: a runtime process (its own process group and,
 * where possible, its own CPU group) that serves one invocation at a time
 * through its own Runtime API server.
 *
 * Timing, as Lambda defines it:
 * - `Init Duration`: from spawning the process to the runtime's first
 *   `/next` (runtime start-up plus the handler module's top-level code);
 * - `Duration`: from handing the event to the runtime to receiving its
 *   response (or error).
 *
 * Memory: the runtime's peak RSS (`VmHWM`) plus its children's RSS, sampled
 * every 10 ms during an invocation; above the memory size the environment is
 * killed, as Lambda's sandbox is.
 *
 * @module emulator/runtime/execution-environment
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import {
  BYTES_PER_MB,
  CGROUP_JOIN_FAILED_EXIT,
  INIT_TIMEOUT_MS,
  MEMORY_POLL_INTERVAL_MS,
  MS_PER_SECOND,
  OUTPUT_DRAIN_TIMEOUT_MS,
  PLATFORM_ERROR_TYPES,
  RANDOM_ID_BYTES,
  US_PER_MS,
} from './constants.js';
import type { CpuController, CpuGroup } from './cpu-controller.js';
import { virtualDurationMs } from './cpu-limit.js';
import { buildEnvironmentVariables, logStreamNameFor } from './environment-variables.js';
import { buildInvokeResult } from './invocation-result.js';
import type { ColdStart, InvocationOutcome } from './invocation-result.js';
import { maxMemoryUsedMB } from './lambda-log.js';
import { OutputCollector } from './output-collector.js';
import { readProcessesCpuTimeMs } from './process-cpu.js';
import { listDescendants, treeMemory } from './process-memory.js';
import { readRunQueueDelayMs, uncontendedWallMs } from './run-queue-delay.js';
import { RuntimeApiServer } from './runtime-api-server.js';
import type { RuntimePost } from './runtime-api-server.js';
import { resolveRuntimeCommand } from './runtime-command.js';
import type { FunctionSnapshot, InvokeRequest, InvokeResult } from './types.js';

type EnvironmentState = 'initializing' | 'idle' | 'busy' | 'dead';

interface ExecutionEnvironmentOptions {
  id: string;
  fn: FunctionSnapshot;
  cpu: CpuController;
  vcpus: number;
  /** vCPUs during init (default `vcpus`); see `initVcpusFor`. */
  initVcpus?: number;
  tmpDir: string;
  billInitDuration: boolean;
  /** Called once when the environment's process is gone for good. */
  onDead?: (environment: ExecutionEnvironment) => void;
}

/** The result of init: ready, or the failure the first invocation reports. */
type InitResult =
  | { ok: true; initDurationMs: number; output: string }
  | { ok: false; initDurationMs: number; output: string; payload: Buffer; errorType: string; timedOut: boolean };

/** What ends init: the first `/next`, an `/init/error` post, or the process exiting (or running out of time). */
type InitSignal = RuntimePost | { kind: 'next'; at: number; cpuTimeUs?: number } | { kind: 'exit'; reason: string };

interface ActiveInvocation {
  requestId: string;
  resolve: (outcome: InvocationOutcome) => void;
  settled: boolean;
}

/** Wrapper shell: join the CPU group (when given), then become the runtime with stderr merged into stdout. */
const WRAPPER_SCRIPT = `[ -n "$1" ] && { echo $$ > "$1" || exit ${CGROUP_JOIN_FAILED_EXIT}; }; shift; exec "$@" 2>&1`;

/** Exit status a shell gives a command it cannot find or run. */
const COMMAND_NOT_FOUND_EXIT = 127;

/**
 * Without a cgroup to list an environment's processes, every tenth memory
 * sample walks /proc for the runtime's children (a few ms): invocations
 * shorter than that count the runtime process alone.
 */
const DESCENDANT_SCAN_EVERY = 10;

const exitReason = (code: number | null, signal: NodeJS.Signals | null): string => {
  if (signal !== null)
    return signal === 'SIGKILL' ? 'signal: killed' : `signal: ${signal.replace(/^SIG/, '').toLowerCase()}`;
  return `exit status ${code ?? 0}`;
};

const traceId = (): string =>
  `Root=1-${Math.floor(Date.now() / MS_PER_SECOND).toString(16)}-${randomBytes(RANDOM_ID_BYTES.traceRoot).toString('hex')};` +
  `Parent=${randomBytes(RANDOM_ID_BYTES.traceParent).toString('hex')};Sampled=0`;

const decodeClientContext = (base64: string | undefined): string | undefined =>
  base64 === undefined ? undefined : Buffer.from(base64, 'base64').toString('utf8');

const killQuietly = (pid: number): void => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
};

/**
 * A runtime process and its Runtime API. Construct, `start()`, then call
 * `invoke()` once per event while `state` is `idle`.
 *
 * @example
 * const env = new ExecutionEnvironment({ id: '1', fn, cpu, vcpus: 1, tmpDir: os.tmpdir(), billInitDuration: false });
 * const init = await env.start();
 * const result = await env.invoke({ fn, payload: Buffer.from('{}'), requestId: randomUUID() });
 * await env.kill();
 */
class ExecutionEnvironment {
  readonly id: string;
  readonly fn: FunctionSnapshot;
  state: EnvironmentState = 'initializing';
  lastUsedAt = Date.now();
  /** PID of the runtime process (leader of its process group). */
  pid: number | undefined;

  readonly #options: ExecutionEnvironmentOptions;
  readonly #api: RuntimeApiServer;
  #output: OutputCollector | undefined;
  #group: CpuGroup | undefined;
  #scratchDir: string | undefined;
  #active: ActiveInvocation | undefined;
  #init: { resolve: (signal: InitSignal) => void } | undefined;
  #cold: ColdStart | undefined;
  #lastNextCpuUs: number | undefined;
  #lastPostAt = 0;
  #lastPostCpuUs: number | undefined;
  /** CPU time when the last event had arrived (background work while idle is not the invocation's). */
  #lastEventCpuUs: number | undefined;
  #peakBytes = 0;
  readonly #exited: Promise<void>;
  #markExited: () => void = () => undefined;
  #shellErrors = '';
  #killing = false;

  constructor(options: ExecutionEnvironmentOptions) {
    this.id = options.id;
    this.fn = options.fn;
    this.#options = options;
    this.#exited = new Promise((resolve) => {
      this.#markExited = resolve;
    });
    this.#api = new RuntimeApiServer({
      onNext: ({ cpuTimeUs, at }) => {
        this.#lastNextCpuUs = cpuTimeUs;
        this.#init?.resolve({ kind: 'next', at, ...(cpuTimeUs === undefined ? {} : { cpuTimeUs }) });
      },
      onPost: (post) => this.#onPost(post),
    });
  }

  /** Scratch directory (the environment's TMPDIR), removed with the environment. */
  get scratchDir(): string | undefined {
    return this.#scratchDir;
  }

  /**
   * Starts the runtime process and waits for its init to finish (or fail).
   * The init result is reported by the environment's first `invoke()`.
   */
  async start(): Promise<InitResult> {
    const { fn, cpu, vcpus, initVcpus = vcpus, tmpDir } = this.#options;
    const command = resolveRuntimeCommand({ runtime: fn.runtime, memorySizeMB: fn.memorySizeMB });
    const runtimeApi = await this.#api.listen();
    this.#group = cpu.createGroup({ environmentId: this.id, vcpus, initVcpus });
    this.#scratchDir = join(tmpDir, `powertune-env-${process.pid}-${this.id}`);
    mkdirSync(this.#scratchDir, { recursive: true });
    const startWall = Date.now();
    const env = buildEnvironmentVariables({
      fn,
      runtimeApi,
      logStreamName: logStreamNameFor({
        version: fn.version,
        timeMs: startWall,
        hex: randomBytes(RANDOM_ID_BYTES.logStream).toString('hex'),
      }),
      executionEnv: command.executionEnv,
      runtimeDir: command.runtimeDir,
      internal: { TMPDIR: this.#scratchDir },
    });
    const initDone = new Promise<InitSignal>((resolve) => {
      this.#init = { resolve };
    });
    const startedAt = performance.now();
    const child = spawn(
      '/bin/sh',
      ['-c', WRAPPER_SCRIPT, 'powertune-env', this.#group?.procsFile ?? '', command.command, ...command.args],
      {
        cwd: fn.codeDir,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.pid = child.pid;
    const output = new OutputCollector(child.stdout);
    this.#output = output;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.#shellErrors += chunk;
    });
    child.on('error', (error) => {
      this.#shellErrors += error.message;
      this.#onExit(`exit status ${COMMAND_NOT_FOUND_EXIT}`);
    });
    child.on('exit', (code, signal) => {
      const reason =
        code === CGROUP_JOIN_FAILED_EXIT
          ? `exit status ${code} (could not join CPU group ${this.#group?.path ?? ''})`
          : exitReason(code, signal);
      this.#onExit(reason);
    });

    const initTimeoutMs = Math.max(INIT_TIMEOUT_MS, fn.timeoutSeconds * MS_PER_SECOND);
    const timer = setTimeout(() => this.#init?.resolve({ kind: 'exit', reason: 'init timeout' }), initTimeoutMs);
    const first = await initDone;
    clearTimeout(timer);
    this.#init = undefined;
    const endedAt = first.kind === 'next' ? first.at : first.kind === 'exit' ? performance.now() : first.receivedAt;
    let initDurationMs = endedAt - startedAt;
    const initCpuUs = first.kind === 'exit' ? undefined : first.cpuTimeUs;
    if (cpu.mode === 'virtual-time' && initCpuUs !== undefined) {
      initDurationMs = virtualDurationMs({ wallMs: initDurationMs, cpuMs: initCpuUs / US_PER_MS, vcpus: initVcpus });
    }

    if (first.kind === 'next') {
      const initOutput =
        (await output.waitFor({ id: 'init', timeoutMs: OUTPUT_DRAIN_TIMEOUT_MS })) ?? output.takeRest();
      this.state = 'idle';
      this.#cold = { initDurationMs, initOutput, initStartTimeMs: startWall };
      return { ok: true, initDurationMs, output: initOutput };
    }
    // Init failed: the runtime posted /init/error, exited, or ran out of time.
    const timedOut = first.kind === 'exit' && first.reason === 'init timeout';
    await this.kill();
    await output.waitForClose(OUTPUT_DRAIN_TIMEOUT_MS);
    const failedOutput = output.takeRest();
    const initDuration = timedOut ? initTimeoutMs : initDurationMs;
    this.#cold = { initDurationMs: initDuration, initOutput: failedOutput, initStartTimeMs: startWall };
    if (first.kind !== 'exit') {
      return {
        ok: false,
        initDurationMs: initDuration,
        output: failedOutput,
        payload: first.body,
        errorType: first.errorType ?? 'Runtime.Unknown',
        timedOut: false,
      };
    }
    const reason = timedOut
      ? `Init timed out after ${(initTimeoutMs / MS_PER_SECOND).toFixed(2)} seconds`
      : `Runtime exited with error: ${first.reason}`;
    const errorType = timedOut
      ? PLATFORM_ERROR_TYPES.timeout
      : this.#shellErrors.includes('ENOENT')
        ? PLATFORM_ERROR_TYPES.invalidEntrypoint
        : PLATFORM_ERROR_TYPES.exit;
    const detail = this.#shellErrors.trim() === '' ? '' : ` (${this.#shellErrors.trim()})`;
    return {
      ok: false,
      initDurationMs: initDuration,
      output: failedOutput,
      payload: Buffer.from(JSON.stringify({ errorType, errorMessage: `${reason}${detail}` })),
      errorType,
      timedOut,
    };
  }

  /** The result the first invocation reports when init failed. */
  initFailureResult({
    request,
    init,
  }: {
    request: InvokeRequest;
    init: Extract<InitResult, { ok: false }>;
  }): InvokeResult {
    const now = Date.now();
    return buildInvokeResult({
      fn: this.fn,
      requestId: request.requestId,
      outcome: { kind: 'init-failure', payload: init.payload, errorType: init.errorType, timedOut: init.timedOut },
      durationMs: init.initDurationMs,
      maxMemoryUsedMB: maxMemoryUsedMB(this.#peakBytes),
      output: '',
      ...(this.#cold === undefined ? {} : { cold: this.#cold }),
      startTimeMs: now,
      endTimeMs: now,
    });
  }

  /** Runs one invocation; the environment must be `idle`. */
  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    const { fn, cpu } = this.#options;
    this.state = 'busy';
    const cold = this.#cold;
    this.#cold = undefined;
    const outcomePromise = new Promise<InvocationOutcome>((resolve) => {
      this.#active = { requestId: request.requestId, resolve, settled: false };
    });
    const settle = (outcome: InvocationOutcome): void => {
      const active = this.#active;
      if (active === undefined || active.settled) return;
      active.settled = true;
      active.resolve(outcome);
    };

    const limitBytes = fn.memorySizeMB * BYTES_PER_MB;
    let samples = 0;
    let otherPids: number[] = [];
    const sample = (): void => {
      if (this.pid === undefined || this.#isDead()) return;
      if (this.#group !== undefined) otherPids = cpu.listProcesses(this.#group);
      else if (samples % DESCENDANT_SCAN_EVERY === DESCENDANT_SCAN_EVERY - 1)
        otherPids = listDescendants({ rootPid: this.pid });
      samples += 1;
      const memory = treeMemory({ rootPid: this.pid, otherPids });
      this.#peakBytes = Math.max(this.#peakBytes, memory.peakBytes);
      if (memory.rssBytes > limitBytes || memory.peakBytes > limitBytes) {
        settle({ kind: 'exit', reason: 'signal: killed', outOfMemory: true });
        void this.kill();
      }
    };
    const poller = setInterval(sample, MEMORY_POLL_INTERVAL_MS);
    const timeoutTimer = setTimeout(() => {
      settle({ kind: 'timeout' });
      void this.kill();
    }, fn.timeoutSeconds * MS_PER_SECOND);

    // Lambda freezes an environment between invocations; here the runtime's
    // own work between them (posting the response, asking for the next event)
    // would otherwise spend this invocation's CPU budget.
    if (this.#group !== undefined) cpu.renewQuota(this.#group);
    const startWall = Date.now();
    const cpuAtStart = this.#lastNextCpuUs;
    const delayAtStart =
      cpu.mode === 'virtual-time' && this.pid !== undefined ? readRunQueueDelayMs({ pid: this.pid }) : undefined;
    const startedAt = performance.now();
    this.#api.deliver({
      requestId: request.requestId,
      payload: request.payload,
      deadlineMs: startWall + fn.timeoutSeconds * MS_PER_SECOND,
      invokedFunctionArn:
        request.invokedFunctionArn ?? (fn.version === '$LATEST' ? fn.functionArn : `${fn.functionArn}:${fn.version}`),
      traceId: traceId(),
      ...(request.clientContext === undefined ? {} : { clientContext: decodeClientContext(request.clientContext) }),
    });
    if (this.#isDead()) settle({ kind: 'exit', reason: 'signal: killed', outOfMemory: false });

    const outcome = await outcomePromise;
    const endedAt =
      outcome.kind === 'success' || outcome.kind === 'function-error' || outcome.kind === 'too-large'
        ? this.#lastPostAt
        : performance.now();
    clearInterval(poller);
    clearTimeout(timeoutTimer);
    sample();
    if (!this.#isDead() && this.#peakBytes > limitBytes) {
      // The peak passed the limit between two samples: Lambda's sandbox would have been killed.
      await this.kill();
      return this.#finish({
        request,
        outcome: { kind: 'exit', reason: 'signal: killed', outOfMemory: true },
        startedAt,
        endedAt,
        startWall,
        cpuAtStart,
        delayAtStart,
        cold,
      });
    }
    return this.#finish({ request, outcome, startedAt, endedAt, startWall, cpuAtStart, delayAtStart, cold });
  }

  /** Reads the state without the narrowing of an earlier assignment (it changes on process events). */
  #isDead(): boolean {
    return this.state === 'dead';
  }

  async #finish({
    request,
    outcome,
    startedAt,
    endedAt,
    startWall,
    cpuAtStart,
    delayAtStart,
    cold,
  }: {
    request: InvokeRequest;
    outcome: InvocationOutcome;
    startedAt: number;
    endedAt: number;
    startWall: number;
    cpuAtStart: number | undefined;
    /** Run-queue delay of the environment's threads at delivery (virtual-time only). */
    delayAtStart?: number | undefined;
    cold: ColdStart | undefined;
  }): Promise<InvokeResult> {
    const { fn, cpu, vcpus } = this.#options;
    const output = this.#output as OutputCollector;
    let text: string;
    if (this.#isDead()) {
      await output.waitForClose(OUTPUT_DRAIN_TIMEOUT_MS);
      text = output.takeRest();
    } else {
      text = (await output.waitFor({ id: request.requestId, timeoutMs: OUTPUT_DRAIN_TIMEOUT_MS })) ?? output.takeRest();
    }
    let durationMs = endedAt - startedAt;
    if (
      cpu.mode === 'virtual-time' &&
      cpuAtStart !== undefined &&
      this.#lastPostCpuUs !== undefined &&
      outcome.kind !== 'timeout'
    ) {
      const cpuMs = (this.#lastPostCpuUs - (this.#lastEventCpuUs ?? cpuAtStart)) / US_PER_MS;
      // Time spent waiting for a host CPU (other processes) is not the function's own waiting.
      const delayAtEnd =
        delayAtStart === undefined || this.pid === undefined ? undefined : readRunQueueDelayMs({ pid: this.pid });
      const wallMs =
        delayAtEnd === undefined || delayAtStart === undefined
          ? durationMs
          : uncontendedWallMs({ wallMs: durationMs, cpuMs, runQueueDelayMs: delayAtEnd - delayAtStart });
      durationMs = virtualDurationMs({ wallMs, cpuMs, vcpus });
    }
    this.#active = undefined;
    this.lastUsedAt = Date.now();
    if (this.state === 'busy') this.state = 'idle';
    return buildInvokeResult({
      fn,
      requestId: request.requestId,
      outcome,
      durationMs,
      maxMemoryUsedMB: maxMemoryUsedMB(this.#peakBytes),
      output: text,
      ...(cold === undefined ? {} : { cold }),
      startTimeMs: startWall,
      endTimeMs: startWall + durationMs,
      billInitDuration: this.#options.billInitDuration,
    });
  }

  #onPost(post: RuntimePost): void {
    if (post.kind === 'init-error') {
      this.#init?.resolve(post);
      return;
    }
    const active = this.#active;
    if (active === undefined || active.settled || post.requestId !== active.requestId) return;
    this.#lastPostAt = post.receivedAt;
    this.#lastPostCpuUs = post.cpuTimeUs;
    this.#lastEventCpuUs = post.eventCpuTimeUs;
    active.settled = true;
    if (post.kind === 'response')
      active.resolve(post.tooLarge ? { kind: 'too-large' } : { kind: 'success', payload: post.body });
    else
      active.resolve({
        kind: 'function-error',
        payload: post.body,
        ...(post.errorType === undefined ? {} : { errorType: post.errorType }),
      });
  }

  #onExit(reason: string): void {
    const wasDead = this.#isDead();
    this.state = 'dead';
    this.#init?.resolve({ kind: 'exit', reason });
    const active = this.#active;
    if (active !== undefined && !active.settled) {
      active.settled = true;
      active.resolve({ kind: 'exit', reason, outOfMemory: false });
    }
    this.#markExited();
    if (!wasDead) void this.kill();
  }

  /** Kills the process group (and every process of the CPU group), closes the Runtime API, removes the CPU group and scratch directory. */
  async kill(): Promise<void> {
    if (this.#killing) return this.#exited;
    this.#killing = true;
    this.state = 'dead';
    if (this.pid === undefined) this.#markExited();
    this.killSync();
    await Promise.race([this.#exited, new Promise((resolve) => setTimeout(resolve, OUTPUT_DRAIN_TIMEOUT_MS))]);
    await this.#api.close();
    if (this.#group !== undefined) {
      for (const pid of this.#options.cpu.listProcesses(this.#group)) killQuietly(pid);
      await this.#options.cpu.removeGroup(this.#group);
    }
    if (this.#scratchDir !== undefined) rmSync(this.#scratchDir, { recursive: true, force: true });
    this.#options.onDead?.(this);
  }

  /**
   * CPU time used so far by the runtime process (and the children it waited
   * for, and every process of its CPU group), in ms; undefined before it
   * started or once it is gone. Admission control samples it to see whether
   * the environment is blocked on I/O.
   */
  cpuTimeMs(): number | undefined {
    if (this.pid === undefined || this.#isDead()) return undefined;
    const others = this.#group === undefined ? [] : this.#options.cpu.listProcesses(this.#group);
    return readProcessesCpuTimeMs({ pids: [this.pid, ...others] });
  }

  /** Sends SIGKILL to the process group and every process of the CPU group, now (safe on `exit`). */
  killSync(): void {
    if (this.pid === undefined) return;
    killQuietly(-this.pid);
    if (this.#group !== undefined) for (const pid of this.#options.cpu.listProcesses(this.#group)) killQuietly(pid);
  }
}

export { ExecutionEnvironment };
export type { EnvironmentState, ExecutionEnvironmentOptions, InitResult };
