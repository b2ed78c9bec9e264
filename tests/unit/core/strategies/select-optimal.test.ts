import { describe, expect, it } from 'vitest';
import { balancedScore, NoViableSizeError, selectOptimal, summarize } from '../../../../src/core/index.js';
import type { PowerStats, Strategy } from '../../../../src/core/index.js';

const EMPTY = summarize([], { discardTopBottom: 0 });
const size = (
  value: number,
  averagePrice: number,
  averageDuration: number,
  status: 'ok' | 'failed' = 'ok',
): PowerStats => ({
  value,
  status,
  invocations: 10,
  averagePrice,
  averageDuration,
  totalCost: averagePrice * 10,
  costPerMillion: averagePrice * 1e6,
  duration: EMPTY,
  billedDuration: EMPTY,
  coldStarts: { count: 0 },
  errors: {},
  retries: 0,
  throttles: 0,
});
const pick = (sizes: PowerStats[], strategy: Strategy, balancedWeight = 0.5): number =>
  selectOptimal({ sizes, strategy, balancedWeight }).winner.value;

describe('Function: selectOptimal', () => {
  // Reference analyzer fixtures (test/unit/test-lambda.js), as (value, cost, duration).
  const basic = [size(128, 100, 300), size(256, 60, 80), size(512, 30, 150), size(1024, 40, 20)];

  it('picks the cheapest size for the cost strategy (512 at 30)', () => {
    expect(pick(basic, 'cost')).toBe(512);
  });

  it('breaks a cost tie by the faster size (256 at 90 ms)', () => {
    expect(pick([size(128, 90, 200), size(256, 90, 90), size(512, 100, 50)], 'cost')).toBe(256);
  });

  it('treats prices equal up to floating-point noise as a tie', () => {
    // 128 MB × 18 ms and 384 MB × 6 ms cost the same, but with the request charge added the
    // float results differ in the last bit (2.3750007499999998e-7 vs 2.37500075e-7).
    const price = (ms: number, mb: number): number => (ms / 1000) * (mb / 1024) * 0.0000166667 + 2e-7;
    expect(price(18, 128)).not.toBe(price(6, 384));
    expect(pick([size(128, price(18, 128), 18), size(384, price(6, 384), 6)], 'cost')).toBe(384);
  });

  it('picks the fastest size for the speed strategy', () => {
    expect(pick(basic, 'speed')).toBe(1024);
  });

  it('breaks a speed tie by the cheaper size (256 at $90)', () => {
    expect(pick([size(128, 100, 50), size(256, 90, 50), size(512, 200, 80)], 'speed')).toBe(256);
  });

  it('breaks a full tie by the lower memory, whatever the input order', () => {
    expect(pick([size(1024, 5, 10), size(512, 5, 10)], 'cost')).toBe(512);
    expect(pick([size(1024, 5, 10), size(512, 5, 10)], 'speed')).toBe(512);
    expect(pick([size(1024, 5, 10), size(512, 5, 10)], 'balanced')).toBe(512);
  });

  it('picks the cheapest with balancedWeight 1 and the fastest with 0', () => {
    expect(pick(basic, 'balanced', 1)).toBe(512);
    expect(pick(basic, 'balanced', 0)).toBe(1024);
  });

  it('picks 256 for the reference default balanced fixture (101,300)/(200,200)/(300,101)', () => {
    // Reconstruction: powers 128/256/512 with (cost, duration) pairs; maxCost = maxDuration = 300.
    // 128: .5×101/300 + .5×300/300 = 0.6683; 256: .5×200/300 + .5×200/300 = 0.6667; 512: .5×300/300 + .5×101/300 = 0.6683
    expect(pick([size(128, 101, 300), size(256, 200, 200), size(512, 300, 101)], 'balanced')).toBe(256);
  });

  it('picks 512 with balancedWeight 0.3 over four sizes', () => {
    // Reconstruction: maxCost 400, maxDuration 400.
    // 128 (100,400): .3×.25 + .7×1    = 0.775
    // 256 (150,200): .3×.375 + .7×.5  = 0.4625
    // 512 (200,100): .3×.5 + .7×.25   = 0.325  ← lowest
    // 1024 (400,60): .3×1 + .7×.15    = 0.405
    const sizes = [size(128, 100, 400), size(256, 150, 200), size(512, 200, 100), size(1024, 400, 60)];
    expect(pick(sizes, 'balanced', 0.3)).toBe(512);
  });

  it('returns the ranking best first and the runner-up', () => {
    const { ranking, runnerUp } = selectOptimal({ sizes: basic, strategy: 'cost', balancedWeight: 0.5 });
    expect(ranking.map((s) => s.value)).toEqual([512, 1024, 256, 128]);
    expect(runnerUp?.value).toBe(1024);
  });

  it('leaves out failed sizes and sizes without a duration', () => {
    const sizes = [size(128, 1, 100, 'failed'), size(256, 2, 0), size(512, 3, 50)];
    const selection = selectOptimal({ sizes, strategy: 'cost', balancedWeight: 0.5 });
    expect(selection.winner.value).toBe(512);
    expect(selection.runnerUp).toBeUndefined();
  });

  it('throws NoViableSizeError when no size qualifies', () => {
    expect(() =>
      selectOptimal({ sizes: [size(128, 1, 100, 'failed')], strategy: 'speed', balancedWeight: 0.5 }),
    ).toThrow(NoViableSizeError);
  });
});

describe('Function: balancedScore', () => {
  it('weights normalised cost and duration', () => {
    expect(balancedScore({ cost: 1, duration: 100, maxCost: 2, maxDuration: 100, balancedWeight: 0.5 })).toBe(0.75);
  });
});
