/**
 * A GitHub-flavoured Markdown summary for a pull request comment or
 * `$GITHUB_STEP_SUMMARY`.
 *
 * @module report/render-markdown-report
 */
import {
  describeTieBandLine,
  formatDuration,
  formatMemory,
  formatMoney,
  formatPrice,
  formatRatio,
  tieBandBasis,
} from '../core/index.js';
import type { TuningResult } from '../core/types.js';
import { buildSizeTable } from './build-size-table.js';
import { collectRunFacts } from './collect-run-facts.js';
import { NONE } from './constants.js';
import { formatChange } from './format.js';
import { resolveVisualizationUrl } from './resolve-visualization-url.js';
import type { CommonReportOptions } from './types.js';

/** Escapes text for a Markdown table cell (pipes, line breaks) and inline HTML. */
const cell = (text: string): string =>
  text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');

/**
 * Renders the Markdown report: heading, recommendation sentence, the table of
 * every size (recommended row in bold, failed rows with their reason), run
 * facts and the visualization link.
 *
 * @example
 * appendFileSync(process.env.GITHUB_STEP_SUMMARY!, renderMarkdownReport(result));
 */
const renderMarkdownReport = (result: TuningResult, options: CommonReportOptions = {}): string => {
  const { includeFunctionName = false, visualizationBaseUrl } = options;
  const { rows, baselineMB } = buildSizeTable(result);
  const currency = result.run.currency;
  const vs = baselineMB === undefined ? '' : ` vs ${formatMemory(baselineMB)}`;
  const name = includeFunctionName ? ` for \`${result.run.functionName.replace(/`/g, '')}\`` : '';
  const headline =
    result.recommendation.constraints?.satisfied === false
      ? 'no size meets the constraints'
      : `${formatMemory(result.recommendation.power)} recommended`;
  const lines = [
    `## ⚡ Lambda power tuning${name}: ${headline}`,
    '',
    `**${cell(result.recommendation.sentence)}** (${result.recommendation.strategy} strategy)`,
    '',
    ...(result.recommendation.tieBand === undefined || result.recommendation.constraints?.satisfied === false
      ? []
      : [
          `≈ ${cell(
            describeTieBandLine({
              strategy: result.recommendation.strategy,
              power: result.recommendation.power,
              tiedWith: result.recommendation.tiedWith ?? [],
              band: result.recommendation.tieBand,
            }),
          )}`,
          '',
        ]),
    ...(result.recommendation.explanation?.[0] === undefined ? [] : [cell(result.recommendation.explanation[0]), '']),
    `| Memory | Avg | p50 | p95 | p99 | Cost / invocation | Cost / 1M | Speed${vs} | Cost${vs} | Cold starts | Max memory used | Status |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|',
  ];
  for (const row of rows) {
    const s = row.stats;
    const memory = row.recommended ? `**${formatMemory(row.memoryMB)}**` : formatMemory(row.memoryMB);
    const maxMemory = s.maxMemoryUsedMB === undefined ? NONE : formatMemory(s.maxMemoryUsedMB);
    if (row.failed) {
      const reason = cell(s.failureReason ?? 'no reason recorded');
      lines.push(
        `| ${memory} | ${NONE} | ${NONE} | ${NONE} | ${NONE} | ${NONE} | ${NONE} | ${NONE} | ${NONE} | ${NONE} | ${maxMemory} | ❌ failed: ${reason} |`,
      );
      continue;
    }
    const status =
      [
        row.recommended ? '✅ **recommended**' : '',
        row.tied ? `≈ tied (${tieBandBasis(result.recommendation.tieBand?.percent ?? 0)})` : '',
        row.baseline ? 'baseline' : '',
        s.memoryWarning === undefined ? '' : `⚠️ ${cell(s.memoryWarning)}`,
      ]
        .filter(Boolean)
        .join(' · ') || 'ok';
    const values = [
      formatDuration(s.averageDuration),
      formatDuration(s.duration.p50),
      formatDuration(s.duration.p95),
      formatDuration(s.duration.p99),
      formatPrice(s.averagePrice, currency),
      formatMoney(s.costPerMillion, currency),
      formatRatio(row.speedUp),
      formatChange(row.costChange),
      String(s.coldStarts.count),
      maxMemory,
    ].map((v) => (row.recommended ? `**${v}**` : v));
    lines.push(`| ${memory} | ${values.join(' | ')} | ${status} |`);
  }
  lines.push('', '<details><summary>Run facts</summary>', '');
  for (const fact of collectRunFacts(result, { includeFunctionName })) {
    lines.push(`- **${fact.label}:** ${cell(fact.value)}`);
  }
  lines.push('', '</details>', '');
  lines.push(
    `[Open the chart on the visualization site](${resolveVisualizationUrl(result, { baseUrl: visualizationBaseUrl })})`,
    '',
  );
  return lines.join('\n');
};

export { renderMarkdownReport };
