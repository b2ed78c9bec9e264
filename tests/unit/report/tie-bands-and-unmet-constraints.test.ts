import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/index.js';
import { buildChartSpec } from '../../../src/report/build-chart-spec.js';
import { renderCsv, renderHtmlReport, renderMarkdownReport, renderTerminalReport } from '../../../src/report/index.js';
import { renderTerminalChart } from '../../../src/report/terminal/render-terminal-chart.js';
import { createPaint } from '../../../src/report/terminal/ansi.js';
import { loadResult } from '../../fixtures/results/load-result.js';

/** The cpu-bound fixture (balanced, 10,240 MB recommended) with 2,048 MB tied with it within 2%. */
const tied = (): TuningResult => {
  const result = loadResult('cpu-bound');
  result.recommendation.tiedWith = [2048];
  result.recommendation.tieBand = { percent: 2, lowMB: 2048, highMB: 10240, metric: 'balanced' };
  return result;
};

/** The cpu-bound fixture where no size met the constraints: `power` (10,240 MB) is not a recommendation. */
const unmet = (): TuningResult => {
  const result = loadResult('cpu-bound');
  result.recommendation.sentence =
    'No memory size meets the constraints: 256 MB: p95 duration 12000.0 ms is above the 10 ms limit.';
  result.recommendation.constraints = {
    maxDurationMs: 10,
    satisfied: false,
    rejected: [{ power: 256, reason: 'p95 duration 12000.0 ms is above the 10 ms limit' }],
  };
  return result;
};

const csvColumn = (csv: string, column: string): Record<string, string> => {
  const [header = '', ...rows] = csv.trim().split('\r\n');
  const index = header.split(',').indexOf(column);
  return Object.fromEntries(rows.map((row) => [row.split(',')[0] ?? '', row.split(',')[index] ?? '']));
};

describe('Renderers: tie bands', () => {
  it('terminal: marks the tied row with ≈ and says which sizes tie within how much', () => {
    // Act
    const text = renderTerminalReport(tied(), { width: 132, color: false });
    // Assess
    expect(text).toMatch(/^≈ +2,048 MB/m);
    expect(text).toMatch(/^▶ +10,240 MB/m);
    expect(text).toContain(
      '≈ Tie band 2,048–10,240 MB: 2,048 MB cannot be told apart from 10,240 MB on the balanced score (95% intervals, 2% band).',
    );
    expect(text).toContain('≈ tied with it (95% intervals, 2% band)');
    // A tie is said once, not also as "not clearly better"
    expect(text).not.toContain('Not clearly better than');
  });

  it('terminal chart: marks the tied size under the axis', () => {
    const lines = renderTerminalChart(tied(), { width: 100, paint: createPaint(false) });
    expect(lines.join('\n')).toContain('≈ tied with it');
    const marks = lines.find((line) => line.includes('▲')) ?? '';
    expect(marks).toContain('≈');
  });

  it('HTML: states the tie band in the hero and badges the tied row', () => {
    const html = renderHtmlReport(tied());
    expect(html).toContain(
      '<p class="tie-band" id="tie-band">Tie band 2,048–10,240 MB: 2,048 MB cannot be told apart from 10,240 MB on the balanced score (95% intervals, 2% band).</p>',
    );
    expect(html).toMatch(
      /<th scope="row">2,048 MB<span class="badges"><span class="badge badge-muted"[^>]*>Tied<\/span>/,
    );
  });

  it('HTML chart: hands the band to the chart for shading', () => {
    const spec = buildChartSpec({ runs: [{ result: tied(), label: '' }] });
    expect(spec.runs[0]?.tieBand).toEqual({ lowMB: 2048, highMB: 10240, percent: 2 });
  });

  it('Markdown: states the tie band and marks the tied row', () => {
    const markdown = renderMarkdownReport(tied());
    expect(markdown).toContain(
      '≈ Tie band 2,048–10,240 MB: 2,048 MB cannot be told apart from 10,240 MB on the balanced score (95% intervals, 2% band).',
    );
    expect(markdown).toMatch(/\| 2,048 MB \|.*≈ tied \(95% intervals, 2% band\) \|$/m);
  });

  it('CSV: says which rows are tied with the recommended one', () => {
    const column = csvColumn(renderCsv(tied()), 'tied_with_recommended');
    expect(column).toMatchObject({ '2048': 'true', '10240': 'false', '1024': 'false' });
  });
});

describe('Renderers: no size meets the constraints', () => {
  it('terminal: no ▶ row, no ▲ chart marker, and says none is recommended', () => {
    const text = renderTerminalReport(unmet(), { width: 132, color: false });
    expect(text).toContain('✗ No memory size meets the constraints');
    expect(text).not.toMatch(/^▶/m);
    expect(text).not.toContain('▲');
    expect(text).toContain('Rows: none recommended');
  });

  it('HTML: says so in the hero, marks no row and hands no recommended size to the chart', () => {
    const html = renderHtmlReport(unmet());
    expect(html).toContain('<h2 id="recommendation-heading" class="hero-label">No size meets the constraints</h2>');
    expect(html).toContain('<p class="hero-value" id="recommended-power">none</p>');
    expect(html).not.toContain('badge-good">Recommended');
    expect(html).not.toContain('tr class="recommended"');
    expect(html).toContain('no size meets the constraints, so none is recommended');
    expect(buildChartSpec({ runs: [{ result: unmet(), label: '' }] }).runs[0]?.recommended).toBeNull();
  });

  it('Markdown: headline says so and no row is marked recommended', () => {
    const markdown = renderMarkdownReport(unmet());
    expect(markdown).toMatch(/^## ⚡ Lambda power tuning: no size meets the constraints/);
    expect(markdown).not.toContain('recommended**');
  });

  it('CSV: no row is marked recommended', () => {
    const column = csvColumn(renderCsv(unmet()), 'recommended');
    expect(Object.values(column).every((value) => value === 'false')).toBe(true);
  });
});

describe('Charts: lines never pass below or above the measured points', () => {
  it('HTML chart: draws straight segments (no spline tension) and skips a null recommended mark', () => {
    const client = readFileSync(new URL('../../../src/report/assets/report-client.js', import.meta.url), 'utf8');
    const tensions = [...client.matchAll(/tension: ([\d.]+)/g)].map((match) => Number(match[1]));
    expect(tensions.length).toBeGreaterThan(0);
    expect(tensions.every((tension) => tension === 0)).toBe(true);
    expect(client).toContain('.filter((mark) => mark.x !== null)');
  });
});
