import { describe, expect, it } from 'vitest';
import {
  buildCandidateGrid,
  DEFAULT_COARSE_SIZES_MB,
  midpointBetween,
  VCPU_BOUNDARIES_MB,
} from '../../../../src/core/search/index.js';

describe('Constant: VCPU_BOUNDARIES_MB', () => {
  it('lists the memory sizes of 1 to 6 vCPUs, capped at 10,240 MB', () => {
    expect(VCPU_BOUNDARIES_MB).toEqual([1769, 3538, 5307, 7076, 8845, 10240]);
  });
});

describe('Constant: DEFAULT_COARSE_SIZES_MB', () => {
  it('covers 128 MB to 10,240 MB including every vCPU boundary', () => {
    expect(DEFAULT_COARSE_SIZES_MB[0]).toBe(128);
    expect(DEFAULT_COARSE_SIZES_MB.at(-1)).toBe(10240);
    for (const boundary of VCPU_BOUNDARIES_MB) expect(DEFAULT_COARSE_SIZES_MB).toContain(boundary);
  });
});

describe('Function: buildCandidateGrid', () => {
  it('returns the 64 MB steps from 128 MB plus the vCPU boundaries when the granularity is 64', () => {
    // Act
    const grid = buildCandidateGrid({ granularityMB: 64 });
    // Assess: 128..10240 step 64 is 159 sizes; 1769, 3538, 5307, 7076 and 8845 are off that grid.
    expect(grid).toHaveLength(159 + 5);
    expect(grid.slice(0, 3)).toEqual([128, 192, 256]);
    expect(grid).toContain(1769);
    expect(grid.at(-1)).toBe(10240);
  });

  it('returns every valid size when the granularity is 1 MB', () => {
    const grid = buildCandidateGrid({ granularityMB: 1 });
    expect(grid).toHaveLength(10240 - 128 + 1);
  });

  it('returns sorted unique sizes within Lambda limits, with extra sizes merged in', () => {
    const grid = buildCandidateGrid({ granularityMB: 1000, extraSizes: [300, 300, 100, 20000] });
    expect(grid).toContain(300);
    expect(grid).not.toContain(100);
    expect(grid).not.toContain(20000);
    expect([...grid].sort((a, b) => a - b)).toEqual(grid);
    expect(new Set(grid).size).toBe(grid.length);
  });
});

describe('Function: midpointBetween', () => {
  const grid = [128, 192, 256, 320, 384, 448, 512];

  it.each([
    [128, 512, 320],
    [512, 128, 320],
    [128, 384, 256],
    [256, 512, 384],
    [128, 256, 192],
  ])('returns the grid size nearest the middle of %i and %i', (from, to, expected) => {
    expect(midpointBetween({ grid, from, to })).toBe(expected);
  });

  it('returns undefined when the two sizes are neighbours on the grid', () => {
    expect(midpointBetween({ grid, from: 192, to: 256 })).toBeUndefined();
  });
});
