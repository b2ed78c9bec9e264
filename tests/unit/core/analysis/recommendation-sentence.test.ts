import { describe, expect, it } from 'vitest';
import { recommendationSentence } from '../../../../src/core/index.js';

const point = (value: number, averageDuration: number, averagePrice: number) => ({
  value,
  averageDuration,
  averagePrice,
});

describe('Function: recommendationSentence', () => {
  it.each([
    // [winner, baseline, strategy, sentence]
    [point(1536, 100, 0.861), point(128, 1420, 1), 'speed', '1,536 MB: 14.2× faster and 13.9% cheaper than 128 MB'],
    [point(1024, 100, 1.12), point(128, 310, 1), 'speed', '1,024 MB: 3.1× faster and 12.0% more expensive than 128 MB'],
    [point(512, 200, 0.8), point(128, 100, 1), 'cost', '512 MB: 2.0× slower and 20.0% cheaper than 128 MB'],
    [point(512, 101, 0.9), point(128, 100, 1), 'cost', '512 MB: as fast as 128 MB and 10.0% cheaper'],
    [point(512, 50, 1), point(128, 100, 1), 'speed', '512 MB: 2.0× faster than 128 MB at the same cost'],
    [point(512, 100, 1), point(128, 100, 1), 'balanced', '512 MB: the same speed and cost as 128 MB'],
  ] as const)('describes %j against %j', (winner, baseline, strategy, sentence) => {
    expect(recommendationSentence({ winner, baseline, strategy, completed: 2 })).toBe(sentence);
  });

  it.each([
    ['cost', 'the cheapest'],
    ['speed', 'the fastest'],
    ['balanced', 'the best balance of cost and speed'],
  ] as const)('says when the smallest size is also %s', (strategy, superlative) => {
    expect(
      recommendationSentence({ winner: point(128, 100, 1), baseline: point(128, 100, 1), strategy, completed: 3 }),
    ).toBe(`128 MB: the smallest size tested is also ${superlative}`);
  });

  it('says when a single size completed', () => {
    expect(
      recommendationSentence({
        winner: point(256, 100, 1),
        baseline: point(256, 100, 1),
        strategy: 'cost',
        completed: 1,
      }),
    ).toBe('256 MB is the only size that completed');
  });
});
