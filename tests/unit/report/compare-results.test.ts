import { formatMemory } from '../../../src/core/index.js';
import { describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/types.js';
import { compareResults, EmptyResultError } from '../../../src/report/index.js';
import { loadResult } from '../../fixtures/results/load-result.js';

const best = (result: TuningResult) => result.sizes.find((s) => s.value === result.recommendation.power)!;

describe('Function: compareResults', () => {
  it('labels the runs by architecture when they differ', () => {
    const { labelA, labelB } = compareResults({ a: loadResult('x86_64'), b: loadResult('arm64') });
    expect([labelA, labelB]).toEqual(['x86_64', 'arm64']);
  });

  it('states which run is cheaper at its best size, by how much, computed from the data', () => {
    // Prepare
    const a = loadResult('x86_64');
    const b = loadResult('arm64');
    const saving = Math.round((1 - best(b).averagePrice / best(a).averagePrice) * 100);

    // Act
    const { sentences } = compareResults({ a, b });

    // Assess
    expect(sentences[0]).toBe(
      `arm64 is ${saving}% cheaper at its best size (${formatMemory(b.recommendation.power)}) than x86_64 at its best (${formatMemory(a.recommendation.power)}): ` +
        `$${best(b).costPerMillion.toFixed(2)} vs $${best(a).costPerMillion.toFixed(2)} per 1M invocations.`,
    );
    expect(sentences[1]).toMatch(/^arm64 is \d+% slower at its best size/);
    expect(sentences).toContain('Both recommend 1,536 MB.');
  });

  it('names the cheaper run first whichever side it is on', () => {
    const { sentences } = compareResults({ a: loadResult('arm64'), b: loadResult('x86_64') });
    expect(sentences[0]).toMatch(/^arm64 is \d+% cheaper/);
    expect(sentences[1]).toMatch(/^x86_64 is \d+% faster/);
  });

  it('gives one row per memory size of either run with b-relative-to-a changes', () => {
    const a = loadResult('x86_64');
    const b = loadResult('arm64');
    const { rows } = compareResults({ a, b, labelA: 'before', labelB: 'after' });
    const row = rows.find((r) => r.memoryMB === 512)!;
    const sa = a.sizes.find((s) => s.value === 512)!;
    const sb = b.sizes.find((s) => s.value === 512)!;

    expect(rows.map((r) => r.memoryMB)).toEqual([256, 512, 1024, 1536, 3008]);
    expect(row.durationChange).toBeCloseTo(sb.averageDuration / sa.averageDuration - 1, 10);
    expect(row.costChange).toBeCloseTo(sb.averagePrice / sa.averagePrice - 1, 10);
    expect(rows.filter((r) => r.recommendedA && r.recommendedB).map((r) => r.memoryMB)).toEqual([1536]);
  });

  it('reports failures, sizes measured by one run only, and differing currencies, strategies and regions', () => {
    const { sentences, rows } = compareResults({
      a: loadResult('cpu-bound'),
      b: loadResult('network-bound'),
      labelA: 'before',
      labelB: 'after',
    });

    expect(sentences).toContain('Failed only in before: 128 MB.');
    expect(sentences).toContain('Measured only in before: 2,048 MB, 10,240 MB.');
    expect(sentences[0]).toMatch(/different currencies \(USD for before, CNY for after\)/);
    expect(sentences.some((s) => s.includes('different strategies'))).toBe(true);
    expect(sentences.some((s) => s.includes('different regions'))).toBe(true);
    expect(rows.every((r) => r.costChange === undefined)).toBe(true);
  });

  it('throws EmptyResultError when a run has no successful size', () => {
    const a = loadResult('x86_64');
    const b: TuningResult = structuredClone(loadResult('arm64'));
    for (const size of b.sizes) size.status = 'failed';
    expect(() => compareResults({ a, b })).toThrow(EmptyResultError);
  });
});
