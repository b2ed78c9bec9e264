/**
 * The self-contained HTML comparison of two tuning runs: both on one chart,
 * one table, the differences in words and the visualization site's
 * 8-part comparison link.
 *
 * @module report/render-comparison-html
 */
import { formatDuration, formatMemory, formatMoney, groupThousands } from '../core/index.js';
import type { TuningResult } from '../core/types.js';
import { buildComparisonUrl, DEFAULT_VISUALIZATION_BASE_URL } from '../core/visualization/visualization-url.js';
import { buildChartSpec } from './build-chart-spec.js';
import { formatRunDate } from './collect-run-facts.js';
import { compareResults } from './compare-results.js';
import { NONE } from './constants.js';
import { formatChange } from './format.js';
import { escapeHtml } from './html/escape-html.js';
import { renderHtmlDocument } from './html/render-html-document.js';
import type { ComparisonRow } from './types.js';

const changeCell = (value: number | undefined): string => {
  if (value === undefined) return `<td>${NONE}</td>`;
  const tolerance = 0.0005;
  const cls = Math.abs(value) < tolerance ? '' : value < 0 ? ' class="better"' : ' class="worse"';
  return `<td${cls}>${escapeHtml(formatChange(value))}</td>`;
};

const sideCells = (row: ComparisonRow, side: 'a' | 'b', currency: string): string[] => {
  const stats = row[side];
  if (stats === undefined) return [`<td>not measured</td>`, `<td>${NONE}</td>`];
  if (stats.status === 'failed') return [`<td class="reason-cell">failed</td>`, `<td>${NONE}</td>`];
  return [
    `<td>${escapeHtml(formatDuration(stats.averageDuration))}</td>`,
    `<td>${escapeHtml(formatMoney(stats.costPerMillion, currency))}</td>`,
  ];
};

/**
 * Renders the comparison of run `b` against run `a` (changes are "b relative
 * to a"). Labels default to the architectures when they differ, else A and B.
 *
 * @example
 * writeFileSync('compare.html', renderComparisonHtml({ a: x86, b: arm, labelA: 'x86_64', labelB: 'arm64' }));
 */
const renderComparisonHtml = ({
  a,
  b,
  labelA,
  labelB,
  title,
  generatedAt = new Date(),
  visualizationBaseUrl = DEFAULT_VISUALIZATION_BASE_URL,
}: {
  a: TuningResult;
  b: TuningResult;
  labelA?: string;
  labelB?: string;
  title?: string;
  generatedAt?: Date;
  visualizationBaseUrl?: string;
}): string => {
  const comparison = compareResults({
    a,
    b,
    ...(labelA === undefined ? {} : { labelA }),
    ...(labelB === undefined ? {} : { labelB }),
  });
  const { labelA: nameA, labelB: nameB } = comparison;
  const pageTitle = title ?? `Lambda power tuning: ${nameA} vs ${nameB}`;
  const chart = buildChartSpec({
    runs: [
      { result: a, label: nameA },
      { result: b, label: nameB },
    ],
  });
  const url = buildComparisonUrl({
    a: a.stats,
    b: b.stats,
    legendA: nameA,
    legendB: nameB,
    baseUrl: visualizationBaseUrl,
  });
  const currencyA = a.run.currency;
  const currencyB = b.run.currency;
  const rows = comparison.rows.map((row) => {
    const badges = [
      row.recommendedA ? `<span class="badge badge-good">${escapeHtml(nameA)} best</span>` : '',
      row.recommendedB ? `<span class="badge badge-good">${escapeHtml(nameB)} best</span>` : '',
    ]
      .filter(Boolean)
      .join('');
    const classes = row.recommendedA || row.recommendedB ? ' class="recommended"' : '';
    return [
      `<tr${classes}><th scope="row">${escapeHtml(formatMemory(row.memoryMB))}${badges === '' ? '' : `<span class="badges">${badges}</span>`}</th>`,
      sideCells(row, 'a', currencyA)[0],
      sideCells(row, 'b', currencyB)[0],
      changeCell(row.durationChange),
      sideCells(row, 'a', currencyA)[1],
      sideCells(row, 'b', currencyB)[1],
      changeCell(row.costChange),
      '</tr>',
    ].join('');
  });
  const headers = [
    'Memory',
    `${nameA} avg duration`,
    `${nameB} avg duration`,
    `Δ duration (${nameB} vs ${nameA})`,
    `${nameA} cost / 1M`,
    `${nameB} cost / 1M`,
    `Δ cost (${nameB} vs ${nameA})`,
  ];
  const runChip = (name: string, r: TuningResult): string =>
    `<li class="chip">${escapeHtml(`${name}: ${r.run.region} · ${r.run.architecture} · ${r.run.strategy} · ${formatRunDate(r.run.startedAt)}`)}</li>`;
  const body = [
    '<main class="page">',
    '<header class="masthead">',
    '<div>',
    '<p class="eyebrow">powertune · comparison</p>',
    `<h1>${escapeHtml(pageTitle)}</h1>`,
    '</div>',
    `<ul class="chips">${runChip(nameA, a)}${runChip(nameB, b)}</ul>`,
    '</header>',
    '<section class="hero" aria-labelledby="difference-heading">',
    '<div>',
    '<h2 id="difference-heading" class="hero-label">Best sizes</h2>',
    `<p class="hero-value">${groupThousands(a.recommendation.power)}<small>MB</small></p>`,
    `<p class="hero-strategy">${escapeHtml(nameA)}</p>`,
    `<p class="hero-value">${groupThousands(b.recommendation.power)}<small>MB</small></p>`,
    `<p class="hero-strategy">${escapeHtml(nameB)}</p>`,
    '</div>',
    '<div>',
    `<p class="sentence" id="comparison-sentence">${escapeHtml(comparison.sentences[0] ?? '')}</p>`,
    `<ul class="sentences">${comparison.sentences
      .slice(1)
      .map((s) => `<li>${escapeHtml(s)}</li>`)
      .join('')}</ul>`,
    '</div>',
    '</section>',
    '<section class="card" aria-labelledby="chart-heading">',
    '<div class="card-head">',
    '<h2 id="chart-heading">Duration and cost by memory</h2>',
    `<p class="hint">${chart.durationScale === 'logarithmic' ? 'Duration on a logarithmic scale. ' : ''}Solid: duration; dashed: cost per 1M. Hover a point for values.</p>`,
    '</div>',
    '<div class="chart-box">',
    `<canvas id="powertune-chart" role="img" aria-label="${escapeHtml(`Chart comparing ${nameA} and ${nameB}. ${comparison.sentences[0] ?? ''}`)}"><p>The table lists every value.</p></canvas>`,
    '</div>',
    '</section>',
    '<section class="card">',
    '<div class="table-wrap" role="region" aria-labelledby="comparison-caption" tabindex="0">',
    '<table id="comparison">',
    `<caption id="comparison-caption"><strong>Both runs, size by size</strong>Changes are ${escapeHtml(nameB)} relative to ${escapeHtml(nameA)}; negative is faster or cheaper.</caption>`,
    `<thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '</div>',
    '</section>',
    '<footer class="footer">',
    `<span>Also on the visualization site: <a href="${escapeHtml(url)}" rel="noreferrer noopener" id="visualization-link">${escapeHtml(url)}</a></span>`,
    `<span>Generated by powertune · ${escapeHtml(formatRunDate(generatedAt.toISOString()))}</span>`,
    '</footer>',
    '</main>',
  ].join('\n');
  return renderHtmlDocument({ title: pageTitle, description: comparison.sentences[0] ?? pageTitle, body, chart });
};

export { renderComparisonHtml };
