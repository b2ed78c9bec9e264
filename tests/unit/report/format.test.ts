import { describe, expect, it } from 'vitest';
import {
  formatChange,
  formatDuration,
  formatDurationShort,
  formatFactor,
  formatMoney,
  formatPerMillion,
  formatPrice,
} from '../../../src/report/index.js';

describe('Function: formatDuration', () => {
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

describe('Function: formatDurationShort', () => {
  it.each([
    [330.14, '330 ms'],
    [4.26, '4.3 ms'],
    [11_936, '11.9 s'],
  ])('returns %s ms as %s for an axis label', (ms, expected) => {
    expect(formatDurationShort(ms)).toBe(expected);
  });
});

describe('Function: formatPrice', () => {
  it.each([
    [8.484e-7, 'USD', '$0.0000008484'],
    [8.568e-7, 'USD', '$0.0000008568'],
    [0.00005537, 'USD', '$0.00005537'],
    [0.0000045515, 'CNY', '¥0.000004552'],
    [0.0012, 'EUR', 'EUR 0.001200'],
    [0, 'USD', '$0'],
  ])('returns %s %s as %s', (value, currency, expected) => {
    expect(formatPrice(value, currency)).toBe(expected);
  });
});

describe('Function: formatMoney', () => {
  it.each([
    [0.8484, 'USD', '$0.85'],
    [1234.5, 'USD', '$1,234.50'],
    [0.002893, 'USD', '$0.002893'],
    [21.9, 'CNY', '¥21.90'],
  ])('returns %s %s as %s', (value, currency, expected) => {
    expect(formatMoney(value, currency)).toBe(expected);
  });

  it('returns the cost of one million invocations from a per-invocation price', () => {
    expect(formatPerMillion(8.484e-7, 'USD')).toBe('$0.85');
  });
});

describe('Function: formatChange', () => {
  it.each([
    [-0.139, '−13.9%'],
    [0.05, '+5.0%'],
    [0.00001, '±0.0%'],
    [undefined, '—'],
  ])('returns %s as %s', (ratio, expected) => {
    expect(formatChange(ratio)).toBe(expected);
  });

  it('returns a speed-up factor with one decimal and a multiplication sign', () => {
    expect(formatFactor(14.23)).toBe('14.2×');
  });
});
