/**
 * Counts in-flight invocations against Lambda's two concurrency limits: a
 * function with reserved concurrency may run that many at once (and no
 * more); every other function shares the account's unreserved pool.
 *
 * @module emulator/concurrency-limiter
 */
import { EmulatorError, TooManyRequestsError } from './errors.js';

/** What one acquisition is checked against (computed by the caller from the current settings). */
interface AcquireRequest {
  functionName: string;
  /** The function's reserved concurrency, when it has one (0 blocks every invocation). */
  reserved?: number | undefined;
  /** Account limit minus every reservation. */
  unreservedCapacity: number;
}

/** Gives the slot back; calling it again does nothing. */
type ReleaseSlot = () => void;

interface QueuedAcquire {
  request: () => AcquireRequest;
  resolve: (release: ReleaseSlot) => void;
  reject: (error: Error) => void;
}

/**
 * In-flight invocation accounting, with a FIFO queue for asynchronous
 * (`Event`) invocations, which Lambda queues instead of throttling.
 *
 * @example
 * const limiter = new ConcurrencyLimiter();
 * const release = limiter.acquire({ functionName: 'demo', unreservedCapacity: 900 });
 * try { await run(); } finally { release(); }
 */
class ConcurrencyLimiter {
  readonly #perFunction = new Map<string, number>();
  #unreservedInFlight = 0;
  #inFlight = 0;
  #queue: QueuedAcquire[] = [];
  #closed = false;

  /** Invocations running now. */
  public get inFlight(): number {
    return this.#inFlight;
  }

  /** Invocations waiting for a slot. */
  public get queued(): number {
    return this.#queue.length;
  }

  /**
   * Takes a slot or throws `TooManyRequestsError` (reason
   * `ReservedFunctionConcurrentInvocationLimitExceeded` or
   * `ConcurrentInvocationLimitExceeded`).
   */
  public acquire({ functionName, reserved, unreservedCapacity }: AcquireRequest): ReleaseSlot {
    const running = this.#perFunction.get(functionName) ?? 0;
    const usesReservation = reserved !== undefined;
    if (usesReservation && running >= reserved)
      throw new TooManyRequestsError({ reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    if (!usesReservation && this.#unreservedInFlight >= unreservedCapacity)
      throw new TooManyRequestsError({ reason: 'ConcurrentInvocationLimitExceeded' });
    this.#perFunction.set(functionName, running + 1);
    if (!usesReservation) this.#unreservedInFlight += 1;
    this.#inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.#perFunction.get(functionName) ?? 1) - 1;
      if (now === 0) this.#perFunction.delete(functionName);
      else this.#perFunction.set(functionName, now);
      if (!usesReservation) this.#unreservedInFlight -= 1;
      this.#inFlight -= 1;
      this.#drain();
    };
  }

  /**
   * Takes a slot as soon as one is free. `request` is called at each attempt,
   * so limits changed meanwhile apply.
   */
  public acquireWhenAvailable(request: () => AcquireRequest): Promise<ReleaseSlot> {
    if (this.#closed) return Promise.reject(this.#closedError());
    if (this.#queue.length === 0) {
      try {
        return Promise.resolve(this.acquire(request()));
      } catch (error) {
        if (!(error instanceof TooManyRequestsError)) return Promise.reject(error as Error);
      }
    }
    return new Promise<ReleaseSlot>((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
    });
  }

  /** Rejects every queued request; running ones keep their slots. */
  public close(): void {
    this.#closed = true;
    const queue = this.#queue;
    this.#queue = [];
    for (const waiting of queue) waiting.reject(this.#closedError());
  }

  #drain(): void {
    const waiting: QueuedAcquire[] = [];
    for (const entry of this.#queue) {
      try {
        entry.resolve(this.acquire(entry.request()));
      } catch (error) {
        if (error instanceof TooManyRequestsError) waiting.push(entry);
        else entry.reject(error as Error);
      }
    }
    this.#queue = waiting;
  }

  #closedError(): EmulatorError {
    return new EmulatorError(
      'The emulator stopped before a queued asynchronous invocation could run; it was dropped (as an Event invocation that expired on Lambda would be).',
    );
  }
}

export { ConcurrencyLimiter };
export type { AcquireRequest, ReleaseSlot };
