/**
 * Memory of an environment's processes, read from `/proc` (Linux):
 * `VmRSS` (resident now) and `VmHWM` (the kernel's own peak of resident
 * memory since the process started, so a short spike between two samples is
 * never missed for the runtime process itself). Lambda reports
 * `Max Memory Used` as the environment's peak across all its invocations,
 * which is what `VmHWM` measures.
 *
 * @module emulator/runtime/process-memory
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { KIB } from './constants.js';

interface ProcessMemory {
  rssBytes: number;
  peakBytes: number;
}

const fieldKib = (status: string, field: string): number | undefined => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]) * KIB;
};

/**
 * RSS and peak RSS of one process, or undefined when it is gone (or is a
 * zombie without memory).
 *
 * @example
 * readProcessMemory({ pid: process.pid })?.rssBytes; // e.g. 52_000_000
 */
const readProcessMemory = ({
  pid,
  procRoot = '/proc',
}: {
  pid: number;
  procRoot?: string;
}): ProcessMemory | undefined => {
  let status: string;
  try {
    status = readFileSync(join(procRoot, String(pid), 'status'), 'utf8');
  } catch {
    return undefined;
  }
  const rssBytes = fieldKib(status, 'VmRSS');
  if (rssBytes === undefined) return undefined;
  return { rssBytes, peakBytes: Math.max(rssBytes, fieldKib(status, 'VmHWM') ?? 0) };
};

/**
 * Memory of a process tree: the runtime process plus every other process of
 * the environment. `peakBytes` is the runtime's own peak plus what the others
 * hold now (their spikes are seen only when sampled).
 *
 * @example
 * treeMemory({ rootPid: child.pid, otherPids: [] });
 */
const treeMemory = ({
  rootPid,
  otherPids,
  procRoot = '/proc',
}: {
  rootPid: number;
  otherPids: number[];
  procRoot?: string;
}): ProcessMemory => {
  const root = readProcessMemory({ pid: rootPid, procRoot }) ?? { rssBytes: 0, peakBytes: 0 };
  let others = 0;
  for (const pid of otherPids) {
    if (pid !== rootPid) others += readProcessMemory({ pid, procRoot })?.rssBytes ?? 0;
  }
  return { rssBytes: root.rssBytes + others, peakBytes: root.peakBytes + others };
};

/**
 * Every descendant of a process, by walking the parent links of
 * `/proc/<pid>/stat` (for hosts without a cgroup that lists them).
 *
 * @example
 * listDescendants({ rootPid: process.pid }); // [12345, 12346]
 */
const listDescendants = ({ rootPid, procRoot = '/proc' }: { rootPid: number; procRoot?: string }): number[] => {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync(procRoot);
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(join(procRoot, entry, 'stat'), 'utf8');
    } catch {
      continue;
    }
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
};

export { listDescendants, readProcessMemory, treeMemory };
export type { ProcessMemory };
