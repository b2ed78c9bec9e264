/**
 * Time an environment's threads spent ready to run but waiting for a host
 * CPU — the contention of other processes on the host, which admission
 * control cannot prevent (it only keeps the emulator's own environments from
 * oversubscribing the host). The virtual-time model otherwise reads that
 * time as the function's own waiting (I/O) and keeps it in Duration: with
 * other work on a two-core host a one-thread handler at 1,769 MB read 3x
 * slower than alone.
 *
 * Linux keeps it per thread in `/proc/<pid>/task/<tid>/schedstat` (second
 * field: nanoseconds waited on a run queue). Used only by the virtual-time
 * model: under a CPU quota a throttled thread also counts as waiting there,
 * and throttling is the model itself.
 *
 * @module emulator/runtime/run-queue-delay
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const NS_PER_MS = 1e6;

/**
 * Sum of the run-queue delay of every thread of `pid`, in ms; undefined
 * where `/proc` does not have it (not Linux, schedstats off, process gone).
 *
 * @example
 * readRunQueueDelayMs({ pid: process.pid }); // e.g. 12.5
 */
const readRunQueueDelayMs = ({ pid, procRoot = '/proc' }: { pid: number; procRoot?: string }): number | undefined => {
  let tasks: string[];
  try {
    tasks = readdirSync(join(procRoot, String(pid), 'task'));
  } catch {
    return undefined;
  }
  let totalNs = 0;
  let read = 0;
  for (const task of tasks) {
    try {
      const fields = readFileSync(join(procRoot, String(pid), 'task', task, 'schedstat'), 'utf8')
        .trim()
        .split(/\s+/);
      const delay = Number(fields[1]);
      if (Number.isFinite(delay)) {
        totalNs += delay;
        read += 1;
      }
    } catch {
      // the thread ended meanwhile
    }
  }
  return read === 0 ? undefined : totalNs / NS_PER_MS;
};

/**
 * The wall-clock time a run would have taken without waiting for a host
 * CPU: the threads' summed run-queue delay is spread over the threads that
 * wanted a CPU on average (`(cpu + delay) / wall`), and never below the CPU
 * time spread the same way.
 *
 * @example
 * uncontendedWallMs({ wallMs: 200, cpuMs: 100, runQueueDelayMs: 100 }); // 100 (one thread, half the time waiting)
 * uncontendedWallMs({ wallMs: 150, cpuMs: 200, runQueueDelayMs: 100 }); // 100 (two threads, 50 ms each)
 */
const uncontendedWallMs = ({
  wallMs,
  cpuMs,
  runQueueDelayMs,
}: {
  wallMs: number;
  cpuMs: number;
  runQueueDelayMs: number;
}): number => {
  if (wallMs <= 0 || runQueueDelayMs <= 0) return wallMs;
  const threads = Math.max(1, (cpuMs + runQueueDelayMs) / wallMs);
  return Math.max(cpuMs / threads, wallMs - runQueueDelayMs / threads);
};

export { readRunQueueDelayMs, uncontendedWallMs };
