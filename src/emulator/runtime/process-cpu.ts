/**
 * CPU time of an environment's processes, read from `/proc/<pid>/stat`
 * (Linux): user + system time of the process (all its threads) plus that of
 * its children it has waited for. Admission control samples it to tell an
 * environment blocked on I/O from one using CPU (`host-cpu-scheduler.ts`).
 *
 * @module emulator/runtime/process-cpu
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `/proc` counts CPU time in clock ticks; USER_HZ is 100 on Linux. */
const MS_PER_TICK = 10;

/**
 * CPU time (utime + stime + cutime + cstime) of one process in ms, or
 * undefined when it is gone or `/proc` is not there.
 *
 * @example
 * readProcessCpuTimeMs({ pid: process.pid }); // e.g. 840
 */
const readProcessCpuTimeMs = ({ pid, procRoot = '/proc' }: { pid: number; procRoot?: string }): number | undefined => {
  let stat: string;
  try {
    stat = readFileSync(join(procRoot, String(pid), 'stat'), 'utf8');
  } catch {
    return undefined;
  }
  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  // After it: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17), so index 11–14 here.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  let ticks = 0;
  for (const index of [11, 12, 13, 14]) {
    const value = Number(fields[index]);
    if (!Number.isFinite(value)) return undefined;
    ticks += value;
  }
  return ticks * MS_PER_TICK;
};

/**
 * CPU time of a set of processes in ms (those gone count nothing), or
 * undefined when none of them could be read.
 *
 * @example
 * readProcessesCpuTimeMs({ pids: [child.pid] });
 */
const readProcessesCpuTimeMs = ({
  pids,
  procRoot = '/proc',
}: {
  pids: number[];
  procRoot?: string;
}): number | undefined => {
  let total: number | undefined;
  for (const pid of new Set(pids)) {
    const ms = readProcessCpuTimeMs({ pid, procRoot });
    if (ms !== undefined) total = (total ?? 0) + ms;
  }
  return total;
};

export { readProcessCpuTimeMs, readProcessesCpuTimeMs };
