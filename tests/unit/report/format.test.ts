import { describe, expect, it } from 'vitest';
import { formatMoney, formatPrice, formatRatio } from '../../../src/core/index.js';
import { formatChange, formatPerMillion } from '../../../src/report/index.js';

describe('Function: formatPrice', () => {
  it.each([
    [8.484e-7, 'USD', '$0.0000008484'],
    [8.568e-7, 'USD', '$0.0000008568'],
    [0.00005537, 'USD', '$0.00005537'],
    [0.0000045515, 'CNY', '¥0.000004552'],
    [0.0012, 'EUR', 'EUR 0.001200'],
    [0, 'USD', '$0'],
    [undefined, 'USD', '—'],
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
    expect(formatRatio(14.23)).toBe('14.2×');
  });
});
