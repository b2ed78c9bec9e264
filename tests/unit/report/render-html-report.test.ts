import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/types.js';
import { renderComparisonHtml, renderHtmlReport } from '../../../src/report/index.js';
import { loadResult } from '../../fixtures/results/load-result.js';

const GENERATED_AT = new Date('2026-11-28T12:00:00Z');

const inlineBlocks = (html: string, tag: 'script' | 'style'): Array<{ attrs: string; body: string }> =>
  [...html.matchAll(new RegExp(`<${tag}([^>]*)>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => ({
    attrs: m[1] ?? '',
    body: m[2] ?? '',
  }));

const csp = (html: string): string =>
  /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? '';
const sha = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('Function: renderHtmlReport', () => {
  it('allows exactly its inline script and stylesheet by hash and nothing from the network', () => {
    // Prepare
    const html = renderHtmlReport(loadResult('cpu-bound'), { generatedAt: GENERATED_AT });

    // Act
    const policy = csp(html);
    const executable = inlineBlocks(html, 'script').filter((s) => !s.attrs.includes('application/json'));
    const styles = inlineBlocks(html, 'style');

    // Assess
    expect(policy).toMatch(/^default-src 'none'; /);
    expect(executable).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(policy).toContain(`script-src ${sha(executable[0]!.body)};`);
    expect(policy).toContain(`style-src ${sha(styles[0]!.body)};`);
    expect(policy).not.toContain('unsafe');
    expect(html).not.toMatch(/\s(src|srcset)=/);
    expect(html).not.toMatch(/<link\b/);
  });

  it('shows the recommendation sentence and a table with a caption, column and row headers', () => {
    const result = loadResult('cpu-bound');
    const html = renderHtmlReport(result, { generatedAt: GENERATED_AT });

    expect(html).toContain(`<p class="sentence" id="recommendation-sentence">${result.recommendation.sentence}</p>`);
    expect(html).toMatch(/<table id="sizes">\s*<caption/);
    expect(html.match(/<th scope="col">/g)).toHaveLength(12);
    expect(html.match(/<th scope="row">/g)).toHaveLength(result.sizes.length);
    expect(html).toMatch(
      /<tr class="failed"><th scope="row">128 MB<span class="badges"><span class="badge badge-bad">Failed<\/span>/,
    );
    expect(html).toContain('No usable measurement: Sandbox.Timedout: Task timed out after 15.00 seconds');
    expect(html).toMatch(
      /<tr class="recommended"><th scope="row">10,240 MB<span class="badges"><span class="badge badge-good">Recommended/,
    );
  });

  it('shows run facts with the run cost and the visualization link, and the function name only when asked', () => {
    const result = loadResult('x86_64');
    const without = renderHtmlReport(result, { generatedAt: GENERATED_AT });
    const withName = renderHtmlReport(result, { generatedAt: GENERATED_AT, includeFunctionName: true });

    expect(without).toContain('<dt>Cost of this run</dt>');
    expect(without).toContain(`href="${result.stateMachine.visualization}"`);
    expect(without).not.toContain(result.run.functionName);
    expect(withName).toContain(`<dt>Function</dt><dd>${result.run.functionName}</dd>`);
    expect(withName).not.toMatch(/arn:aws/);
  });

  it('escapes text from the result so it cannot inject markup or close the data block', () => {
    // Prepare
    const result: TuningResult = structuredClone(loadResult('cpu-bound'));
    result.sizes[0]!.failureReason = '</script><img src=x onerror=alert(1)>';
    result.run.functionName = '<b>fn</b>';

    // Act
    const html = renderHtmlReport(result, { includeFunctionName: true, generatedAt: GENERATED_AT });

    // Assess
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>fn</b>');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    const data = inlineBlocks(html, 'script').find((s) => s.attrs.includes('application/json'))!;
    expect(JSON.parse(data.body).runs[0].failed[0].reason).toBe(result.sizes[0]!.failureReason);
  });

  it('embeds a chart spec with a log duration axis only when the range is wider than 20×', () => {
    const spec = (r: TuningResult) =>
      JSON.parse(inlineBlocks(renderHtmlReport(r), 'script').find((s) => s.attrs.includes('application/json'))!.body);
    expect(spec(loadResult('cpu-bound')).durationScale).toBe('logarithmic');
    expect(spec(loadResult('x86_64')).durationScale).toBe('linear');
    expect(spec(loadResult('cpu-bound')).runs[0].failed).toEqual([
      { x: 128, reason: 'Sandbox.Timedout: Task timed out after 15.00 seconds' },
    ]);
  });

  it('is the same document for the same input', () => {
    const result = loadResult('arm64');
    expect(renderHtmlReport(result, { generatedAt: GENERATED_AT })).toBe(
      renderHtmlReport(result, { generatedAt: GENERATED_AT }),
    );
  });
});

describe('Function: renderComparisonHtml', () => {
  it('puts both runs in the chart, one table and the 8-part comparison link', () => {
    const html = renderComparisonHtml({ a: loadResult('x86_64'), b: loadResult('arm64'), generatedAt: GENERATED_AT });
    const data = JSON.parse(inlineBlocks(html, 'script').find((s) => s.attrs.includes('application/json'))!.body);
    const href = /id="visualization-link">([^<]+)</.exec(html)?.[1] ?? '';

    expect(data.kind).toBe('compare');
    expect(data.runs.map((r: { label: string }) => r.label)).toEqual(['x86_64', 'arm64']);
    expect(html.match(/<table/g)).toHaveLength(1);
    expect(href.split('#')[1]?.split(';')).toHaveLength(8);
    expect(href.endsWith(';x86_64;arm64')).toBe(true);
    expect(html).toMatch(/arm64 is \d+% cheaper at its best size/);
  });
});

describe('Script: build-chart-bundle', () => {
  it('reports the committed Chart.js bundle as up to date', () => {
    const out = execFileSync(process.execPath, ['scripts/build-chart-bundle.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toContain('up to date');
  });
});
