import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { readRunQueueDelayMs, uncontendedWallMs } from '../../../../src/emulator/runtime/run-queue-delay.js';

describe('Function: uncontendedWallMs', () => {
  it.each([
    ['one thread that waited half the time for a CPU', 200, 100, 100, 100],
    ['two threads that waited 50 ms each', 150, 200, 100, 100],
    ['a run that never waited for a CPU', 120, 100, 0, 120],
    ['I/O waiting stays: 100 ms of sleep, 20 ms CPU, 10 ms on the run queue', 130, 20, 10, 120],
    ['never below the CPU time', 100, 100, 500, 100 / 6],
  ])('removes the run-queue wait of %s', (_label, wallMs, cpuMs, runQueueDelayMs, expected) => {
    expect(uncontendedWallMs({ wallMs, cpuMs, runQueueDelayMs })).toBeCloseTo(expected, 6);
  });
});

describe('Function: readRunQueueDelayMs', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it('sums the second schedstat field of every thread, in ms', () => {
    // Prepare
    root = mkdtempSync(join(tmpdir(), 'pt-schedstat-'));
    for (const [tid, line] of [
      ['10', '5000000 2500000 7\n'],
      ['11', '1000 500000 1\n'],
    ] as const) {
      mkdirSync(join(root, '10', 'task', tid), { recursive: true });
      writeFileSync(join(root, '10', 'task', tid, 'schedstat'), line);
    }

    // Act / Assess
    expect(readRunQueueDelayMs({ pid: 10, procRoot: root })).toBe(3);
  });

  it('gives undefined for a process it cannot see', () => {
    root = mkdtempSync(join(tmpdir(), 'pt-schedstat-'));

    expect(readRunQueueDelayMs({ pid: 999, procRoot: root })).toBeUndefined();
  });
});
