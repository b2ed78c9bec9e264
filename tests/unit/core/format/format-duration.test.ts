import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../src/core/index.js';

describe('Function: formatDuration, table style (the default)', () => {
  it.each([
    [402.9533333, '402.95 ms'],
    [0.5, '0.50 ms'],
    [999.994, '999.99 ms'],
    [1000, '1 s'],
    [1234, '1.23 s'],
    [12_345, '12.3 s'],
    [90_000, '1.5 min'],
    [Number.NaN, '—'],
    [undefined, '—'],
  ])('returns %s ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('Function: formatDuration, axis style', () => {
  it.each([
    [330.14, '330 ms'],
    [4.26, '4.3 ms'],
    [11_936, '11.9 s'],
  ])('returns %s ms as %s for an axis label', (ms, expected) => {
    expect(formatDuration(ms, { style: 'axis' })).toBe(expected);
  });
});

describe('Function: formatDuration, sentence style', () => {
  it.each([
    [1.84, '1.8 ms'],
    [2163.4, '2,163 ms'],
    [35015, '35.0 s'],
    [undefined, '—'],
  ])('returns %s ms as %s', (ms, expected) => {
    expect(formatDuration(ms, { style: 'sentence' })).toBe(expected);
  });
});
