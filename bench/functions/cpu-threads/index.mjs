// Compute only, `event.threads` threads (default 2): counts primes below
// `event.limit` by trial division, the worker threads taking blocks of
// numbers in turn so they get the same work. No allocation, so two threads
// share nothing but the CPU: the yardstick for how the emulator gives a
// function its vCPUs (bench/emulator-cpu-fidelity.ts), as `cpu-loop` is for
// the share of one vCPU. The workers start once per environment and are
// reused by later invocations, so an invocation has no serial start-up part.
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

const DEFAULT_LIMIT = 1_000_000;
const DEFAULT_THREADS = 2;

/** Numbers go to the threads in blocks of this many, round robin: every thread gets a like mix of small and large. */
const BLOCK = 1_000;

/** Primes in the blocks of thread `index` of `threads` below `limit`. */
const countPrimes = ({ index, threads, limit }) => {
  let count = 0;
  for (let base = index * BLOCK; base < limit; base += threads * BLOCK) {
    for (let n = Math.max(base, 2); n < Math.min(base + BLOCK, limit); n += 1) {
      let prime = true;
      for (let divisor = 2; divisor * divisor <= n; divisor += 1) {
        if (n % divisor === 0) {
          prime = false;
          break;
        }
      }
      if (prime) count += 1;
    }
  }
  return count;
};

if (!isMainThread) {
  parentPort.on('message', (slice) => parentPort.postMessage(countPrimes(slice)));
}

/** Workers kept for the life of the environment (started on first use). */
const pool = [];

const workerAt = (index) => {
  while (pool.length <= index) {
    const worker = new Worker(new URL(import.meta.url));
    worker.unref();
    pool.push(worker);
  }
  return pool[index];
};

const runOn = (worker, slice) =>
  new Promise((resolve, reject) => {
    const onMessage = (count) => {
      worker.off('error', onError);
      resolve(count);
    };
    const onError = (error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(slice);
  });

export const handler = async (event = {}) => {
  const limit = Number.isInteger(event?.limit) && event.limit > 2 ? event.limit : DEFAULT_LIMIT;
  const threads = Number.isInteger(event?.threads) && event.threads > 0 ? event.threads : DEFAULT_THREADS;
  const counts = await Promise.all(
    Array.from({ length: threads }, (_, index) => runOn(workerAt(index), { index, threads, limit })),
  );
  return { limit, threads, primes: counts.reduce((sum, count) => sum + count, 0) };
};
