import { describe, expect, it } from 'vitest';
import {
  describeCostChange,
  describeSpeedChange,
  formatMemory,
  formatPercent,
  formatRatio,
} from '../../../../src/core/index.js';

describe('Function: formatMemory / formatRatio / formatPercent', () => {
  it('formats sizes, ratios and percentages for sentences', () => {
    expect(formatMemory(1536)).toBe('1,536 MB');
    expect(formatRatio(14.1666)).toBe('14.2×');
    expect(formatPercent(-13.94)).toBe('13.9%');
  });
});

describe('Function: formatMemory', () => {
  it.each([
    [128, '128 MB'],
    [1536, '1,536 MB'],
    [10240, '10,240 MB'],
  ])('formats %i as %s', (value, expected) => {
    expect(formatMemory(value)).toBe(expected);
  });
});

describe('Function: describeSpeedChange', () => {
  it.each([
    [100, 310, 'faster', '3.1× faster'],
    [200, 100, 'slower', '2.0× slower'],
    [100, 103, 'same', 'as fast'],
    [0, 100, 'same', 'as fast'],
  ])('describes %s ms against %s ms', (durationMs, baselineMs, kind, text) => {
    expect(describeSpeedChange({ durationMs, baselineMs })).toEqual({ kind, text });
  });
});

describe('Function: describeCostChange', () => {
  it.each([
    [0.861, 1, 'cheaper', '13.9% cheaper'],
    [1.12, 1, 'more expensive', '12.0% more expensive'],
    [1.0004, 1, 'same', 'the same cost'],
  ])('describes %s against %s', (cost, baselineCost, kind, text) => {
    expect(describeCostChange({ cost, baselineCost })).toEqual({ kind, text });
  });
});

describe('Function: describeSpeedChange (wording shared with the explanation)', () => {
  it.each([
    [2450, 35000, '14.3× faster'],
    [100, 123, '1.2× faster'],
    [100, 100.5, 'as fast'],
    [112, 100, '1.1× slower'],
    [300, 100, '3.0× slower'],
    [0, 100, 'as fast'],
  ])('describes %d ms against %d ms as "%s"', (durationMs, baselineMs, expected) => {
    expect(describeSpeedChange({ durationMs, baselineMs }).text).toBe(expected);
  });
});
