import { describe, expect, it } from 'vitest';
import { formatSampleEfficiencyTable, runSampleEfficiencyBench } from '../../../../bench/sample-efficiency.js';

describe('Function: runSampleEfficiencyBench', () => {
  it('meets the issue-6 targets on the simulated patterns for cost and speed, over seeds 1–8', () => {
    // Act: 96 searches (6 patterns × 2 strategies × 8 seeds of noise)
    const rows = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) => runSampleEfficiencyBench({ seed }));
    // Assess: every search within a quarter of the sweep's invocations; 95% of them within 2% of
    // the best 64 MB size's true metric, and none beyond 5%. A statistical search may pick a size
    // whose difference the noise hid: one seed is luck, 96 searches are a rate.
    expect(rows).toHaveLength(96);
    for (const row of rows) {
      expect(row.exhaustiveInvocations).toBe(159 * 10);
      expect(row.adaptiveInvocations, `${row.pattern}/${row.strategy}`).toBeLessThanOrEqual(
        row.exhaustiveInvocations / 4,
      );
      expect(row.regret, `${row.pattern}/${row.strategy}`).toBeLessThanOrEqual(0.05);
    }
    const within = rows.filter((row) => row.regret <= 0.02).length;
    expect(within).toBeGreaterThanOrEqual(Math.ceil(0.95 * rows.length));
  });

  it('classifies each simulated function as its article pattern from the adaptive measurements', () => {
    const rows = runSampleEfficiencyBench({ seed: 1, strategies: ['cost'] });
    expect(Object.fromEntries(rows.map((row) => [row.pattern, row.classifiedAs]))).toEqual({
      'no-op': 'trivial',
      'cpu-single-thread': 'cpu-single-thread',
      'cpu-multi-thread': 'cpu-multi-thread',
      'network-flat': 'network-flat',
      'network-scaling': 'network-scaling',
      'large-download': 'network-flat',
    });
  });

  it('prints one table line per row under a header', () => {
    const rows = runSampleEfficiencyBench({ seed: 1, patterns: ['no-op'], strategies: ['cost'] });
    const lines = formatSampleEfficiencyTable(rows).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^pattern\s+strategy\s+exhaustive\s+adaptive\s+ratio\s+regret/);
    expect(lines[2]).toMatch(/^no-op\s+cost\s+1590\s+\d+\s+0\.\d{3}\s+-?\d+\.\d{2}%/);
  });
});
