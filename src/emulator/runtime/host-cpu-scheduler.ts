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
 *
 * @module emulator/runtime/host-cpu-scheduler
 */

/** Shares are sums of fractions (128 MB = 0.0724): a little slack absorbs rounding. */
const EPSILON = 1e-9;

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

interface Waiting {
  vcpus: number;
  since: number;
  resolve: (lease: CpuLease) => void;
  reject: (error: Error) => void;
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
  #inUse = 0;
  #queue: Waiting[] = [];
  #closedError: Error | undefined;

  constructor({ hostCores, now = () => performance.now() }: { hostCores: number; now?: () => number }) {
    this.hostCores = Math.max(1, hostCores);
    this.#now = now;
  }

  /** vCPUs held by running environments now. */
  get inUse(): number {
    return this.#inUse;
  }

  /** Requests waiting for CPU now. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Resolves once `vcpus` (capped at the host) fit next to what runs; FIFO. */
  acquire(vcpus: number): Promise<CpuLease> {
    if (this.#closedError !== undefined) return Promise.reject(this.#closedError);
    const share = Math.min(Math.max(0, vcpus), this.hostCores);
    return new Promise<CpuLease>((resolve, reject) => {
      this.#queue.push({ vcpus: share, since: this.#now(), resolve, reject });
      this.#admit();
    });
  }

  /** Rejects every waiting request with `error`; leases already granted stay valid. */
  close(error: Error): void {
    this.#closedError = error;
    const queue = this.#queue;
    this.#queue = [];
    for (const waiting of queue) waiting.reject(error);
  }

  #admit(): void {
    while (this.#queue.length > 0) {
      const head = this.#queue[0] as Waiting;
      if (this.#inUse + head.vcpus > this.hostCores + EPSILON) return;
      this.#queue.shift();
      this.#inUse += head.vcpus;
      head.resolve(this.#lease(head.vcpus, this.#now() - head.since));
    }
  }

  #lease(granted: number, waitedMs: number): CpuLease {
    let held = granted;
    let released = false;
    const give = (amount: number): void => {
      this.#inUse = Math.max(0, this.#inUse - amount);
      this.#admit();
    };
    return {
      get vcpus() {
        return released ? 0 : held;
      },
      waitedMs,
      shrink: (vcpus: number): void => {
        if (released || vcpus >= held) return;
        const freed = held - Math.max(0, vcpus);
        held -= freed;
        give(freed);
      },
      release: (): void => {
        if (released) return;
        released = true;
        give(held);
      },
    };
  }
}

export { HostCpuScheduler };
export type { CpuLease };
