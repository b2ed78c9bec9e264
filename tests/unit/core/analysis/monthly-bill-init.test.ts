import { describe, expect, it } from 'vitest';
import {
  analyze,
  describeMonthlySaving,
  getLambdaPrice,
  monthlyBill,
  validateInput,
} from '../../../../src/core/index.js';
import type { InvocationSample, PowerStats } from '../../../../src/core/index.js';

const price = getLambdaPrice({ region: 'us-east-1', architecture: 'x86_64' });
const GB_SECOND = price.pricePerGbSecond;

/** A size whose trimmed-mean billed duration is `billedMs`. */
const sizeOf = (value: number, billedMs: number): Pick<PowerStats, 'value' | 'billedDuration'> =>
  ({ value, billedDuration: { trimmedMean: billedMs } }) as Pick<PowerStats, 'value' | 'billedDuration'>;

describe('Function: monthlyBill — INIT of cold starts', () => {
  it.each<[string, { value: number; billedMs: number; initMs: number; rate: number; invocations: number }, number]>([
    // initCost = invocations × rate × ceil(init)/1000 s × GB × first-tier price
    [
      '1% of 10M at 1,024 MB, 300 ms INIT',
      { value: 1024, billedMs: 50, initMs: 300, rate: 0.01, invocations: 10_000_000 },
      100_000 * 0.3 * 1 * GB_SECOND,
    ],
    [
      'INIT rounds up to 1 ms like Billed Duration',
      { value: 512, billedMs: 20, initMs: 249.2, rate: 0.01, invocations: 1_000_000 },
      10_000 * 0.25 * 0.5 * GB_SECOND,
    ],
    [
      '5% of 1M at 128 MB',
      { value: 128, billedMs: 200, initMs: 800, rate: 0.05, invocations: 1_000_000 },
      50_000 * 0.8 * 0.125 * GB_SECOND,
    ],
    ['a 0 rate adds nothing', { value: 1024, billedMs: 50, initMs: 300, rate: 0, invocations: 10_000_000 }, 0],
  ])('adds %s', (_name, { value, billedMs, initMs, rate, invocations }, initCost) => {
    // Act
    const withInit = monthlyBill({
      size: sizeOf(value, billedMs),
      invocationsPerMonth: invocations,
      price,
      initDurationMs: initMs,
      coldStartRate: rate,
    });
    const warm = monthlyBill({ size: sizeOf(value, billedMs), invocationsPerMonth: invocations, price });
    // Assess
    expect(withInit.initCost).toBeCloseTo(initCost, 9);
    expect(withInit.total).toBeCloseTo(warm.total + initCost, 9);
    expect(withInit.requestCost).toBe(warm.requestCost);
    expect(warm).not.toHaveProperty('initCost');
  });

  it('uses a 1% cold-start rate by default', () => {
    const bill = monthlyBill({ size: sizeOf(1024, 50), invocationsPerMonth: 10_000_000, price, initDurationMs: 300 });
    expect(bill.initCost).toBeCloseTo(100_000 * 0.3 * GB_SECOND, 9);
  });

  it('lets INIT GB-seconds reach the cheaper tiers with the warm ones (tiers apply to the month total)', () => {
    // Prepare: 6B GB-s of warm duration fill the first tier; INIT is billed in the second.
    const invocations = 6_000_000_000;
    const bill = monthlyBill({
      size: sizeOf(1024, 1000),
      invocationsPerMonth: invocations,
      price,
      initDurationMs: 1000,
      coldStartRate: 0.01,
      includeRequestCharge: false,
    });
    const secondTier = price.tiers[1]?.pricePerGbSecond ?? Number.NaN;
    // Assess
    expect(bill.initCost).toBeCloseTo(invocations * 0.01 * secondTier, 2);
  });

  it('counts INIT against the free tier first, so a small workload still pays nothing', () => {
    const bill = monthlyBill({
      size: sizeOf(128, 10),
      invocationsPerMonth: 100_000,
      price,
      initDurationMs: 500,
      coldStartRate: 0.01,
      freeTier: true,
    });
    expect(bill.total).toBe(0);
    expect(bill.initCost).toBe(0);
  });
});

describe('Function: describeMonthlySaving — INIT in the sentence', () => {
  it('says how much of the bill is INIT and at what rate', () => {
    const recommended = monthlyBill({
      size: sizeOf(1024, 50),
      invocationsPerMonth: 10_000_000,
      price,
      initDurationMs: 300,
      coldStartRate: 0.01,
    });
    const current = monthlyBill({
      size: sizeOf(2048, 40),
      invocationsPerMonth: 10_000_000,
      price,
      initDurationMs: 250,
      coldStartRate: 0.01,
    });
    const sentence = describeMonthlySaving({
      recommended,
      recommendedMemoryMB: 1024,
      current,
      currentMemoryMB: 2048,
      invocationsPerMonth: 10_000_000,
      currency: 'USD',
      coldStartRate: 0.01,
    });
    expect(sentence).toMatch(
      /^saves \$\d+\.\d\d\/month vs 2,048 MB at 10M invocations\/month \(\$\d+\.\d\d instead of \$\d+\.\d\d, of which \$0\.50 is INIT at a 1% cold-start rate\)$/,
    );
  });
});

describe('Function: analyze — cold starts are priced', () => {
  const report = (durationMs: number, initDurationMs?: number): InvocationSample => ({
    power: 1024,
    coldStart: initDurationMs !== undefined,
    report: {
      requestId: 'r',
      durationMs,
      // Billed Duration includes Init Duration on a cold start, as Lambda reports it since 2025-08-01.
      billedDurationMs: Math.ceil(durationMs + (initDurationMs ?? 0)),
      memorySizeMB: 1024,
      maxMemoryUsedMB: 60,
      ...(initDurationMs === undefined ? {} : { initDurationMs }),
    },
  });
  const samples = [report(100, 300), report(100), report(100), report(100), report(100), report(100)];
  const facts = {
    runId: 'r',
    functionName: 'fn',
    region: 'us-east-1',
    architecture: 'x86_64' as const,
    originalMemoryMB: 1024,
    backend: 'aws',
    startedAt: '',
    finishedAt: '',
    totalInvocations: 6,
  };

  it("charges a cold start's Billed Duration, INIT included, in the size's total cost", () => {
    const result = analyze({
      samples,
      input: validateInput({ lambdaARN: 'fn', num: 6, powerValues: [1024] }),
      price,
      facts,
    });
    const perMs = ((1024 / 1024) * GB_SECOND) / 1000;
    expect(result.sizes[0]?.totalCost).toBeCloseTo(400 * perMs + 5 * 100 * perMs + 6 * price.requestPrice, 12);
    expect(result.sizes[0]?.billedDuration.mean).toBe(100);
  });

  it('shows the cold-start rate, the INIT cost and the warm cost of the recommendation', () => {
    const input = validateInput({
      lambdaARN: 'fn',
      num: 6,
      powerValues: [1024],
      invocationsPerMonth: 10_000_000,
      coldStartRate: 0.02,
    });
    const result = analyze({ samples, input, price, facts });
    const monthly = result.recommendation.monthly;
    expect(monthly?.coldStartRate).toBe(0.02);
    expect(monthly?.initCost).toBeCloseTo(200_000 * 0.3 * GB_SECOND, 9);
    expect((monthly?.warmCost ?? 0) + (monthly?.initCost ?? 0)).toBeCloseTo(monthly?.recommended ?? Number.NaN, 9);
    expect(result.sizes[0]?.monthly?.initCost).toBeCloseTo(monthly?.initCost ?? Number.NaN, 12);
    expect(result.recommendation.sentence).toMatch(/of which \$1\.00 is INIT at a 2% cold-start rate/);
  });

  it('prices INIT from the warm-up cold start when no counted sample was one', () => {
    const warm = samples.slice(1);
    const input = validateInput({ lambdaARN: 'fn', num: 5, powerValues: [1024], invocationsPerMonth: 10_000_000 });
    const without = analyze({ samples: warm, input, price, facts });
    const withWarmup = analyze({ samples: warm, input, price, facts, warmupInitDurationsMs: { 1024: [300] } });
    expect(without.recommendation.monthly).not.toHaveProperty('initCost');
    expect(withWarmup.recommendation.monthly?.initCost).toBeCloseTo(100_000 * 0.3 * GB_SECOND, 9);
  });
});
