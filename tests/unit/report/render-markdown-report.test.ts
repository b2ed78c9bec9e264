import { describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/types.js';
import { renderMarkdownReport } from '../../../src/report/index.js';
import type { ResultFixture } from '../../fixtures/results/load-result.js';
import { loadResult } from '../../fixtures/results/load-result.js';

const tableRows = (markdown: string): string[] => markdown.split('\n').filter((line) => /^\| \**[\d,]+ MB/.test(line));

describe('Function: renderMarkdownReport', () => {
  it.each<ResultFixture>(['cpu-bound', 'network-bound', 'x86_64'])('matches the stored output of %s', async (name) => {
    await expect(renderMarkdownReport(loadResult(name))).toMatchFileSnapshot(`./__snapshots__/${name}.md`);
  });

  it('has a heading with the recommendation, the sentence and one table row per size', () => {
    const result = loadResult('cpu-bound');
    const markdown = renderMarkdownReport(result);

    expect(markdown.split('\n')[0]).toMatch(/^## .*10,240 MB recommended$/);
    expect(markdown).toContain(`**${result.recommendation.sentence}**`);
    expect(tableRows(markdown)).toHaveLength(result.sizes.length);
  });

  it('marks the recommended row in bold and the failed row with its reason', () => {
    const rows = tableRows(renderMarkdownReport(loadResult('cpu-bound')));

    expect(rows.filter((r) => r.includes('recommended')).map((r) => r.slice(0, 15))).toEqual(['| **10,240 MB**']);
    expect(rows[0]).toMatch(/^\| 128 MB .*failed: Sandbox\.Timedout: Task timed out after 15\.00 seconds \|$/);
  });

  it('keeps every table row at the header column count even when a reason contains a pipe', () => {
    // Prepare
    const result: TuningResult = structuredClone(loadResult('cpu-bound'));
    result.sizes[0]!.failureReason = 'Error: a | b\nsecond line';

    // Act
    const lines = renderMarkdownReport(result)
      .split('\n')
      .filter((l) => l.startsWith('|'));

    // Assess
    const cells = (line: string): number => line.replace(/\\\|/g, '').split('|').length;
    for (const line of lines) expect(cells(line)).toBe(cells(lines[0]!));
  });

  it('omits the function name unless asked and never shows an ARN', () => {
    const result = loadResult('x86_64');
    expect(renderMarkdownReport(result)).not.toContain(result.run.functionName);
    expect(renderMarkdownReport(result, { includeFunctionName: true })).toContain(result.run.functionName);
    expect(renderMarkdownReport(result, { includeFunctionName: true })).not.toMatch(/arn:aws/);
  });

  it('shows the run facts, the run cost in its currency, and the visualization link', () => {
    const result = loadResult('network-bound');
    const markdown = renderMarkdownReport(result);

    expect(markdown).toContain('- **Region:** cn-north-1');
    expect(markdown).toMatch(/- \*\*Cost of this run:\*\* ¥/);
    expect(markdown).toContain(`](${result.stateMachine.visualization})`);
  });
});
