import { describe, expect, it } from 'vitest';
import {
  cannotBeToldApart,
  compareForStrategy,
  decideStrategy,
  describeTieBand,
  describeTieBandLine,
  isTiedWithin,
  STRATEGY_TABLE,
} from '../../../../src/core/strategies/strategy-table.js';
import type { StrategyPoint } from '../../../../src/core/strategies/strategy-table.js';
import type { Strategy } from '../../../../src/core/types.js';

/** A point whose metric interval is mean ± halfWidth (relative). */
const point = ({
  power,
  cost,
  duration,
  metric,
  halfWidth = 0.03,
}: {
  power: number;
  cost: number;
  duration: number;
  metric: number;
  halfWidth?: number;
}): StrategyPoint => ({
  power,
  cost,
  duration,
  metric: { mean: metric, low: metric * (1 - halfWidth), high: metric * (1 + halfWidth) },
});

/** Cost strategy points: the metric is the cost. */
const byCost = (power: number, cost: number, duration: number, halfWidth?: number): StrategyPoint =>
  point({ power, cost, duration, metric: cost, ...(halfWidth === undefined ? {} : { halfWidth }) });
/** Speed strategy points: the metric is the duration. */
const bySpeed = (power: number, cost: number, duration: number, halfWidth?: number): StrategyPoint =>
  point({ power, cost, duration, metric: duration, ...(halfWidth === undefined ? {} : { halfWidth }) });

describe('Module: strategy-table', () => {
  describe('Constant: STRATEGY_TABLE', () => {
    it.each([
      ['cost', 'cost', 'duration', 'cost'],
      ['speed', 'duration', 'cost', 'duration'],
      ['balanced', 'balanced', 'memory', 'balanced'],
    ] as const)(
      'gives %s the metric %s, the within-tie key %s and the significance metric %s',
      (strategy, metric, withinTie, significance) => {
        expect(STRATEGY_TABLE[strategy]).toMatchObject({ metric, withinTie, significance });
        expect(STRATEGY_TABLE[strategy].tieBreak[0]).toBe('metric');
        expect(STRATEGY_TABLE[strategy].tieBreak.at(-1)).toBe('memory');
      },
    );
  });

  describe('Function: decideStrategy', () => {
    it.each<[string, Strategy, StrategyPoint[], number, number, number[]]>([
      [
        'cost: a flat cost curve picks the fastest of the tied sizes',
        'cost',
        [byCost(512, 1.0, 80), byCost(1024, 1.01, 40), byCost(1536, 1.015, 27), byCost(3008, 1.9, 27)],
        2,
        1536,
        [512, 1024, 1536],
      ],
      [
        'cost: a size 3% dearer, measured precisely, is outside a 2% band',
        'cost',
        [byCost(256, 1.0, 100, 0.001), byCost(512, 1.03, 50, 0.001)],
        2,
        256,
        [256],
      ],
      [
        'cost: a wider band takes it in',
        'cost',
        [byCost(256, 1.0, 100, 0.001), byCost(512, 1.03, 50, 0.001)],
        5,
        512,
        [256, 512],
      ],
      [
        'cost: 8% dearer with overlapping intervals cannot be told apart: tied',
        'cost',
        [byCost(256, 1.0, 100, 0.05), byCost(512, 1.08, 50, 0.05), byCost(1024, 1.7, 40, 0.05)],
        2,
        512,
        [256, 512],
      ],
      [
        'cost: intervals apart by less than the band are tied',
        'cost',
        [byCost(256, 1.0, 100, 0.001), byCost(512, 1.01, 50, 0.001)],
        2,
        512,
        [256, 512],
      ],
      [
        'cost: band 0 turns ties off, even with overlapping intervals',
        'cost',
        [byCost(256, 1.0, 100), byCost(512, 1.001, 50)],
        0,
        256,
        [256],
      ],
      [
        'speed: a plateau above one vCPU picks the cheapest of the tied sizes',
        'speed',
        [bySpeed(1769, 1.0, 2004), bySpeed(3538, 2.0, 2000), bySpeed(5307, 3.0, 1999), bySpeed(1024, 0.9, 3400)],
        2,
        1769,
        [1769, 3538, 5307],
      ],
      [
        'balanced: tied scores pick the smallest memory',
        'balanced',
        [
          point({ power: 1024, cost: 1, duration: 50, metric: 0.5 }),
          point({ power: 512, cost: 1, duration: 90, metric: 0.505 }),
        ],
        2,
        512,
        [512, 1024],
      ],
    ])('%s', (_label, strategy, points, bandPercent, winner, tied) => {
      // Act
      const decision = decideStrategy({ points, strategy, bandPercent });
      // Assess
      expect(decision?.winner.power).toBe(winner);
      expect(decision?.tied.map((p) => p.power)).toEqual(tied);
    });

    it.each([
      ['settled (the search): intervals apart, even by less than the band, are not tied', 'settled', 256, [256]],
      [
        'cannot-tell-apart (a fixed list): intervals apart by less than the band are tied',
        'cannot-tell-apart',
        512,
        [256, 512],
      ],
    ] as const)('tie rule %s', (_label, tieRule, winner, tied) => {
      const points = [byCost(256, 1.0, 100, 0.001), byCost(512, 1.01, 50, 0.001)];
      const decision = decideStrategy({ points, strategy: 'cost', bandPercent: 2, tieRule });
      expect(decision?.winner.power).toBe(winner);
      expect(decision?.tied.map((p) => p.power)).toEqual(tied);
    });

    it('picks the same winner whatever the input order', () => {
      const points = [byCost(512, 1.0, 80), byCost(1024, 1.01, 40), byCost(1536, 1.015, 40), byCost(3008, 1.9, 27)];
      const forward = decideStrategy({ points, strategy: 'cost', bandPercent: 2 });
      const backward = decideStrategy({ points: [...points].reverse(), strategy: 'cost', bandPercent: 2 });
      // 1,024 and 1,536 MB are equally fast: the strategy's own order (cheaper) decides
      expect(forward?.winner.power).toBe(1024);
      expect(backward?.winner.power).toBe(1024);
    });

    it('names as runner-up the best size that is not the winner', () => {
      const decision = decideStrategy({
        points: [byCost(512, 1.0, 80), byCost(1024, 1.01, 40)],
        strategy: 'cost',
        bandPercent: 2,
      });
      expect(decision?.best.power).toBe(512);
      expect(decision?.winner.power).toBe(1024);
      expect(decision?.runnerUp?.power).toBe(512);
    });

    it('returns undefined for no points', () => {
      expect(decideStrategy({ points: [], strategy: 'cost', bandPercent: 2 })).toBeUndefined();
    });
  });

  describe('Function: compareForStrategy', () => {
    it('breaks exact metric ties by the table order, then by memory', () => {
      const sorted = [byCost(512, 1, 50), byCost(256, 1, 100), byCost(1024, 1, 50)].sort(compareForStrategy('cost'));
      expect(sorted.map((p) => p.power)).toEqual([512, 1024, 256]);
    });
  });

  describe('Function: describeTieBandLine', () => {
    it.each([
      [
        [1024],
        'Tie band 1,024–1,536 MB: 1,024 MB cannot be told apart from 1,536 MB on cost (95% intervals, 2% band).',
      ],
      [
        [128, 512, 1024],
        'Tie band 128–1,536 MB: 128 MB, 512 MB and 1,024 MB cannot be told apart from 1,536 MB on cost (95% intervals, 2% band).',
      ],
    ])('names the tied sizes %j, the winner, the metric and the basis', (tiedWith, line) => {
      const lowMB = Math.min(...tiedWith);
      expect(
        describeTieBandLine({ strategy: 'cost', power: 1536, tiedWith, band: { percent: 2, lowMB, highMB: 1536 } }),
      ).toBe(line);
    });
  });

  describe('Function: cannotBeToldApart', () => {
    it.each([
      ['overlapping, means 8% apart', { mean: 108, low: 99, high: 117 }, true],
      ['apart by 1% of the best (inside a 2% band)', { mean: 102.5, low: 102, high: 103 }, true],
      ['apart by 3% of the best', { mean: 104.5, low: 104, high: 105 }, false],
      ['better than the best and apart by 3%', { mean: 96, low: 95.5, high: 96.5 }, false],
    ])('says %s is %s', (_label, candidate, expected) => {
      expect(cannotBeToldApart({ candidate, best: { mean: 100, low: 99.5, high: 101 }, bandPercent: 2 })).toBe(
        expected,
      );
    });
  });

  describe('Function: isTiedWithin', () => {
    it.each([
      ['overlap and within the band', { mean: 101, low: 99, high: 103 }, true],
      ['overlap but 3% apart', { mean: 103, low: 99, high: 107 }, false],
      ['within the band but apart', { mean: 101.5, low: 101.2, high: 101.8 }, false],
    ])('says %s is %s', (_label, candidate, expected) => {
      expect(isTiedWithin({ candidate, best: { mean: 100, low: 99.5, high: 101 }, bandPercent: 2 })).toBe(expected);
    });
  });

  describe('Function: describeTieBand', () => {
    it.each([
      ['cost', '512–1,536 MB cannot be told apart on cost (95% intervals, 2% band); 1,536 MB is the fastest of them'],
      [
        'speed',
        '512–1,536 MB cannot be told apart on speed (95% intervals, 2% band); 1,536 MB is the cheapest of them',
      ],
      [
        'balanced',
        '512–1,536 MB cannot be told apart on the balanced score (95% intervals, 2% band); 512 MB is the smallest of them',
      ],
    ] as const)('says what a %s tie band means', (strategy, sentence) => {
      const winner = strategy === 'balanced' ? 512 : 1536;
      expect(describeTieBand({ strategy, bandPercent: 2, lowMB: 512, highMB: 1536, winner })).toBe(sentence);
    });
  });
});
