import { describe, expect, it } from 'vitest';
import { describeCostChange, describeSpeedChange, formatMemory, formatPercent, formatRatio } from '../../../../src/core/index.js';

describe('Function: formatMemory / formatRatio / formatPercent', () => {
  it('formats sizes, ratios and percentages for sentences', () => {
    expect(formatMemory(1536)).toBe('1536 MB');
    expect(formatRatio(14.1666)).toBe('14.2x');
    expect(formatPercent(-13.94)).toBe('13.9%');
  });
});

describe('Function: describeSpeedChange', () => {
  it.each([
    [100, 310, 'faster', '3.1x faster'],
    [200, 100, 'slower', '2.0x slower'],
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
