/**
 * The self-contained HTML report of one tuning run.
 *
 * @module report/render-html-report
 */
import {
  describeTieBandLine,
  formatDuration,
  formatMemory,
  formatMoney,
  formatRatio,
  groupThousands,
} from '../core/index.js';
import type { TuningResult } from '../core/types.js';
import { buildChartSpec } from './build-chart-spec.js';
import { buildSizeTable } from './build-size-table.js';
import { collectRunFacts, formatRunDate } from './collect-run-facts.js';
import { DEFAULT_HTML_TITLE } from './constants.js';
import { formatChange } from './format.js';
import { escapeHtml } from './html/escape-html.js';
import { renderHtmlDocument } from './html/render-html-document.js';
import { renderSizeTableHtml } from './html/render-size-table-html.js';
import { resolveVisualizationUrl } from './resolve-visualization-url.js';
import type { HtmlReportOptions } from './types.js';

const kpi = (label: string, value: string): string =>
  `<div class="kpi"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`;

const renderHero = (result: TuningResult): string => {
  const { rows, baselineMB } = buildSizeTable(result);
  const best = rows.find((row) => row.recommended);
  const currency = result.run.currency;
  const kpis =
    best === undefined
      ? ''
      : [
          kpi('Average duration', formatDuration(best.stats.averageDuration)),
          kpi('Cost per 1M invocations', formatMoney(best.stats.costPerMillion, currency)),
          ...(best.stats.monthly === undefined
            ? []
            : [kpi('Monthly bill', formatMoney(best.stats.monthly.total, currency))]),
          ...(baselineMB !== undefined && baselineMB !== best.memoryMB
            ? [
                kpi(`Speed vs ${formatMemory(baselineMB)}`, formatRatio(best.speedUp)),
                kpi(`Cost vs ${formatMemory(baselineMB)}`, formatChange(best.costChange)),
              ]
            : []),
          ...(result.recommendation.runnerUp === undefined
            ? []
            : [kpi('Runner-up', `${formatMemory(result.recommendation.runnerUp)}`)]),
        ].join('');
  const unmet = result.recommendation.constraints?.satisfied === false;
  const significance =
    !unmet && result.recommendation.significant === false ? ' · not statistically separated from the runner-up' : '';
  const band = result.recommendation.tieBand;
  const tieLine =
    unmet || band === undefined
      ? ''
      : `<p class="tie-band" id="tie-band">${escapeHtml(
          describeTieBandLine({
            strategy: result.recommendation.strategy,
            power: result.recommendation.power,
            tiedWith: result.recommendation.tiedWith ?? [],
            band,
          }),
        )}</p>`;
  return [
    '<section class="hero" aria-labelledby="recommendation-heading">',
    '<div>',
    `<h2 id="recommendation-heading" class="hero-label">${unmet ? 'No size meets the constraints' : 'Recommended memory'}</h2>`,
    unmet
      ? '<p class="hero-value" id="recommended-power">none</p>'
      : `<p class="hero-value" id="recommended-power">${groupThousands(result.recommendation.power)}<small>MB</small></p>`,
    `<p class="hero-strategy">${escapeHtml(result.recommendation.strategy)} strategy${escapeHtml(significance)}</p>`,
    '</div>',
    '<div>',
    `<p class="sentence" id="recommendation-sentence">${escapeHtml(result.recommendation.sentence)}</p>`,
    tieLine,
    result.recommendation.explanation?.[0] === undefined
      ? ''
      : `<p class="explanation" id="recommendation-explanation">${escapeHtml(result.recommendation.explanation[0])}</p>`,
    kpis === '' ? '' : `<dl class="kpis">${kpis}</dl>`,
    '</div>',
    '</section>',
  ].join('\n');
};

/** Chart card; the canvas has a text alternative and points to the table. */
const renderChartCard = ({ description, hint }: { description: string; hint: string }): string =>
  [
    '<section class="card" aria-labelledby="chart-heading">',
    '<div class="card-head">',
    '<h2 id="chart-heading">Duration and cost by memory</h2>',
    `<p class="hint">${escapeHtml(hint)}</p>`,
    '</div>',
    '<div class="chart-box">',
    `<canvas id="powertune-chart" role="img" aria-label="${escapeHtml(description)}">`,
    `<p>${escapeHtml(description)} The table lists every value.</p>`,
    '</canvas>',
    '</div>',
    '</section>',
  ].join('\n');

const renderFacts = (facts: Array<{ label: string; value: string }>): string =>
  [
    '<section class="card" aria-labelledby="facts-heading">',
    '<h2 id="facts-heading">Run facts</h2>',
    '<dl class="facts">',
    ...facts.map((fact) => `<div><dt>${escapeHtml(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd></div>`),
    '</dl>',
    '</section>',
  ].join('\n');

const renderFooter = ({ url, generatedAt }: { url: string; generatedAt: Date }): string =>
  [
    '<footer class="footer">',
    `<span>Also on the visualization site: <a href="${escapeHtml(url)}" rel="noreferrer noopener" id="visualization-link">${escapeHtml(url)}</a></span>`,
    `<span>Generated by powertune · ${escapeHtml(formatRunDate(generatedAt.toISOString()))}</span>`,
    '</footer>',
  ].join('\n');

/** A sentence describing the chart for screen readers and text browsers. */
const describeChart = (result: TuningResult): string => {
  const ok = result.sizes.filter((s) => s.status === 'ok').sort((a, b) => a.value - b.value);
  const failed = result.sizes.filter((s) => s.status === 'failed').length;
  const first = ok[0];
  const last = ok[ok.length - 1];
  if (first === undefined || last === undefined) return 'Chart: no memory size succeeded.';
  return (
    `Chart of average duration and cost per 1M invocations for ${ok.length} memory sizes from ${first.value} to ${formatMemory(last.value)}: ` +
    `duration goes from ${formatDuration(first.averageDuration)} to ${formatDuration(last.averageDuration)}, ` +
    `cost per 1M from ${formatMoney(first.costPerMillion, result.run.currency)} to ${formatMoney(last.costPerMillion, result.run.currency)}; ` +
    `${
      result.recommendation.constraints?.satisfied === false
        ? 'no size meets the constraints, so none is recommended'
        : `${formatMemory(result.recommendation.power)} is recommended`
    }${failed > 0 ? `; ${failed} size${failed > 1 ? 's' : ''} failed` : ''}.`
  );
};

/**
 * Renders one self-contained HTML document for a tuning result: the
 * recommendation, a chart of duration (with its p50–p95 spread) and cost
 * against memory, the table of every size and the run facts. It makes no
 * network request: styles and the Chart.js bundle are inline and allowed by
 * hash in a strict Content-Security-Policy.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('report.html', renderHtmlReport(result, { includeFunctionName: true }));
 */
const renderHtmlReport = (result: TuningResult, options: HtmlReportOptions = {}): string => {
  const {
    title = DEFAULT_HTML_TITLE,
    generatedAt = new Date(),
    includeFunctionName = false,
    visualizationBaseUrl,
  } = options;
  const chart = buildChartSpec({ runs: [{ result, label: '' }] });
  const facts = collectRunFacts(result, { includeFunctionName });
  const chips = [
    result.run.region,
    result.run.architecture,
    `${result.run.num} invocations per size`,
    formatRunDate(result.run.startedAt),
  ];
  const hint = [
    chart.durationScale === 'logarithmic' ? 'Duration on a logarithmic scale (wide range).' : '',
    'Band: p50–p95 duration. Hover a point for values.',
  ]
    .filter(Boolean)
    .join(' ');
  const body = [
    '<main class="page">',
    '<header class="masthead">',
    '<div>',
    '<p class="eyebrow">powertune · AWS Lambda power tuning</p>',
    `<h1>${escapeHtml(title)}</h1>`,
    includeFunctionName
      ? `<p class="subtitle">Function <strong>${escapeHtml(result.run.functionName)}</strong></p>`
      : '',
    '</div>',
    `<ul class="chips">${chips.map((c) => `<li class="chip">${escapeHtml(c)}</li>`).join('')}</ul>`,
    '</header>',
    renderHero(result),
    renderChartCard({ description: describeChart(result), hint }),
    `<section class="card">${renderSizeTableHtml(result)}</section>`,
    renderFacts(facts),
    renderFooter({ url: resolveVisualizationUrl(result, { baseUrl: visualizationBaseUrl }), generatedAt }),
    '</main>',
  ]
    .filter(Boolean)
    .join('\n');
  return renderHtmlDocument({ title, description: result.recommendation.sentence, body, chart });
};

export { renderHtmlReport };
