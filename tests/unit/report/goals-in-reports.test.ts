import { describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/index.js';
import { renderHtmlReport, renderMarkdownReport, renderTerminalReport } from '../../../src/report/index.js';
import { loadResult } from '../../fixtures/results/load-result.js';

const EXPLANATION = 'CPU-bound, single-threaded: 1,536 MB runs 14.2× faster than 128 MB and costs 13.9% less.';

/** The cpu-bound fixture with an explanation and a monthly bill on every ok size. */
const explained = (): TuningResult => {
  const result = loadResult('cpu-bound');
  result.recommendation.explanation = [EXPLANATION, 'Picked for the lowest cost.'];
  for (const size of result.sizes) {
    if (size.status === 'ok') {
      size.monthly = {
        invocationsPerMonth: 1e7,
        freeTier: false,
        gbSeconds: 0,
        computeCost: 0,
        requestCost: 0,
        total: size.value / 10,
      };
    }
  }
  return result;
};

/** The cpu-bound fixture where no size met the constraints. */
const unmet = (): TuningResult => {
  const result = loadResult('cpu-bound');
  result.recommendation.sentence =
    'No memory size meets the constraints: 128 MB: p95 duration 3520.0 ms is above the 10 ms limit.';
  result.recommendation.constraints = {
    maxDurationMs: 10,
    satisfied: false,
    rejected: [{ power: 128, reason: 'p95 duration 3520.0 ms is above the 10 ms limit' }],
  };
  return result;
};

describe('Function: renderTerminalReport (constraints, monthly bill, explanation)', () => {
  it('shows the first explanation sentence under the recommendation, and a monthly column', () => {
    const text = renderTerminalReport(explained(), { width: 132, color: false });
    expect(text).toContain('14.2× faster than 128 MB');
    expect(text).not.toContain('Picked for the lowest cost.');
    expect(text).toMatch(/Monthly/);
    expect(text).toMatch(/2,048 MB .*\$204\.80/);
  });

  it('says that no size meets the constraints instead of recommending one', () => {
    const text = renderTerminalReport(unmet(), { width: 100, color: false });
    expect(text).toContain('✗ No memory size meets the constraints');
    expect(text).not.toContain('★ Recommended');
    expect(text).not.toMatch(/^▶/m);
  });
});

describe('Function: renderMarkdownReport (constraints, monthly bill, explanation)', () => {
  it('shows the first explanation sentence, and no recommendation when the constraints are unmet', () => {
    expect(renderMarkdownReport(explained())).toContain(EXPLANATION);
    expect(renderMarkdownReport(unmet())).toMatch(/^## ⚡ Lambda power tuning: no size meets the constraints/);
  });
});

describe('Function: renderHtmlReport (constraints, monthly bill, explanation)', () => {
  it('shows the first explanation sentence and the monthly bill, and "none" when the constraints are unmet', () => {
    const html = renderHtmlReport(explained());
    expect(html).toContain('id="recommendation-explanation"');
    expect(html).toContain('Monthly bill');
    expect(renderHtmlReport(unmet())).toContain('<p class="hero-value" id="recommended-power">none</p>');
  });
});
