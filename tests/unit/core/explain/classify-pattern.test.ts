import { describe, expect, it } from 'vitest';
import { classifyPattern } from '../../../../src/core/explain/index.js';
import type { CurvePattern } from '../../../../src/core/explain/index.js';

const curve = (pairs: Array<[number, number]>): Array<{ value: number; averageDuration: number }> =>
  pairs.map(([value, averageDuration]) => ({ value, averageDuration }));
const REFERENCE_DEFAULTS = [128, 256, 512, 1024, 1536, 3008];
const WIDE = [128, 256, 512, 1024, 1769, 3538, 5307, 7076, 8845, 10240];
const UNEVEN = [128, 192, 320, 384, 448, 512, 1024, 1769, 10240];
const fromFormula = (sizes: number[], f: (power: number) => number): Array<[number, number]> =>
  sizes.map((p) => [p, f(p)]);
const cores = (p: number): number => Math.min(p, 1769) / 128;

describe('Function: classifyPattern', () => {
  // The article's six examples, read off its charts (ms at each size).
  it.each<[string, Array<[number, number]>, CurvePattern]>([
    [
      'no-op (5 ms → 2 ms)',
      [
        [128, 5],
        [256, 2],
        [512, 1.9],
        [1024, 1.8],
        [1536, 1.8],
        [3008, 1.8],
      ],
      'trivial',
    ],
    [
      'numpy inversion (10 s → 450 ms at 3 GB)',
      [
        [128, 10000],
        [256, 5000],
        [512, 2500],
        [1024, 1430],
        [1536, 950],
        [3008, 450],
      ],
      'cpu-multi-thread',
    ],
    [
      'prime numbers (35 s, 14x at 1.5 GB, 17x at 3 GB)',
      [
        [128, 35000],
        [256, 17000],
        [512, 8500],
        [1024, 4300],
        [1536, 2450],
        [3008, 2050],
      ],
      'cpu-single-thread',
    ],
    [
      'third-party API (~250 ms)',
      [
        [128, 300],
        [256, 270],
        [512, 255],
        [1024, 250],
        [1536, 250],
        [3008, 250],
      ],
      'network-flat',
    ],
    [
      '3 DynamoDB queries (350 → 45 → 28 ms)',
      [
        [128, 350],
        [256, 160],
        [512, 45],
        [1024, 35],
        [1536, 32],
        [3008, 28],
      ],
      'network-scaling',
    ],
    [
      '150 MB S3 download, one thread (~5 s)',
      [
        [512, 5500],
        [1024, 4470],
        [1536, 4400],
        [3008, 4300],
      ],
      'network-flat',
    ],
  ])('returns the article pattern of the %s example', (_name, pairs, expected) => {
    expect(classifyPattern(curve(pairs)).pattern).toBe(expected);
  });

  // Synthetic curves from formulas, on the reference's defaults, a wide coarse pass and the uneven sizes of an adaptive search.
  const formulas: Array<[CurvePattern, (p: number) => number]> = [
    ['trivial', (p) => 1 + 3 / cores(p)],
    ['cpu-single-thread', (p) => 20 + 30000 / cores(p)],
    ['cpu-multi-thread', (p) => (8000 / cores(p)) * (0.1 + 0.9 / Math.max(1, p / 1769))],
    ['network-flat', (p) => 180 + 40 / cores(p)],
    ['network-scaling', (p) => 25 + 325 / cores(p) ** 1.27],
  ];
  it.each(
    formulas.flatMap(([pattern, f]) =>
      [REFERENCE_DEFAULTS, WIDE, UNEVEN].map((sizes) => [pattern, sizes.join(','), fromFormula(sizes, f)] as const),
    ),
  )('returns %s for its synthetic curve measured at %s MB', (expected, _sizes, pairs) => {
    expect(classifyPattern(curve([...pairs])).pattern).toBe(expected);
  });

  it('returns cpu-single-thread for a real emulator curve whose knee falls between 1,536 and 3,008 MB', () => {
    // Prepare: the prime-sieve demo measured on the local service (npm run demo);
    // 1,769 MB lies between two measured sizes, so interpolating to it
    // understated the slope and this curve was once called network-bound.
    const measured: Array<[number, number]> = [
      [128, 594.42],
      [256, 271.5],
      [512, 123.31],
      [1024, 65.03],
      [1536, 45.55],
      [3008, 44.3],
    ];
    // Act
    const result = classifyPattern(measured.map(([value, averageDuration]) => ({ value, averageDuration })));
    // Assess
    expect(result.pattern).toBe('cpu-single-thread');
  });

  it('returns cpu-single-thread for an emulator curve whose 1,024 MB point reads 10% fast (elasticity 0.72 over 1,024 → 1,536 MB alone)', () => {
    // Prepare: another npm run demo; one noisy size near the knee once made
    // this CPU-bound sieve read as "network-bound, scales with power".
    const measured: Array<[number, number]> = [
      [128, 514.1],
      [256, 231.5],
      [512, 115.9],
      [1024, 53.23],
      [1536, 39.77],
      [3008, 38.42],
    ];
    // Act
    const result = classifyPattern(measured.map(([value, averageDuration]) => ({ value, averageDuration })));
    // Assess
    expect(result.pattern).toBe('cpu-single-thread');
  });

  it.each([
    [
      'a Math.sqrt loop',
      [
        [128, 234.3],
        [256, 117.2],
        [512, 72.3],
        [1024, 71.9],
        [1536, 72],
        [3008, 80.9],
      ],
    ],
    [
      'the prime sieve doing twice the work',
      [
        [128, 710.8],
        [256, 329.1],
        [512, 223.5],
        [1024, 224.2],
        [1536, 245],
        [3008, 223.5],
      ],
    ],
  ] as const)(
    'returns unknown, not network-bound, for %s that stops improving at once below one vCPU on a busy emulator host',
    (_name, measured) => {
      // Prepare: compute only, one thread; the busy 2-core host gave no more CPU from 512 MB up
      // Act
      const result = classifyPattern(measured.map(([value, averageDuration]) => ({ value, averageDuration })));
      // Assess
      expect(result).toMatchObject({ pattern: 'unknown', confidence: 0.4 });
      expect(result.evidence).toContain('stops improving at once, below 1,769 MB');
    },
  );

  it('returns the same pattern whatever the order of the sizes', () => {
    const pairs = fromFormula(WIDE, (p) => 20 + 30000 / cores(p)).reverse();
    expect(classifyPattern(curve(pairs)).pattern).toBe('cpu-single-thread');
  });

  it('returns high confidence far from every boundary and low confidence near one', () => {
    // Prepare: a textbook single-threaded curve, and one whose gains above 1,769 MB sit on the threshold
    const clear = classifyPattern(curve(fromFormula(WIDE, (p) => 30000 / cores(p))));
    const borderline = classifyPattern(
      curve(fromFormula(WIDE, (p) => (30000 / cores(p)) * Math.max(1, p / 1769) ** -0.35)),
    );
    // Assess
    expect(clear.confidence).toBeGreaterThanOrEqual(0.9);
    expect(borderline.confidence).toBeLessThan(0.6);
  });

  it('returns a guess with half confidence when no size above 1,769 MB was measured', () => {
    const result = classifyPattern(curve(fromFormula([128, 256, 512, 1024, 1536], (p) => 30000 / cores(p))));
    expect(result.pattern).toBe('cpu-single-thread');
    expect(result.confidence).toBe(0.5);
    expect(result.evidence).toContain('sizes above it were not measured');
  });

  it.each([
    [[] as Array<[number, number]>],
    [[[512, 100]] as Array<[number, number]>],
    [
      [
        [128, 0],
        [256, 0],
      ] as Array<[number, number]>,
    ],
  ])('returns unknown with zero confidence when fewer than two sizes have a duration (%j)', (pairs) => {
    expect(classifyPattern(curve(pairs))).toMatchObject({ pattern: 'unknown', confidence: 0 });
  });

  it('reports the features that decided, with the evidence in words', () => {
    // Act
    const result = classifyPattern(
      curve([
        [128, 350],
        [256, 160],
        [512, 45],
        [1024, 35],
        [1536, 32],
        [3008, 28],
      ]),
    );
    // Assess
    expect(result.features.speedup).toBe(12.5);
    expect(result.features.maxDurationMs).toBe(350);
    expect(result.features.flattensFromMB).toBe(512);
    expect(result.features.midElasticity).toBeLessThan(0.75);
    expect(result.evidence).toMatch(
      /^it gets 12\.5× faster but sub-linearly below 1,769 MB \(elasticity 0\.\d\d\) and flattens from 512 MB$/,
    );
  });
});
