import { describe, expect, it } from 'vitest';
import { describeNoEligibleSize, filterByConstraints } from '../../../../src/core/search/index.js';
import type { PowerStats, SeriesStats } from '../../../../src/core/types.js';

const series = ({ p50, p95, p99 }: { p50: number; p95: number; p99: number }): SeriesStats => ({
  count: 10,
  mean: p50,
  trimmedMean: p50,
  min: p50 / 2,
  max: p99,
  p50,
  p90: (p50 + p95) / 2,
  p95,
  p99,
  stddev: 1,
  ci95: [p50 - 1, p50 + 1],
});

const size = ({
  value,
  p50,
  p95,
  p99,
  costPerMillion,
  failureReason,
}: {
  value: number;
  p50: number;
  p95: number;
  p99: number;
  costPerMillion: number;
  failureReason?: string;
}): PowerStats => ({
  value,
  status: failureReason === undefined ? 'ok' : 'failed',
  ...(failureReason === undefined ? {} : { failureReason }),
  invocations: 10,
  averagePrice: costPerMillion / 1e6,
  averageDuration: p50,
  totalCost: (costPerMillion / 1e6) * 10,
  costPerMillion,
  duration: series({ p50, p95, p99 }),
  billedDuration: series({ p50, p95, p99 }),
  coldStarts: { count: 0 },
  errors: {},
  retries: 0,
  throttles: 0,
});

// A CPU-bound function: faster and slightly dearer as memory grows.
const SIZES = [
  size({ value: 128, p50: 3000, p95: 3400, p99: 4000, costPerMillion: 6.45 }),
  size({ value: 512, p50: 760, p95: 900, p99: 1300, costPerMillion: 6.53 }),
  size({ value: 1024, p50: 390, p95: 450, p99: 800, costPerMillion: 6.7 }),
  size({ value: 2048, p50: 200, p95: 260, p99: 300, costPerMillion: 6.9 }),
];

describe('Function: filterByConstraints', () => {
  it('returns every completed size as eligible when there are no constraints', () => {
    const { eligible, rejected } = filterByConstraints({ sizes: SIZES });
    expect(eligible.map((s) => s.value)).toEqual([128, 512, 1024, 2048]);
    expect(rejected).toEqual([]);
  });

  it.each([
    [{ maxDurationMs: 1000 }, [512, 1024, 2048]],
    [{ maxDurationMs: 1000, percentile: 'p50' as const }, [512, 1024, 2048]],
    [{ maxDurationMs: 1000, percentile: 'p99' as const }, [1024, 2048]],
    [{ maxDurationMs: 400, percentile: 'p50' as const }, [1024, 2048]],
    [{ maxCostPerMillion: 6.6 }, [128, 512]],
    [{ maxDurationMs: 1000, maxCostPerMillion: 6.6 }, [512]],
  ])('returns the sizes within %j', (constraints, expected) => {
    const { eligible, rejected } = filterByConstraints({ sizes: SIZES, constraints });
    expect(eligible.map((s) => s.value)).toEqual(expected);
    expect(rejected).toHaveLength(SIZES.length - expected.length);
  });

  it('says which limit each rejected size breaks, with the measured value', () => {
    // Act
    const { rejected } = filterByConstraints({
      sizes: SIZES,
      constraints: { maxDurationMs: 1000, percentile: 'p95', maxCostPerMillion: 6.6 },
    });
    // Assess
    expect(rejected).toEqual([
      { power: 128, reason: 'p95 duration 3400.0 ms is above the 1000 ms limit' },
      { power: 1024, reason: 'cost per 1M invocations $6.700 is above the $6.600 limit' },
      { power: 2048, reason: 'cost per 1M invocations $6.900 is above the $6.600 limit' },
    ]);
  });

  it('uses p95 when the constraint names no percentile', () => {
    // 512 MB: p95 900 ms is above 850 ms, although its p50 (760 ms) is not
    const { eligible } = filterByConstraints({ sizes: SIZES, constraints: { maxDurationMs: 850 } });
    expect(eligible.map((s) => s.value)).toEqual([1024, 2048]);
  });

  it('rejects failed sizes whatever the constraints, with their failure', () => {
    const failed = size({
      value: 256,
      p50: 1,
      p95: 1,
      p99: 1,
      costPerMillion: 0.1,
      failureReason: 'Runtime.OutOfMemory: killed',
    });
    const { eligible, rejected } = filterByConstraints({ sizes: [failed, ...SIZES] });
    expect(eligible.map((s) => s.value)).not.toContain(256);
    expect(rejected).toEqual([{ power: 256, reason: 'failed: Runtime.OutOfMemory: killed' }]);
  });

  it('names the currency when prices are not in dollars', () => {
    const { rejected } = filterByConstraints({
      sizes: SIZES.slice(0, 1),
      constraints: { maxCostPerMillion: 1 },
      currency: 'CNY',
    });
    expect(rejected[0]?.reason).toBe('cost per 1M invocations ¥6.450 is above the ¥1.000 limit');
  });
});

describe('Function: describeNoEligibleSize', () => {
  it('returns one sentence listing every size with its reason and the next step', () => {
    const { rejected } = filterByConstraints({ sizes: SIZES, constraints: { maxDurationMs: 100 } });
    const sentence = describeNoEligibleSize({ rejected });
    expect(sentence).toMatch(/^No memory size meets the constraints: 128 MB: p95 duration 3400\.0 ms/);
    expect(sentence).toContain('2048 MB: p95 duration 260.0 ms is above the 100 ms limit');
    expect(sentence).toContain('Relax --max-duration');
  });
});
