import { describe, expect, it } from 'vitest';
import { renderTerminalReport } from '../../../src/report/index.js';
import { stripAnsi } from '../../../src/report/terminal/ansi.js';
import type { ResultFixture } from '../../fixtures/results/load-result.js';
import { loadResult } from '../../fixtures/results/load-result.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;
const FIXTURES: ResultFixture[] = ['cpu-bound', 'network-bound', 'x86_64', 'arm64'];

/** Lines that must fit: everything but the visualization URL, printed whole so it stays clickable. */
const fittingLines = (text: string): string[] => text.split('\n').filter((line) => !line.startsWith('https://'));

describe('Function: renderTerminalReport', () => {
  it.each(FIXTURES)('matches the stored plain output of %s at 80 columns', async (name) => {
    const text = renderTerminalReport(loadResult(name), { width: 80, color: false });
    await expect(text).toMatchFileSnapshot(`./__snapshots__/${name}.terminal.txt`);
  });

  it('matches the stored coloured output of cpu-bound', async () => {
    const text = renderTerminalReport(loadResult('cpu-bound'), { width: 80, color: true });
    await expect(text).toMatchFileSnapshot('./__snapshots__/cpu-bound.terminal.ansi.txt');
  });

  it.each(FIXTURES.flatMap((name) => [60, 80, 100, 132].map((width) => ({ name, width }))))(
    'fits every line of $name within $width columns',
    ({ name, width }) => {
      const text = renderTerminalReport(loadResult(name), { width, color: true });
      for (const line of fittingLines(text)) expect([...stripAnsi(line)].length, line).toBeLessThanOrEqual(width);
    },
  );

  it('uses 60 columns when asked for fewer', () => {
    const text = renderTerminalReport(loadResult('x86_64'), { width: 20 });
    const widest = Math.max(...fittingLines(text).map((line) => [...line].length));
    expect(widest).toBeLessThanOrEqual(60);
    expect(widest).toBeGreaterThan(40);
  });

  it('emits no ANSI escapes when colour is off and some when it is on', () => {
    const result = loadResult('cpu-bound');
    expect(renderTerminalReport(result, { color: false })).not.toMatch(ANSI);
    expect(renderTerminalReport(result, { color: true })).toMatch(ANSI);
  });

  it('marks the recommended row and shows the reason on the failed row', () => {
    const lines = renderTerminalReport(loadResult('cpu-bound'), { width: 100 }).split('\n');
    const marked = lines.filter((line) => line.startsWith('▶ '));
    const failed = lines.filter((line) => line.startsWith('✗ '));

    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatch(/^▶ 10,240 MB /);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain('128 MB');
    expect(failed[0]).toContain('Task timed out after 15.00 seconds');
  });

  it('prints the recommendation sentence, a chart legend and the visualization URL', () => {
    const result = loadResult('x86_64');
    const text = renderTerminalReport(result);

    expect(text).toContain(result.recommendation.sentence);
    expect(text).toMatch(/● duration, avg, left/);
    expect(text).toMatch(/◆ cost per 1M, right/);
    expect(text.split('\n')).toContain(result.stateMachine.visualization);
  });

  it('draws measured sizes at columns proportional to their memory', () => {
    // Prepare: 256..3008 MB; 1536 MB lies at (1536-256)/(3008-256) ≈ 46.5% of the axis.
    const lines = renderTerminalReport(loadResult('x86_64'), { width: 80 }).split('\n');
    const axis = lines.find((line) => line.includes('└'))!;

    // Act
    const start = axis.indexOf('└') + 1;
    const end = axis.indexOf('┘');
    const ticks = [...axis].map((ch, i) => (ch === '┴' ? i : -1)).filter((i) => i >= 0);

    // Assess
    expect(ticks).toHaveLength(5);
    const relative = (ticks[3]! - start) / (end - start - 1);
    expect(relative).toBeGreaterThan(0.43);
    expect(relative).toBeLessThan(0.5);
  });

  it('switches the duration axis to a log scale when the range is wider than 20×', () => {
    expect(renderTerminalReport(loadResult('cpu-bound'))).toContain('(log scale)');
    expect(renderTerminalReport(loadResult('x86_64'))).not.toContain('(log scale)');
  });

  it('says why an adaptive search stopped, and nothing of the kind for a fixed list', () => {
    // Prepare: the same result as if a search under the default budget had measured it
    const list = loadResult('x86_64');
    const searched = {
      ...list,
      run: {
        ...list.run,
        search: {
          mode: 'adaptive' as const,
          stopReason: 'budget-invocations',
          stopExplanation: 'the default invocation budget ran out: 66, what the six-size list would make',
          phases: [],
          invocations: 66,
          granularityMB: 64,
          num: 'auto' as const,
        },
      },
    };
    // Act
    const withSearch = renderTerminalReport(searched, { width: 100, color: false });
    const withList = renderTerminalReport(list, { width: 100, color: false });
    // Assess
    expect(withSearch).toContain('Search stopped: the default invocation budget ran out: 66, what the six-size');
    expect(withList).not.toContain('Search stopped');
  });

  it('rebuilds the link on a self-hosted visualization site', () => {
    const text = renderTerminalReport(loadResult('x86_64'), { visualizationBaseUrl: 'https://charts.example.com/' });
    const hash = loadResult('x86_64').stateMachine.visualization.split('#')[1];
    expect(text.split('\n')).toContain(`https://charts.example.com/#${hash}`);
  });
});
