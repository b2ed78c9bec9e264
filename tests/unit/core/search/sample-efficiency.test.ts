import { describe, expect, it } from 'vitest';
import { formatSampleEfficiencyTable, runSampleEfficiencyBench } from '../../../../bench/sample-efficiency.js';

describe('Function: runSampleEfficiencyBench', () => {
  it('meets the issue-6 targets on every simulated pattern for cost and speed (seed 1)', () => {
    // Act
    const rows = runSampleEfficiencyBench({ seed: 1 });
    // Assess: within 2% of the best 64 MB size's true metric, with at most a quarter of the sweep's invocations
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      expect(row.exhaustiveInvocations).toBe(159 * 10);
      expect(row.regret, `${row.pattern}/${row.strategy}`).toBeLessThanOrEqual(0.02);
      expect(row.adaptiveInvocations, `${row.pattern}/${row.strategy}`).toBeLessThanOrEqual(
        row.exhaustiveInvocations / 4,
      );
    }
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
