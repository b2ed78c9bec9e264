import { describe, expect, it } from 'vitest';
import { buildSizeTable } from '../../../src/report/index.js';
import { loadResult } from '../../fixtures/results/load-result.js';

describe('Function: buildSizeTable', () => {
  it('uses the smallest successful size as the baseline when the smallest size failed', () => {
    // Prepare
    const result = loadResult('cpu-bound');

    // Act
    const { rows, baselineMB } = buildSizeTable(result);

    // Assess
    expect(baselineMB).toBe(256);
    expect(rows.map((r) => r.memoryMB)).toEqual([128, 256, 512, 1024, 2048, 10240]);
    expect(rows[0]).toMatchObject({ failed: true, recommended: false });
    expect(rows[0]?.speedUp).toBeUndefined();
    expect(rows[1]).toMatchObject({ baseline: true, speedUp: 1, costChange: 0 });
  });

  it('marks only the recommended size and computes its speed-up and cost change from the data', () => {
    const result = loadResult('x86_64');
    const { rows } = buildSizeTable(result);
    const marked = rows.filter((r) => r.recommended);
    const base = result.sizes.find((s) => s.value === 256)!;
    const best = result.sizes.find((s) => s.value === 1536)!;

    expect(marked.map((r) => r.memoryMB)).toEqual([1536]);
    expect(marked[0]?.speedUp).toBeCloseTo(base.averageDuration / best.averageDuration, 10);
    expect(marked[0]?.costChange).toBeCloseTo(best.averagePrice / base.averagePrice - 1, 10);
  });
});
