/**
 * A counting semaphore: at most `limit` tasks run at once.
 *
 * @module tuner/create-limiter
 */

interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
}

/**
 * Creates a limiter; tasks beyond the limit wait in FIFO order.
 *
 * @example
 * const limiter = createLimiter(4);
 * await Promise.all(items.map((item) => limiter.run(() => work(item))));
 */
const createLimiter = (limit: number): Limiter => {
  const capacity = Math.max(1, Math.floor(limit));
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    active -= 1;
    const next = waiting.shift();
    if (next !== undefined) {
      active += 1;
      next();
    }
  };
  return {
    get active(): number {
      return active;
    },
    run: async <T>(task: () => Promise<T>): Promise<T> => {
      if (active < capacity) {
        active += 1;
      } else {
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
};

export { createLimiter };
export type { Limiter };
