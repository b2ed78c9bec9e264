import { describe, expect, it } from 'vitest';
import { currencySymbol, formatMoney, formatPrice } from '../../../../src/core/index.js';

describe('Function: formatMoney', () => {
  it.each([
    [2.0833e-6, 'USD', '$0.000002083'],
    [2.0833e-7, 'USD', '$0.0000002083'],
    [0.00045, 'USD', '$0.0004500'],
    [2.1, 'USD', '$2.10'],
    [12345.678, 'USD', '$12,345.68'],
    [0, 'USD', '$0.00'],
    [-3.1, 'USD', '-$3.10'],
    [3.5, 'CNY', '¥3.50'],
    [3.5, 'EUR', 'EUR 3.50'],
  ])('formats %d %s as %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });
});

describe('Function: formatPrice', () => {
  it.each([
    [8.484e-7, 'USD', '$0.0000008484'],
    [6.867, 'USD', '$6.867'],
    [6.6, 'USD', '$6.600'],
    [12345, 'USD', '$12345'],
    [6.45, 'CNY', '¥6.450'],
    [0, 'USD', '$0'],
  ])('formats %d %s with four significant digits as %s', (amount, currency, expected) => {
    expect(formatPrice(amount, currency)).toBe(expected);
  });
});

describe('Function: currencySymbol', () => {
  it.each([
    ['USD', '$'],
    ['CNY', '¥'],
    ['EUR', 'EUR '],
  ])('returns the symbol of %s as "%s"', (currency, expected) => {
    expect(currencySymbol(currency)).toBe(expected);
  });
});
