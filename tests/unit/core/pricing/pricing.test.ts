import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  catalogRegions,
  getLambdaPrice,
  invocationCost,
  monthlyCost,
  referenceBaseCost,
  referenceInvocationCost,
  referenceStepFunctionsCost,
  stepFunctionsCost,
} from '../../../../src/core/index.js';

describe('Function: getLambdaPrice', () => {
  it.each([
    ['us-east-1', 'x86_64', 0.0000166667, 2e-7, 'USD'],
    ['us-east-1', 'arm64', 0.0000133334, 2e-7, 'USD'],
    ['me-south-1', 'x86_64', 0.0000206667, 2.5e-7, 'USD'],
    ['cn-north-1', 'x86_64', 0.000113477, 0.00000136, 'CNY'],
  ] as const)('returns the catalog price for %s %s', (region, architecture, perGbSecond, request, currency) => {
    const price = getLambdaPrice({ region, architecture });
    expect(price).toMatchObject({
      region,
      architecture,
      currency,
      pricePerGbSecond: perGbSecond,
      requestPrice: request,
      estimated: false,
    });
  });

  it('returns the three us-east-1 x86 tiers', () => {
    expect(getLambdaPrice({ region: 'us-east-1', architecture: 'x86_64' }).tiers).toEqual([
      { upToGbSeconds: 6e9, pricePerGbSecond: 0.0000166667 },
      { upToGbSeconds: 15e9, pricePerGbSecond: 0.000015 },
      { upToGbSeconds: null, pricePerGbSecond: 0.0000133334 },
    ]);
  });

  it('falls back to us-east-1 prices with estimated: true and a note for an unknown region', () => {
    const price = getLambdaPrice({ region: 'xx-nowhere-9', architecture: 'arm64' });
    expect(price).toMatchObject({
      region: 'xx-nowhere-9',
      pricePerGbSecond: 0.0000133334,
      requestPrice: 2e-7,
      estimated: true,
    });
    expect(price.note).toContain('xx-nowhere-9');
  });

  it('falls back for a listed region whose prices were not found (il-central-1)', () => {
    expect(getLambdaPrice({ region: 'il-central-1', architecture: 'x86_64' })).toMatchObject({
      pricePerGbSecond: 0.0000166667,
      estimated: true,
    });
  });

  it('keeps a region duration price but estimates its missing request price (us-gov-west-1)', () => {
    const price = getLambdaPrice({ region: 'us-gov-west-1', architecture: 'x86_64' });
    expect(price.pricePerGbSecond).toBe(0.0000166667);
    expect(price.requestPrice).toBe(2e-7);
    expect(price.estimated).toBe(true);
    expect(price.note).toMatch(/request price/);
  });
});

describe('Function: invocationCost', () => {
  const price = getLambdaPrice({ region: 'us-east-1', architecture: 'x86_64' });

  it('charges billed seconds × GB × price plus the request charge', () => {
    expect(invocationCost({ billedDurationMs: 100, memoryMB: 1024, price, includeRequestCharge: true })).toBeCloseTo(
      0.1 * 1 * 0.0000166667 + 2e-7,
      18,
    );
  });

  it('leaves the request charge out for reference parity', () => {
    // 1 ms at 128 MB = 0.0000166667 / 8 / 1000 ≈ 2.0833e-9 (the reference rounds this to 2.1e-9)
    expect(invocationCost({ billedDurationMs: 1, memoryMB: 128, price, includeRequestCharge: false })).toBeCloseTo(
      2.0833375e-9,
      16,
    );
  });

  it('is linear in billed duration and in memory (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 900_000 }),
        fc.integer({ min: 128, max: 10_240 }),
        fc.integer({ min: 2, max: 9 }),
        (ms, mb, k) => {
          const base = invocationCost({ billedDurationMs: ms, memoryMB: mb, price, includeRequestCharge: false });
          const longer = invocationCost({ billedDurationMs: ms * k, memoryMB: mb, price, includeRequestCharge: false });
          const bigger = invocationCost({ billedDurationMs: ms, memoryMB: mb * k, price, includeRequestCharge: false });
          return Math.abs(longer - k * base) <= 1e-12 * longer && Math.abs(bigger - k * base) <= 1e-12 * bigger;
        },
      ),
    );
  });
});

describe('Function: referenceInvocationCost', () => {
  it.each([
    ['us-east-1', 'x86_64', 2.1e-9],
    ['eu-west-1', 'x86_64', 2.1e-9],
    ['af-south-1', 'x86_64', 2.8e-9],
    ['ap-east-1', 'x86_64', 2.9e-9],
    ['cn-north-1', 'x86_64', 1.42e-8],
    ['eu-west-1', 'arm64', 1.7e-9],
  ] as const)('uses the reference base cost for %s %s', (region, architecture, base) => {
    expect(referenceBaseCost({ region, architecture })).toBe(base);
  });

  it.each([
    ['us-east-1', 2.1e-8],
    ['af-south-1', 2.8e-8],
  ])('totals 10 × 1 ms at 128 MB in %s to %s like the reference executor', (region, expected) => {
    const total = Array.from({ length: 10 }, () =>
      referenceInvocationCost({ billedDurationMs: 1, memoryMB: 128, region, architecture: 'x86_64' }),
    ).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(expected, 20);
  });

  it('reproduces computePrice: 2.1e-9 × (1024/128) × 300', () => {
    expect(
      referenceInvocationCost({ billedDurationMs: 300, memoryMB: 1024, region: 'eu-west-1', architecture: 'x86_64' }),
    ).toBeCloseTo(2.1e-9 * 8 * 300, 20);
  });

  it('rounds the billed duration up like the reference', () => {
    expect(
      referenceInvocationCost({ billedDurationMs: 2.2, memoryMB: 128, region: 'us-east-1', architecture: 'x86_64' }),
    ).toBeCloseTo(3 * 2.1e-9, 20);
  });
});

describe('Function: referenceStepFunctionsCost', () => {
  it.each([
    ['us-gov-west-1', 10, false, 10, 0.00108],
    ['us-gov-west-1', 10, true, 10, 0.00648],
    ['us-east-1', 3, false, 5, 0.00038],
  ])(
    'returns the reference estimate in %s for %s values (cold %s, num %s)',
    (region, n, onlyColdStarts, num, expected) => {
      expect(referenceStepFunctionsCost({ region, powerValues: n, onlyColdStarts, num })).toBe(expected);
    },
  );

  it('accepts the power values themselves', () => {
    expect(referenceStepFunctionsCost({ region: 'us-east-1', powerValues: [128, 256, 512], num: 5 })).toBe(0.00038);
  });
});

describe('Function: stepFunctionsCost', () => {
  it.each([
    ['us-east-1', 36, 0.0009],
    ['sa-east-1', 10, 0.000375],
    ['ap-southeast-3', 10, 0.00025],
  ])(
    'prices %s transitions in %s from the catalog (reference default when absent)',
    (region, transitions, expected) => {
      expect(stepFunctionsCost({ region, transitions })).toBeCloseTo(expected, 15);
    },
  );
});

describe('Function: monthlyCost', () => {
  const price = getLambdaPrice({ region: 'us-east-1', architecture: 'x86_64' });

  it('applies tier 1 only for a small workload and adds requests', () => {
    const cost = monthlyCost({
      gbSecondsPerInvocation: 0.125,
      invocationsPerMonth: 1_000_000,
      price,
      includeRequestCharge: true,
    });
    expect(cost.gbSeconds).toBe(125_000);
    expect(cost.computeCost).toBeCloseTo(125_000 * 0.0000166667, 9);
    expect(cost.requestCost).toBeCloseTo(0.2, 12);
  });

  it('bills GB-seconds beyond 6 billion at the tier-2 price', () => {
    const cost = monthlyCost({
      gbSecondsPerInvocation: 1,
      invocationsPerMonth: 7e9,
      price,
      includeRequestCharge: false,
    });
    expect(cost.computeCost).toBeCloseTo(6e9 * 0.0000166667 + 1e9 * 0.000015, 3);
    expect(cost.requestCost).toBe(0);
  });

  it('subtracts the free tier when asked', () => {
    const cost = monthlyCost({
      gbSecondsPerInvocation: 0.5,
      invocationsPerMonth: 1_000_000,
      price,
      freeTier: true,
      includeRequestCharge: true,
    });
    expect(cost.gbSeconds).toBe(100_000);
    expect(cost.requestCost).toBe(0);
  });
});

describe('Function: catalogRegions', () => {
  it('gives a positive price and request charge for every catalog region and architecture', () => {
    for (const region of catalogRegions()) {
      for (const architecture of ['x86_64', 'arm64'] as const) {
        const price = getLambdaPrice({ region, architecture });
        expect(price.pricePerGbSecond, `${region} ${architecture}`).toBeGreaterThan(0);
        expect(price.requestPrice, `${region} ${architecture}`).toBeGreaterThan(0);
        expect(
          price.tiers.every((tier) => tier.pricePerGbSecond > 0),
          `${region} ${architecture} tiers`,
        ).toBe(true);
      }
    }
  });
});
