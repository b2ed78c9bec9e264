import { describe, expect, it } from 'vitest';

import {
  cfsQuotaFor,
  initVcpusFor,
  vcpusForMemory,
  virtualDurationMs,
} from '../../../../src/emulator/runtime/cpu-limit.js';

describe('Function: vcpusForMemory', () => {
  it.each([
    [128, 64, 128 / 1769],
    [885, 64, 885 / 1769],
    [1769, 64, 1],
    [3538, 64, 1 + (1769 * 5) / 8471],
    [10240, 64, 6],
    [20000, 64, 6],
    [3538, 2, 2],
    [10240, 2, 2],
    [1769, 1, 1],
  ])('gives %d MB %d-core host %f vCPUs', (memorySizeMB, hostCores, expected) => {
    expect(vcpusForMemory({ memorySizeMB, hostCores })).toBeCloseTo(expected, 6);
  });

  it('makes 128 MB 13.8 times slower than 1,769 MB, the ratio the article measures', () => {
    const ratio =
      vcpusForMemory({ memorySizeMB: 1769, hostCores: 8 }) / vcpusForMemory({ memorySizeMB: 128, hostCores: 8 });

    expect(ratio).toBeCloseTo(13.82, 2);
  });
});

describe('Function: initVcpusFor', () => {
  it.each([
    ['128 MB on 8 cores inits on the two vCPUs Lambda shows up to 3,008 MB', 128 / 1769, 8, 2],
    ['3,008 MB inits on two', 1 + ((3008 - 1769) * 5) / (10240 - 1769), 8, 2],
    ['10,240 MB inits on its six', 6, 8, 6],
    ['a one-core host caps it', 128 / 1769, 1, 1],
  ])('%s', (_label, vcpus, hostCores, expected) => {
    expect(initVcpusFor({ vcpus, hostCores })).toBeCloseTo(expected, 6);
  });
});

describe('Function: cfsQuotaFor', () => {
  it.each([
    [1, 20_000],
    [2, 40_000],
    [128 / 1769, 1447],
    [0.01, 1000],
  ])(
    'holds %f vCPUs with a quota of %d µs per 20 ms period (never below the kernel minimum 1 ms)',
    (vcpus, quotaUs) => {
      expect(cfsQuotaFor(vcpus)).toEqual({ periodUs: 20_000, quotaUs });
    },
  );
});

describe('Function: virtualDurationMs', () => {
  it.each([
    // The first period's quota (vcpus × 20 ms) runs at full speed, the rest at vcpus.
    ['single-threaded CPU-bound at half a vCPU takes about twice as long', 100, 100, 0.5, 10 + 90 / 0.5],
    [
      'single-threaded CPU-bound at 128 MB takes about 13.8 times as long',
      1000,
      1000,
      128 / 1769,
      1.447 + 998.553 / (128 / 1769),
    ],
    ['single-threaded CPU-bound above one vCPU is unchanged', 100, 100, 2, 100],
    ['waiting only is unchanged at any size', 100, 0, 0.1, 100],
    ['half waiting, half CPU stretches only the CPU part', 100, 50, 0.5, 50 + 10 + 40 / 0.5],
    ['two busy threads at one vCPU take about twice as long', 100, 200, 1, 20 / 2 + 180],
    ['two busy threads at two vCPUs are unchanged', 100, 200, 2, 100],
    ["a no-op's millisecond at 128 MB fits one period's quota and is unchanged", 1.2, 1, 128 / 1769, 1.2],
    ['a burst just over the quota waits for the next periods', 3, 3, 128 / 1769, 1.447 + 1.553 / (128 / 1769)],
  ])('%s', (_label, wallMs, cpuMs, vcpus, expected) => {
    expect(virtualDurationMs({ wallMs, cpuMs, vcpus })).toBeCloseTo(expected, 1);
  });
});
