import { describe, expect, it } from 'vitest';
import {
  DAYS_PER_MONTH,
  fleetSignals,
  functionMonthlyCost,
  rankFunctions,
  scannedFunction,
} from '../../../../src/core/fleet/index.js';
import type { FunctionUsage } from '../../../../src/core/fleet/index.js';

/** A month-long window, so invocations = invocations per month. */
const usage = (overrides: Partial<FunctionUsage> = {}): FunctionUsage => ({
  functionName: 'fn',
  region: 'us-east-1',
  memoryMB: 1024,
  architecture: 'x86_64',
  runtime: 'nodejs20.x',
  packageType: 'Zip',
  days: DAYS_PER_MONTH,
  invocations: 1_000_000,
  durationAvgMs: 100,
  durationP95Ms: 120,
  tunedBefore: true,
  ...overrides,
});

describe('Function: functionMonthlyCost', () => {
  it.each([
    ['first tier + request charge', usage(), 1.66667 + 0.2],
    ['average Duration rounded up to the billed ms', usage({ durationAvgMs: 99.2 }), 1.66667 + 0.2],
    ['arm64 price', usage({ architecture: 'arm64' }), 1.33334 + 0.2],
    ['request charge alone without duration', usage({ durationAvgMs: 0 }), 0.2],
    [
      'a 14-day window scaled to a month',
      usage({ days: 14, invocations: 14 * 1000, durationAvgMs: 1000 }),
      DAYS_PER_MONTH * 1000 * (0.0000166667 + 2e-7),
    ],
    // 1e9 × 1 s × 10 GB = 1e10 GB-s: 6e9 at the first tier, 4e9 at the second.
    [
      'the monthly tiers',
      usage({ invocations: 1e9, memoryMB: 10_240, durationAvgMs: 1000 }),
      6e9 * 0.0000166667 + 4e9 * 0.000015 + 200,
    ],
    ['no invocations', usage({ invocations: 0, durationAvgMs: undefined }), 0],
  ])('prices %s', (_name, input, expected) => {
    // Act
    const cost = functionMonthlyCost({ usage: input });
    // Assess
    expect(cost.total).toBeCloseTo(expected, 6);
    expect(cost.durationFromMetrics).toBe(true);
    expect(cost.initCost).toBe(0);
  });

  it('bills INIT at the logged cold-start rate and uses the logged billed duration', () => {
    // Prepare: 10% cold starts of 199.3 ms init (billed 200 ms) → 20 ms per invocation on average
    const input = usage({
      logs: { reports: 100, coldStarts: 10, initDurationAvgMs: 199.3, billedDurationAvgMs: 100, maxMemoryUsedMB: 300 },
    });
    // Act
    const cost = functionMonthlyCost({ usage: input });
    // Assess
    expect(cost.coldStartRate).toBe(0.1);
    expect(cost.computeCost).toBeCloseTo(1e6 * 0.12 * 0.0000166667, 8);
    expect(cost.initCost).toBeCloseTo(cost.computeCost / 6, 10);
    expect(cost.total).toBeCloseTo(cost.computeCost + 0.2, 10);
    expect(cost.durationFromMetrics).toBe(false);
  });

  it('leaves the free tier out by default and subtracts it when asked', () => {
    // Act
    const without = functionMonthlyCost({ usage: usage() });
    const withFree = functionMonthlyCost({ usage: usage(), freeTier: true });
    // Assess: 1M requests and 100,000 GB-s fit in the free 1M requests and 400,000 GB-s
    expect(without.total).toBeCloseTo(1.86667, 5);
    expect(withFree.total).toBe(0);
  });

  it('uses an estimated price for a region the catalog does not know', () => {
    expect(functionMonthlyCost({ usage: usage({ region: 'xx-nowhere-1' }) }).estimated).toBe(true);
  });
});

describe('Function: fleetSignals', () => {
  it.each([
    ['nothing worth saying', usage({ architecture: 'arm64' }), []],
    ['x86_64 where arm64 runs the runtime', usage(), ['arm64-available']],
    ['x86-only runtime', usage({ runtime: 'go1.x' }), []],
    ['container image', usage({ packageType: 'Image' }), []],
    ['never tuned', usage({ architecture: 'arm64', tunedBefore: false }), ['never-tuned']],
    [
      'above one vCPU with steady durations',
      usage({ architecture: 'arm64', memoryMB: 1770, durationP95Ms: 150 }),
      ['above-one-vcpu'],
    ],
    ['above one vCPU with a spread profile', usage({ architecture: 'arm64', memoryMB: 1770, durationP95Ms: 151 }), []],
    [
      'above Compute Optimizer memory',
      usage({ architecture: 'arm64', memoryMB: 2048, durationP95Ms: 400 }),
      ['outside-compute-optimizer'],
    ],
    [
      '49 invocations in 14 days',
      usage({ architecture: 'arm64', days: 14, invocations: 49 }),
      ['outside-compute-optimizer'],
    ],
    ['50 invocations in 14 days', usage({ architecture: 'arm64', days: 14, invocations: 50 }), []],
    [
      '3 in 1 day (42 in 14 days)',
      usage({ architecture: 'arm64', days: 1, invocations: 3 }),
      ['outside-compute-optimizer'],
    ],
    [
      'max memory used below half the configured size',
      usage({
        architecture: 'arm64',
        logs: { reports: 5, coldStarts: 0, initDurationAvgMs: 0, billedDurationAvgMs: 100, maxMemoryUsedMB: 511 },
      }),
      ['memory-underused'],
    ],
    [
      'max memory used at half the configured size',
      usage({
        architecture: 'arm64',
        logs: { reports: 5, coldStarts: 0, initDurationAvgMs: 0, billedDurationAvgMs: 100, maxMemoryUsedMB: 512 },
      }),
      [],
    ],
  ])('reports %s', (_name, input, codes) => {
    expect(fleetSignals({ usage: input }).map((signal) => signal.code)).toEqual(codes);
  });

  it('states facts, never a saving', () => {
    const all = fleetSignals({ usage: usage({ memoryMB: 3008, durationP95Ms: 100, tunedBefore: false }) });
    expect(all.map((s) => s.code)).toEqual([
      'above-one-vcpu',
      'arm64-available',
      'never-tuned',
      'outside-compute-optimizer',
    ]);
    for (const signal of all) expect(signal.message).not.toMatch(/sav/i);
  });
});

describe('Function: rankFunctions', () => {
  const rows = [
    scannedFunction({ usage: usage({ functionName: 'b', invocations: 10 }) }),
    scannedFunction({ usage: usage({ functionName: 'a', invocations: 1000 }) }),
    scannedFunction({ usage: usage({ functionName: 'c', invocations: 500, memoryMB: 4096 }) }),
  ];

  it.each([
    ['cost', ['c', 'a', 'b']],
    ['invocations', ['a', 'c', 'b']],
    ['memory', ['c', 'a', 'b']],
    ['name', ['a', 'b', 'c']],
  ] as const)('sorts by %s', (sort, names) => {
    expect(rankFunctions({ rows, sort }).map((row) => row.functionName)).toEqual(names);
  });

  it('sorts by average duration, slowest first, with a function that has no duration last', () => {
    // Prepare
    const timed = [
      scannedFunction({ usage: usage({ functionName: 'quick', durationAvgMs: 20 }) }),
      scannedFunction({ usage: usage({ functionName: 'unknown', durationAvgMs: undefined }) }),
      scannedFunction({ usage: usage({ functionName: 'slow', durationAvgMs: 900 }) }),
    ];

    // Act
    const ranked = rankFunctions({ rows: timed, sort: 'duration' });

    // Assess
    expect(ranked.map((row) => row.functionName)).toEqual(['slow', 'quick', 'unknown']);
  });

  it('breaks ties by name then region', () => {
    const tied = [
      scannedFunction({ usage: usage({ functionName: 'x', region: 'eu-west-1' }) }),
      scannedFunction({ usage: usage({ functionName: 'x', region: 'eu-central-1' }) }),
    ];
    expect(rankFunctions({ rows: tied }).map((row) => row.region)).toEqual(['eu-central-1', 'eu-west-1']);
  });
});
