/**
 * A fake `ExecutionBackend` for tests of the emulator's API layer: no
 * processes, a canned Lambda-style log (START / output / END / REPORT), and
 * hooks to script results, delays and failures.
 */

import type {
  ExecutionBackend,
  FunctionSnapshot,
  InvokeRequest,
  InvokeResult,
} from '../../src/emulator/runtime/types.js';

/** What a scripted invocation returns (anything omitted gets a default). */
interface FakeOutcome {
  payload?: string | Buffer;
  functionError?: 'Unhandled';
  /** Lines the "function" printed (before END). */
  output?: string;
  durationMs?: number;
  maxMemoryUsedMB?: number;
  /** Reported as the time the invocation waited for host CPU. */
  admissionWaitMs?: number;
}

interface FakeExecutionBackendOptions {
  /** Decides each invocation's outcome (default: echo the event). */
  respond?: (request: InvokeRequest) => FakeOutcome | Promise<FakeOutcome>;
  /** Keeps every invocation pending until `release()` (for concurrency tests). */
  hold?: boolean;
}

/** Formats a REPORT line exactly as Lambda's Text log format does. */
function reportLine({
  requestId,
  durationMs,
  memorySizeMB,
  maxMemoryUsedMB,
  initDurationMs,
}: {
  requestId: string;
  durationMs: number;
  memorySizeMB: number;
  maxMemoryUsedMB: number;
  initDurationMs?: number;
}): string {
  const init = initDurationMs === undefined ? '' : `\tInit Duration: ${initDurationMs.toFixed(2)} ms`;
  return `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: ${memorySizeMB} MB\tMax Memory Used: ${maxMemoryUsedMB} MB${init}\t`;
}

class FakeExecutionBackend implements ExecutionBackend {
  public readonly cpu = {
    mode: 'virtual-time' as const,
    model: 'virtual-time' as const,
    reason: 'fake backend for tests',
    description: 'virtual-time: durations scaled by CPU time, 2 host cores',
    hostCores: 2,
  };
  /** Every request received, in order. */
  public readonly requests: InvokeRequest[] = [];
  public readonly discarded: Array<{ functionArn: string; version?: string }> = [];
  public stopped = false;
  public inFlight = 0;
  public maxInFlight = 0;
  readonly #respond: NonNullable<FakeExecutionBackendOptions['respond']>;
  #hold: boolean;
  #waiting: Array<() => void> = [];
  readonly #warm = new Set<string>();

  public constructor({ respond, hold = false }: FakeExecutionBackendOptions = {}) {
    this.#respond = respond ?? ((request) => ({ payload: request.payload }));
    this.#hold = hold;
  }

  /** Lets every held invocation finish (and stops holding new ones when `stopHolding`). */
  public release({ stopHolding = false }: { stopHolding?: boolean } = {}): void {
    if (stopHolding) this.#hold = false;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resume of waiting) resume();
  }

  /** Resolves once `count` invocations are running (held). */
  public async waitForInFlight(count: number, { timeoutMs = 2000 }: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} invocations in flight, saw ${this.inFlight}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  public async invoke(request: InvokeRequest): Promise<InvokeResult> {
    if (this.stopped) throw new Error('backend stopped');
    this.requests.push(request);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.#hold) await new Promise<void>((resolve) => this.#waiting.push(resolve));
      const outcome = await this.#respond(request);
      const fn: FunctionSnapshot = request.fn;
      const key = `${fn.functionArn}:${fn.version}:${fn.codeSha256}:${fn.memorySizeMB}`;
      const cold = !this.#warm.has(key);
      this.#warm.add(key);
      const durationMs = outcome.durationMs ?? 1.23;
      const maxMemoryUsedMB = outcome.maxMemoryUsedMB ?? 42;
      const lines = [`START RequestId: ${request.requestId} Version: ${fn.version}`];
      if (outcome.output) lines.push(outcome.output);
      lines.push(`END RequestId: ${request.requestId}`);
      lines.push(
        reportLine({
          requestId: request.requestId,
          durationMs,
          memorySizeMB: fn.memorySizeMB,
          maxMemoryUsedMB,
          ...(cold ? { initDurationMs: 100.5 } : {}),
        }),
      );
      const payload = outcome.payload ?? '';
      const result: InvokeResult = {
        payload: Buffer.isBuffer(payload) ? payload : Buffer.from(payload),
        log: `${lines.join('\n')}\n`,
        report: {
          durationMs,
          billedDurationMs: Math.ceil(durationMs),
          memorySizeMB: fn.memorySizeMB,
          maxMemoryUsedMB,
          status: outcome.functionError ? 'error' : 'success',
          ...(cold ? { initDurationMs: 100.5 } : {}),
        },
      };
      if (outcome.functionError) result.functionError = outcome.functionError;
      if (outcome.admissionWaitMs !== undefined) result.admissionWaitMs = outcome.admissionWaitMs;
      return result;
    } finally {
      this.inFlight -= 1;
    }
  }

  public async discard(args: { functionArn: string; version?: string }): Promise<void> {
    this.discarded.push(args);
    for (const key of [...this.#warm])
      if (key.startsWith(`${args.functionArn}:${args.version ?? ''}`)) this.#warm.delete(key);
  }

  public async stop(): Promise<void> {
    this.stopped = true;
    this.release();
  }
}

export { FakeExecutionBackend, reportLine };
export type { FakeExecutionBackendOptions, FakeOutcome };
