import { describe, expect, it } from 'vitest';
import { isPidAlive, isRunInProgress } from '../../../src/cli/is-run-in-progress.js';

describe('Function: isRunInProgress', () => {
  it.each([
    ['its process is alive on this host', { pid: 4242, host: 'laptop' }, true],
    ['its process is gone (crashed, killed)', { pid: 4243, host: 'laptop' }, false],
    ['it ran on another host', { pid: 4242, host: 'ci-runner' }, false],
    ['it is this very process', { pid: 1000, host: 'laptop' }, false],
    ['its journal predates pids', {}, false],
  ])('returns the right answer when %s', (_label, run, expected) => {
    expect(isRunInProgress({ run, host: 'laptop', selfPid: 1000, alive: (pid) => pid === 4242 })).toBe(expected);
  });
});

describe('Function: isPidAlive', () => {
  it('returns true for a live process and false for a pid that does not exist', () => {
    expect(isPidAlive(process.pid)).toBe(true);
    expect(isPidAlive(2 ** 22 + 12_345)).toBe(false);
  });
});
