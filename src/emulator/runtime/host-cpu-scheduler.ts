/**
 * Admission control: the host's cores are a budget of vCPUs, and an
 * environment may use host CPU (init, or one invocation) only once its share
 * fits in what is left. Without it, six sizes invoked at once on a two-core
 * host each got a fraction of their vCPUs and read 1.3–2.1x too slow — a
 * contention no Lambda function sees.
 *
 * - Strict first come, first served: a request that does not fit blocks the
 *   ones behind it, so a 2-vCPU environment is never starved by a stream of
 *   small ones.
 * - A share larger than the host is capped at the host (it then runs alone).
 * - A lease can shrink (init's share → the invocation's) and is released
 *   when the environment stops using CPU; each change admits the next ones.
 * - The time a request waited is measured with the injected clock and
 *   reported apart from Duration (the wait happens before the event is
 *   delivered).
 * - An admitted environment blocked on I/O does not hold the host: while a
 *   request waits, each lease with a CPU-time reader is sampled every
 *   `sampleEveryMs`; a lease whose CPU time has not advanced for
 *   `idleWindowMs` (longer for a small share, which a quota lets accumulate
 *   a clock tick only now and then) stops counting, and counts again as soon
 *   as its CPU time advances. This is what lets a handler that synchronously
 *   invokes another function on the same service see that invocation
 *   admitted, instead of deadlocking; CPU-bound work keeps its guarantee.
 *   When nobody waits, sampling stops and every lease counts again.
 *
 * @module emulator/runtime/host-cpu-scheduler
 */

/** Shares are sums of fractions (128 MB = 0.0724): a little slack absorbs rounding. */
const EPSILON = 1e-9;

/** Default window without CPU progress after which a lease is idle, in ms. */
const DEFAULT_IDLE_WINDOW_MS = 50;
/** Default interval between samples while requests wait, in ms. */
const DEFAULT_SAMPLE_EVERY_MS = 10;
/** `/proc/<pid>/stat` counts CPU time in clock ticks (USER_HZ = 100 on Linux). */
const CLOCK_TICK_MS = 10;

/** Starts calling `tick` every `ms`; returns a function that stops it. */
type Every = (tick: () => void, ms: number) => () => void;

const defaultEvery: Every = (tick, ms) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/** Host CPU held by one environment. */
interface CpuLease {
  /** vCPUs held now. */
  readonly vcpus: number;
  /** Milliseconds the request waited before it was admitted. */
  readonly waitedMs: number;
  /** Holds fewer vCPUs from now on (never more; a larger value is ignored). */
  shrink(vcpus: number): void;
  /** Gives the vCPUs back; calling it again does nothing. */
  release(): void;
}

interface AcquireOptions {
  /**
   * CPU time the environment has used so far, in ms (any origin), or
   * undefined when unknown. Without it the lease always counts.
   */
  cpuTimeMs?: () => number | undefined;
}

interface Waiting {
  vcpus: number;
  since: number;
  cpuTimeMs: (() => number | undefined) | undefined;
  resolve: (lease: CpuLease) => void;
  reject: (error: Error) => void;
}

/** A granted lease as the scheduler sees it. */
interface Held {
  vcpus: number;
  readonly cpuTimeMs: (() => number | undefined) | undefined;
  /** CPU time at the last sample that saw it advance, and when that was. */
  lastCpuMs: number | undefined;
  lastAdvanceAt: number;
  /** Blocked (no CPU progress over the window): does not count. */
  idle: boolean;
}

/**
 * A FIFO admission queue over the host's cores.
 *
 * @example
 * const scheduler = new HostCpuScheduler({ hostCores: 2 });
 * const lease = await scheduler.acquire(1);      // admitted at once
 * console.log(lease.waitedMs);                    // 0
 * lease.release();
 */
class HostCpuScheduler {
  readonly hostCores: number;
  readonly #now: () => number;
  readonly #idleWindowMs: number;
  readonly #sampleEveryMs: number;
  readonly #every: Every;
  readonly #held = new Set<Held>();
  #queue: Waiting[] = [];
  #closedError: Error | undefined;
  #stopSampling: (() => void) | undefined;

  constructor({
    hostCores,
    now = () => performance.now(),
    idleWindowMs = DEFAULT_IDLE_WINDOW_MS,
    sampleEveryMs = DEFAULT_SAMPLE_EVERY_MS,
    every = defaultEvery,
  }: {
    hostCores: number;
    now?: () => number;
    /** A lease whose CPU time does not advance for this long (ms) stops counting while others wait. */
    idleWindowMs?: number;
    /** How often leases are sampled while requests wait (ms). */
    sampleEveryMs?: number;
    /** Timer of the sampling (tests drive it by hand). */
    every?: Every;
  }) {
    this.hostCores = Math.max(1, hostCores);
    this.#now = now;
    this.#idleWindowMs = idleWindowMs;
    this.#sampleEveryMs = sampleEveryMs;
    this.#every = every;
  }

  /** vCPUs held by running environments now (idle ones excluded). */
  get inUse(): number {
    let sum = 0;
    for (const held of this.#held) if (!held.idle) sum += held.vcpus;
    return sum;
  }

  /** Requests waiting for CPU now. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Resolves once `vcpus` (capped at the host) fit next to what runs; FIFO. */
  acquire(vcpus: number, { cpuTimeMs }: AcquireOptions = {}): Promise<CpuLease> {
    if (this.#closedError !== undefined) return Promise.reject(this.#closedError);
    const share = Math.min(Math.max(0, vcpus), this.hostCores);
    return new Promise<CpuLease>((resolve, reject) => {
      this.#queue.push({ vcpus: share, since: this.#now(), cpuTimeMs, resolve, reject });
      this.#admit();
    });
  }

  /**
   * One sample of every lease's CPU time (the timer calls it while requests
   * wait): a lease idle for its window stops counting, one that used CPU
   * counts again; then waiting requests are admitted if they now fit.
   */
  sample(): void {
    const now = this.#now();
    for (const held of this.#held) {
      const cpu = held.cpuTimeMs?.();
      if (cpu === undefined) {
        held.idle = false;
        continue;
      }
      // Any change is progress (a sum over processes can drop when one exits).
      if (held.lastCpuMs === undefined || cpu !== held.lastCpuMs) {
        held.lastCpuMs = cpu;
        held.lastAdvanceAt = now;
        held.idle = false;
        continue;
      }
      held.idle = now - held.lastAdvanceAt >= this.#idleAfterMs(held.vcpus);
    }
    this.#admit();
  }

  /** Rejects every waiting request with `error`; leases already granted stay valid. */
  close(error: Error): void {
    this.#closedError = error;
    const queue = this.#queue;
    this.#queue = [];
    for (const waiting of queue) waiting.reject(error);
    this.#updateSampling();
  }

  /** A small share accumulates a clock tick only now and then: wait long enough to see two. */
  #idleAfterMs(vcpus: number): number {
    return Math.max(this.#idleWindowMs, vcpus > 0 ? (2 * CLOCK_TICK_MS) / vcpus : this.#idleWindowMs);
  }

  #admit(): void {
    let inUse = this.inUse;
    while (this.#queue.length > 0) {
      const head = this.#queue[0] as Waiting;
      if (inUse + head.vcpus > this.hostCores + EPSILON) break;
      this.#queue.shift();
      inUse += head.vcpus;
      head.resolve(this.#lease(head, this.#now() - head.since));
    }
    this.#updateSampling();
  }

  /** Samples while requests wait; when none do, stops and counts every lease again. */
  #updateSampling(): void {
    if (this.#queue.length > 0) {
      if (this.#stopSampling === undefined) {
        this.#stopSampling = this.#every(() => this.sample(), this.#sampleEveryMs);
        // Baseline now: a lease becomes idle only after a whole window without progress.
        const now = this.#now();
        for (const held of this.#held) {
          held.lastCpuMs = held.cpuTimeMs?.();
          held.lastAdvanceAt = now;
        }
      }
      return;
    }
    if (this.#stopSampling === undefined) return;
    this.#stopSampling();
    this.#stopSampling = undefined;
    for (const held of this.#held) held.idle = false;
  }

  #lease(request: Waiting, waitedMs: number): CpuLease {
    const held: Held = {
      vcpus: request.vcpus,
      cpuTimeMs: request.cpuTimeMs,
      lastCpuMs: request.cpuTimeMs?.(),
      lastAdvanceAt: this.#now(),
      idle: false,
    };
    this.#held.add(held);
    let released = false;
    return {
      get vcpus() {
        return released ? 0 : held.vcpus;
      },
      waitedMs,
      shrink: (vcpus: number): void => {
        if (released || vcpus >= held.vcpus) return;
        held.vcpus = Math.max(0, vcpus);
        this.#admit();
      },
      release: (): void => {
        if (released) return;
        released = true;
        this.#held.delete(held);
        this.#admit();
      },
    };
  }
}

export { DEFAULT_IDLE_WINDOW_MS, HostCpuScheduler };
export type { AcquireOptions, CpuLease, Every };
