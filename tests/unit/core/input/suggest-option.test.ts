import { describe, expect, it } from 'vitest';
import { KNOWN_OPTIONS, levenshtein, suggestClosest, suggestOption } from '../../../../src/core/index.js';

describe('Function: levenshtein', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
    ['balanceWeight', 'balancedWeight', 1],
  ])('returns the edit distance of %s and %s', (a, b, expected) => {
    expect(levenshtein(a, b)).toBe(expected);
  });
});

describe('Function: suggestOption', () => {
  it.each([
    ['enableParallel', 'parallelInvocation'],
    ['balanceWeight', 'balancedWeight'],
    ['lambdaArn', 'lambdaARN'],
    ['stratgy', 'strategy'],
    ['discardTopBotom', 'discardTopBottom'],
    ['powerValue', 'powerValues'],
  ])('suggests a known option for %s', (name, expected) => {
    expect(suggestOption(name, KNOWN_OPTIONS)).toBe(expected);
  });

  it('suggests nothing for a name far from every option', () => {
    expect(suggestOption('zzzzzzzzzz', KNOWN_OPTIONS)).toBeUndefined();
  });
});

describe('Function: suggestClosest', () => {
  it('finds close command names and ignores distant ones', () => {
    expect(suggestClosest('tunee', ['tune', 'report', 'compare'])).toBe('tune');
    expect(suggestClosest('xyz', ['tune', 'report'])).toBeUndefined();
  });
});
