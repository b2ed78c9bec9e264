import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, getLambdaPrice, validateInput } from '../../../../src/core/index.js';
import type { AnalyzeFacts, InvocationSample, TuningInput } from '../../../../src/core/index.js';
import {
  describeMonthlySaving,
  formatInvocationCount,
  monthlyBill,
} from '../../../../src/core/analysis/monthly-bill.js';

const PRICE = getLambdaPrice({ region: 'us-east-1', architecture: 'x86_64' });
/** us-east-1 x86_64, from the AWS Lambda pricing page: first tier per GB-s, and per request. */
const GB_S = 0.0000166667;
const REQUEST = 2e-7;
const FACTS: AnalyzeFacts = {
  runId: 'r1',
  functionName: 'orders',
  region: 'us-east-1',
  architecture: 'x86_64',
  originalMemoryMB: 1024,
  backend: 'aws',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  totalInvocations: 40,
};

/** Ten warm samples of exactly `durationMs` (billed the same). */
const warmSamples = (power: number, durationMs: number): InvocationSample[] =>
  Array.from({ length: 10 }, (_, i) => ({
    power,
    coldStart: false,
    report: {
      requestId: `${power}-${i}`,
      durationMs,
      billedDurationMs: durationMs,
      memorySizeMB: power,
      maxMemoryUsedMB: 60,
    },
  }));

/** Single-threaded CPU-bound curve: 128 MB 3,200 ms … 1,024 MB 400 ms, 2,048 MB 400 ms. */
const cpuCurve = (): InvocationSample[] => [
  ...warmSamples(128, 3200),
  ...warmSamples(512, 800),
  ...warmSamples(1024, 400),
  ...warmSamples(2048, 400),
];

const input = (overrides: Record<string, unknown> = {}): TuningInput =>
  validateInput({ lambdaARN: 'orders', num: 10, powerValues: [128, 512, 1024, 2048], ...overrides });

describe('Function: analyze (constraints)', () => {
  it('picks the cheapest size among those meeting a duration limit', () => {
    // Prepare: 128, 512 and 1,024 MB cost the same per invocation; only 1,024 MB and up run within 500 ms.
    // Act
    const result = analyze({ samples: cpuCurve(), input: input({ maxDuration: 500 }), price: PRICE, facts: FACTS });
    // Assess
    expect(result.power).toBe(1024);
    expect(result.recommendation.constraints).toMatchObject({ maxDurationMs: 500, satisfied: true });
    expect(result.recommendation.constraints?.rejected.map((r) => r.power)).toEqual([128, 512]);
  });

  it('applies the chosen percentile', () => {
    // Prepare: 512 MB is usually 300 ms but its slowest 10% take 900 ms.
    const samples = [
      ...warmSamples(128, 3200),
      ...Array.from({ length: 20 }, (_, i) => ({ ...warmSamples(512, i >= 18 ? 900 : 300)[0]!, power: 512 })),
      ...warmSamples(1024, 400),
    ];
    // Act
    const p50 = analyze({ samples, input: input({ maxDuration: 500, percentile: 'p50' }), price: PRICE, facts: FACTS });
    const p99 = analyze({ samples, input: input({ maxDuration: 500, percentile: 'p99' }), price: PRICE, facts: FACTS });
    // Assess
    expect(p50.power).toBe(512);
    expect(p99.power).toBe(1024);
  });

  it('says that no size meets the constraints, size by size, and recommends nothing in the sentence', () => {
    // Act
    const result = analyze({
      samples: cpuCurve(),
      input: input({ maxDuration: 100, maxCostPerMillion: 1 }),
      price: PRICE,
      facts: FACTS,
    });
    // Assess
    expect(result.recommendation.constraints?.satisfied).toBe(false);
    expect(result.recommendation.sentence).toMatch(
      /^No memory size meets the constraints: 128 MB: p95 duration 3200\.0 ms is above the 100 ms limit; cost per 1M invocations \$6\.867 is above the \$1\.000 limit; 512 MB/,
    );
    expect(result.recommendation.sentence).toMatch(/Relax --max-duration \/ --max-cost-per-million/);
    expect(result.recommendation.explanation).toBeUndefined();
  });
});

describe('Function: analyze (monthly bill)', () => {
  it('prices every size per month with the tiered prices and states the saving vs the current size', () => {
    // Act
    const result = analyze({
      samples: cpuCurve(),
      input: input({ invocationsPerMonth: 10_000_000 }),
      price: PRICE,
      facts: FACTS,
    });
    // Assess: 512 MB × 0.8 s = 0.4 GB-s per invocation → 4,000,000 GB-s/month.
    const at512 = result.sizes.find((s) => s.value === 512)?.monthly;
    expect(at512?.gbSeconds).toBeCloseTo(4_000_000, 6);
    expect(at512?.total).toBeCloseTo(4_000_000 * GB_S + 10_000_000 * REQUEST, 6); // $68.67
    // 1,024 MB (current) × 0.4 s = the same 0.4 GB-s: same bill; 2,048 MB × 0.4 s = 0.8 GB-s → $135.33.
    const at2048 = result.sizes.find((s) => s.value === 2048)?.monthly;
    expect(at2048?.total).toBeCloseTo(8_000_000 * GB_S + 10_000_000 * REQUEST, 6);
    expect(result.recommendation.monthly?.currentMemoryMB).toBe(1024);
  });

  it('subtracts the free tier when asked: 1M requests and 400,000 GB-s', () => {
    // Act
    const result = analyze({
      samples: cpuCurve(),
      input: input({ invocationsPerMonth: 2_000_000, freeTier: true }),
      price: PRICE,
      facts: FACTS,
    });
    // Assess: 128 MB × 3.2 s = 0.4 GB-s; × 2M = 800,000 GB-s − 400,000 free; 2M − 1M free requests.
    const bill = result.sizes.find((s) => s.value === 128)?.monthly;
    expect(bill?.freeTier).toBe(true);
    expect(bill?.gbSeconds).toBeCloseTo(400_000, 6);
    expect(bill?.total).toBeCloseTo(400_000 * GB_S + 1_000_000 * REQUEST, 8); // $6.87
  });

  it('applies the cheaper second tier beyond 6 billion GB-s a month', () => {
    // Prepare: 10,240 MB × 1 s = 10 GB-s per invocation, 1B invocations = 10B GB-s.
    const size = { value: 10_240, billedDuration: { trimmedMean: 1000 } } as never;
    // Act
    const bill = monthlyBill({ size, invocationsPerMonth: 1_000_000_000, price: PRICE, includeRequestCharge: false });
    // Assess: 6B at $0.0000166667 + 4B at $0.0000150000
    expect(bill.total).toBeCloseTo(6e9 * GB_S + 4e9 * 0.000015, 2);
  });

  it('puts the saving in the recommendation sentence when the current size costs more', () => {
    // Prepare: the function runs at 2,048 MB today.
    const facts = { ...FACTS, originalMemoryMB: 2048 };
    // Act
    const result = analyze({
      samples: cpuCurve(),
      input: input({ invocationsPerMonth: 10_000_000 }),
      price: PRICE,
      facts,
    });
    // Assess: 128, 512 and 1,024 MB all cost 0.4 GB-s per invocation; the cost tie goes to the fastest, 1,024 MB.
    const saving = 8_000_000 * GB_S - 4_000_000 * GB_S; // $66.67
    expect(result.recommendation.monthly?.saving).toBeCloseTo(saving, 6);
    expect(result.recommendation.sentence).toContain(
      `saves $${saving.toFixed(2)}/month vs 2,048 MB at 10M invocations/month`,
    );
  });

  it('says how to get the saving when the current size was not measured', () => {
    // Act
    const result = analyze({
      samples: cpuCurve(),
      input: input({ invocationsPerMonth: 10_000_000 }),
      price: PRICE,
      facts: { ...FACTS, originalMemoryMB: 3008 },
    });
    // Assess
    expect(result.recommendation.monthly?.saving).toBeUndefined();
    expect(result.recommendation.sentence).toMatch(
      /the current 3,008 MB was not measured, so add it to the power values to see the saving/,
    );
  });
});

describe('Function: describeMonthlySaving', () => {
  const bill = (total: number): ReturnType<typeof monthlyBill> => ({
    invocationsPerMonth: 1e7,
    freeTier: false,
    gbSeconds: 0,
    computeCost: total,
    requestCost: 0,
    total,
  });

  it.each([
    {
      recommended: 100,
      current: 223.45,
      expected: 'saves $123.45/month vs 1,024 MB at 10M invocations/month ($100.00 instead of $223.45)',
    },
    {
      recommended: 103.1,
      current: 100,
      expected: 'costs $3.10/month more than 1,024 MB at 10M invocations/month ($103.10 instead of $100.00)',
    },
    {
      recommended: 100,
      current: 100.001,
      expected: 'it costs the same as the current 1,024 MB at 10M invocations/month ($100.00/month)',
    },
  ])('returns "$expected" when the bill goes from $current to $recommended', ({ recommended, current, expected }) => {
    expect(
      describeMonthlySaving({
        recommended: bill(recommended),
        recommendedMemoryMB: 512,
        current: bill(current),
        currentMemoryMB: 1024,
        invocationsPerMonth: 1e7,
        currency: 'USD',
      }),
    ).toBe(expected);
  });

  it.each([
    [750, '750'],
    [1_000, '1K'],
    [2_500_000, '2.5M'],
    [10_000_000, '10M'],
    [3_000_000_000, '3B'],
  ])('formats %i invocations as %s', (count, text) => {
    expect(formatInvocationCount(count)).toBe(text);
  });
});

describe('Function: analyze (explanation and statistics)', () => {
  it('classifies the curve and explains the recommendation in sentences with numbers', () => {
    // Prepare: duration ∝ 1/memory up to one vCPU (1,769 MB), flat above it.
    const sizes = [128, 512, 1024, 1769, 3538];
    const samples = sizes.flatMap((power) => warmSamples(power, Math.round((1769 * 400) / Math.min(power, 1769))));
    // Act
    const result = analyze({
      samples,
      input: input({ strategy: 'speed', powerValues: sizes }),
      price: PRICE,
      facts: FACTS,
    });
    // Assess: speed ties 1,769 and 3,538 MB; the cheaper one wins.
    expect(result.recommendation.pattern).toBe('cpu-single-thread');
    expect(result.recommendation.patternConfidence).toBeGreaterThan(0.5);
    expect(result.recommendation.explanation?.[0]).toMatch(
      /^CPU-bound, single-threaded: 1,769 MB runs 13\.8× faster than 128 MB and costs the same; above 1,769 MB it gains nothing because it uses one core\.$/,
    );
  });

  it('reports every statistic (percentiles, spread, interval, cold starts) for each size', () => {
    // Prepare: one cold start, one allowed error, a size close to its memory limit.
    const samples: InvocationSample[] = [
      {
        power: 128,
        coldStart: true,
        report: {
          durationMs: 900,
          billedDurationMs: 1200,
          memorySizeMB: 128,
          maxMemoryUsedMB: 120,
          initDurationMs: 300,
        },
      },
      ...warmSamples(128, 800).map((s) => ({ ...s, report: { ...s.report!, maxMemoryUsedMB: 121 } })),
      {
        power: 128,
        coldStart: false,
        error: { type: 'HandledError', message: 'no' },
        allowedError: true,
        report: { durationMs: 800, billedDurationMs: 800 },
      },
      ...warmSamples(256, 300),
    ];
    // Act
    const result = analyze({
      samples,
      input: input({ powerValues: [128, 256], allowedExceptions: ['HandledError'] }),
      price: PRICE,
      facts: FACTS,
    });
    // Assess
    const size = result.sizes.find((s) => s.value === 128);
    expect(Object.keys(size?.duration ?? {}).sort()).toEqual(
      ['ci95', 'count', 'max', 'mean', 'min', 'p50', 'p90', 'p95', 'p99', 'stddev', 'trimmedMean'].sort(),
    );
    expect(size?.coldStarts.count).toBe(1);
    expect(size?.coldStarts.initDuration?.mean).toBe(300);
    expect(size?.maxMemoryUsedMB).toBe(121);
    expect(size?.memoryWarning).toMatch(/121 MB is 95% of 128 MB/);
    expect(size?.errors).toEqual({ HandledError: 1 });
    expect(result.recommendation.significant).toBe(true);
  });
});

describe('Function: analyze (property)', () => {
  it('recommends a measured, non-failed size within the limits whenever it says the constraints are met', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(128, 256, 512, 1024, 2048, 3008), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.boolean(),
        (sizes, durations, maxDuration, failFirst) => {
          const samples = sizes.flatMap((power, i) =>
            i === 0 && failFirst
              ? [{ power, coldStart: false, error: { type: 'Boom', message: 'x' } }]
              : warmSamples(power, durations[i] ?? 1),
          );
          let result;
          try {
            result = analyze({
              samples,
              input: input({ powerValues: sizes, maxDuration }),
              price: PRICE,
              facts: FACTS,
            });
          } catch {
            return sizes.length === 1 && failFirst; // every size failed
          }
          const chosen = result.sizes.find((size) => size.value === result.power);
          if (result.recommendation.constraints?.satisfied === true) {
            expect(chosen?.status).toBe('ok');
            expect(chosen?.duration.p95).toBeLessThanOrEqual(maxDuration);
          } else {
            expect(result.sizes.every((size) => size.status === 'failed' || size.duration.p95 > maxDuration)).toBe(
              true,
            );
          }
          return true;
        },
      ),
      { numRuns: 150 },
    );
  });
});
