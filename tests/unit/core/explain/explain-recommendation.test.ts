import { describe, expect, it } from 'vitest';
import {
  classifyPattern,
  describeCost,
  explainRecommendation,
  UnknownSizeError,
} from '../../../../src/core/explain/index.js';
import { formatDuration } from '../../../../src/core/index.js';

/** Sizes priced like Lambda x86 without the request charge: GB × s × $0.0000166667. */
const priced = (
  pairs: Array<[number, number]>,
): Array<{ value: number; averageDuration: number; averagePrice: number }> =>
  pairs.map(([value, averageDuration]) => ({
    value,
    averageDuration,
    averagePrice: (value / 1024) * (averageDuration / 1000) * 0.0000166667,
  }));

// The article's prime-number example (pattern 3).
const PRIMES = priced([
  [128, 35000],
  [256, 17000],
  [512, 8500],
  [1024, 4300],
  [1536, 2450],
  [3008, 2050],
]);
// The article's third-party API example (pattern 4).
const API = priced([
  [128, 300],
  [256, 270],
  [512, 255],
  [1024, 250],
  [1536, 250],
  [3008, 250],
]);
// The article's three DynamoDB queries (pattern 5).
const DYNAMO = priced([
  [128, 350],
  [256, 160],
  [512, 45],
  [1024, 35],
  [1536, 32],
  [3008, 28],
]);

describe('Function: explainRecommendation', () => {
  it('explains a single-threaded CPU-bound winner with its speed-up, saving and the one-core limit', () => {
    // Prepare: 35000/2450 = 14.3x; 1536×2450 / (128×35000) = 0.84 → 16.0% less;
    // 3008 MB: 2450/2050 = 1.195 → 1.2× faster, 3008×2050 / (1536×2450) = 1.639 → 63.9% more.
    // Price: 1.5 GB × 2.45 s × $0.0000166667 = $0.00006125 per invocation.
    const pattern = classifyPattern(PRIMES);
    // Act
    const sentences = explainRecommendation({
      sizes: PRIMES,
      winner: 1536,
      pattern,
      strategy: 'cost',
      currency: 'USD',
    });
    // Assess
    expect(sentences).toEqual([
      'CPU-bound, single-threaded: 1,536 MB runs 14.3× faster than 128 MB and costs 16.0% less; above 1,769 MB it gains nothing because it uses one core.',
      'Picked for the lowest cost: 2,450 ms on average, $0.00006125 per invocation ($61.25 per 1M invocations).',
      'The fastest size, 3,008 MB, runs 1.2× faster than 1,536 MB and costs 63.9% more.',
    ]);
  });

  it('says when the smallest size is already the answer, with the flat curve in numbers', () => {
    const [headline] = explainRecommendation({
      sizes: API,
      winner: 128,
      pattern: classifyPattern(API),
      strategy: 'cost',
    });
    expect(headline).toBe(
      'Network-bound, flat: 128 MB is the smallest size measured and already the lowest cost; ' +
        'duration barely depends on memory (300 ms at 128 MB, 250 ms at 3,008 MB), so extra memory mostly adds cost.',
    );
  });

  it('offers the cheapest size as the alternative when optimising speed', () => {
    // Prepare: 512 MB is the cheapest (512×45 = 23,040 MB·ms, the lowest product)
    const sentences = explainRecommendation({
      sizes: DYNAMO,
      winner: 3008,
      pattern: classifyPattern(DYNAMO),
      strategy: 'speed',
    });
    // Assess: 512 MB: 45 vs 28 ms → 1.607 → 1.6× slower; 512×45 / (3008×28) = 0.2736 → 72.6% less
    expect(sentences[0]).toBe(
      'Network-bound, scales with power: 3,008 MB runs 12.5× faster than 128 MB and costs 88.0% more; the gains flatten out from about 512 MB.',
    );
    expect(sentences[1]).toMatch(/^Picked for the shortest duration: 28\.0 ms on average/);
    expect(sentences[2]).toBe('The cheapest size, 512 MB, runs 1.6× slower than 3,008 MB and costs 72.6% less.');
  });

  it('compares with the given baseline instead of the smallest size', () => {
    const [headline] = explainRecommendation({
      sizes: PRIMES,
      winner: 1536,
      baseline: 1024,
      pattern: 'cpu-single-thread',
      strategy: 'cost',
    });
    // 4300/2450 = 1.755 → 1.8× faster; 1536×2450 / (1024×4300) = 0.8547 → 14.5% less
    expect(headline).toMatch(
      /^CPU-bound, single-threaded: 1,536 MB runs 1\.8× faster than 1,024 MB and costs 14\.5% less;/,
    );
  });

  it('explains a trivial function with the billing-rounding reason', () => {
    const noop = priced([
      [128, 5],
      [256, 2],
      [512, 1.9],
      [1024, 1.8],
    ]);
    const [headline] = explainRecommendation({
      sizes: noop,
      winner: 256,
      pattern: classifyPattern(noop),
      strategy: 'balanced',
    });
    // 5/2 = 2.5x; 256×2 / (128×5) = 0.8 → 20.0% less
    expect(headline).toBe(
      'Trivial (no-op): 256 MB runs 2.5× faster than 128 MB and costs 20.0% less; it finishes in a few milliseconds at every size, so billing rounding and the request charge decide the cost.',
    );
  });

  it('claims no pattern below 60% confidence: says unclear, then gives the best guess with its evidence', () => {
    // Prepare: only two sizes below 1,769 MB — single vs multi-threaded is a guess
    const sizes = priced([
      [128, 8000],
      [1024, 1000],
    ]);
    // Act
    const sentences = explainRecommendation({
      sizes,
      winner: 1024,
      pattern: classifyPattern(sizes),
      strategy: 'speed',
    });
    // Assess
    expect(sentences[0]).toMatch(/^Pattern unclear: 1,024 MB runs 8\.0× faster than 128 MB/);
    expect(sentences.at(-1)).toMatch(
      /^It looks most like "CPU-bound, single-threaded", but only loosely \(confidence 50%: duration falls ∝ 1\/memory up to 1,769 MB .*\); measure more sizes to be sure\.$/,
    );
  });

  it('does not call a compute-only loop network-bound when it stops improving at once below one vCPU (a busy host)', () => {
    // Prepare: bench/functions/cpu-loop (trial division, one thread, no I/O) on the local emulator of a busy 2-core host
    const sizes = priced([
      [128, 1679.1],
      [256, 825.7],
      [512, 493.7],
      [1024, 499.3],
      [1536, 456.5],
      [3008, 464.9],
    ]);
    const pattern = classifyPattern(sizes);
    // Act
    const sentences = explainRecommendation({ sizes, winner: 256, pattern, strategy: 'cost' });
    // Assess
    expect(pattern).toMatchObject({ pattern: 'unknown', confidence: 0.4 });
    expect(sentences.join(' ')).not.toMatch(/network-bound/i);
    expect(sentences[0]).toMatch(/^Pattern unclear: 256 MB runs 2\.0× faster than 128 MB/);
    expect(sentences.at(-1)).toBe(
      'Why it behaves like this is unclear (confidence 40%): duration falls ∝ 1/memory up to 512 MB and then stops improving at once, below 1,769 MB: ' +
        'waiting on the network, or CPU the host could not give (a busy machine under the local emulator does this).',
    );
  });

  it('writes prices in the result currency', () => {
    const sentences = explainRecommendation({
      sizes: PRIMES,
      winner: 1536,
      pattern: 'unknown',
      strategy: 'cost',
      currency: 'CNY',
    });
    expect(sentences[0]).toMatch(/^Measured: 1,536 MB runs/);
    expect(sentences[1]).toContain('¥0.00006125 per invocation (¥61.25 per 1M invocations)');
  });

  it.each([1000, 16])('throws UnknownSizeError naming the measured sizes when %i MB was not measured', (missing) => {
    const explain = (): string[] =>
      explainRecommendation({ sizes: API, winner: missing, pattern: 'network-flat', strategy: 'cost' });
    expect(explain).toThrow(UnknownSizeError);
    expect(explain).toThrow(
      `Cannot explain ${missing} MB: it is not among the measured sizes [128, 256, 512, 1024, 1536, 3008]`,
    );
  });
});

describe('Function: formatDuration (sentence style)', () => {
  it.each([
    [1.84, '1.8 ms'],
    [99.96, '100.0 ms'],
    [2163.4, '2,163 ms'],
    [35015, '35.0 s'],
    [1234567, '1,234.6 s'],
  ])('formats %d ms as %s', (value, expected) => {
    expect(formatDuration(value, { style: 'sentence' })).toBe(expected);
  });
});

describe('Function: describeCost', () => {
  it.each([
    [0.861, 1, 'costs 13.9% less'],
    [1.23, 1, 'costs 23.0% more'],
    [1.0001, 1, 'costs the same'],
    [1, 0, 'costs the same'],
  ])('describes %d against %d as "%s"', (cost, baselineCost, expected) => {
    expect(describeCost({ cost, baselineCost })).toBe(expected);
  });
});
