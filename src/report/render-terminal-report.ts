/**
 * The terminal report: the size table, the recommendation, a small chart and
 * the visualization link, fitted to the terminal's width.
 *
 * @module report/render-terminal-report
 */
import { describeTieBandLine, formatMemory, tieBandBasis } from '../core/index.js';
import type { TuningResult } from '../core/types.js';
import { buildSizeTable } from './build-size-table.js';
import { Terminal } from './constants.js';
import { resolveVisualizationUrl } from './resolve-visualization-url.js';
import { createPaint, truncate, wrap } from './terminal/ansi.js';
import { renderTerminalChart } from './terminal/render-terminal-chart.js';
import { renderTerminalTable } from './terminal/render-terminal-table.js';
import type { TerminalReportOptions } from './types.js';

/**
 * Renders the report for a terminal. Every line fits `width` (default 80,
 * at least 60) except the visualization URL, which is printed whole on its
 * own line so that it stays clickable and copyable. Colours (ANSI) only when
 * `color` is true; decide that with `shouldUseColor`.
 *
 * @example
 * process.stdout.write(renderTerminalReport(result, {
 *   width: process.stdout.columns,
 *   color: shouldUseColor({ stream: process.stdout, env: process.env }),
 * }));
 */
const renderTerminalReport = (result: TuningResult, options: TerminalReportOptions = {}): string => {
  const { color = false, visualizationBaseUrl } = options;
  const requested = options.width ?? Terminal.defaultWidth;
  const width = Number.isFinite(requested) ? Math.max(Terminal.minWidth, Math.floor(requested)) : Terminal.defaultWidth;
  const paint = createPaint(color);
  const { baselineMB } = buildSizeTable(result);
  const { recommendation, run } = result;

  const lines: string[] = [];
  const invocations =
    run.search === undefined
      ? `${run.num} invocations per size`
      : `adaptive search, ${run.totalInvocations} invocations`;
  const heading = `Power tuning · ${run.region} · ${run.architecture} · ${run.strategy} strategy · ${invocations}`;
  lines.push(...wrap(heading, width).map((l) => paint(l, 'bold')), '');
  lines.push(...renderTerminalTable(result, { width, paint }));
  const hasFailed = result.sizes.some((s) => s.status === 'failed');
  const hasTied = result.sizes.some((s) => recommendation.tiedWith?.includes(s.value) ?? false);
  const unmet = recommendation.constraints?.satisfied === false;
  const note = [
    `Rows: ${unmet ? 'none recommended' : '▶ recommended'}${hasTied && !unmet ? `, ≈ tied with it (${tieBandBasis(recommendation.tieBand?.percent ?? 0)})` : ''}${hasFailed ? ', ✗ failed' : ''}.`,
    baselineMB === undefined
      ? ''
      : `Speed and Δ cost relative to ${formatMemory(baselineMB)}, the smallest size that succeeded.`,
  ]
    .filter(Boolean)
    .join(' ');
  lines.push(...wrap(note, width).map((l) => paint(l, 'dim')), '');

  if (recommendation.constraints?.satisfied === false) {
    lines.push(paint(truncate('✗ No memory size meets the constraints', width), 'bold', 'red'));
  } else {
    const title = `★ Recommended: ${formatMemory(recommendation.power)} (${recommendation.strategy})`;
    lines.push(paint(truncate(title, width), 'bold', 'green'));
    const band = recommendation.tieBand;
    if (band !== undefined) {
      const line = describeTieBandLine({
        strategy: recommendation.strategy,
        power: recommendation.power,
        tiedWith: recommendation.tiedWith ?? [],
        band,
      });
      lines.push(...wrap(`≈ ${line}`, width).map((l) => paint(l, 'green')));
    }
  }
  lines.push(...wrap(recommendation.sentence, width));
  const [why] = recommendation.explanation ?? [];
  if (why !== undefined) lines.push(...wrap(why, width).map((l) => paint(l, 'dim')));
  if (
    !unmet &&
    recommendation.tieBand === undefined &&
    recommendation.significant === false &&
    recommendation.runnerUp !== undefined
  ) {
    lines.push(
      ...wrap(
        `Not clearly better than ${formatMemory(recommendation.runnerUp)}: their confidence intervals overlap.`,
        width,
      ).map((l) => paint(l, 'yellow')),
    );
  }
  // Why an adaptive search stopped where it did (its budget, a tie, separation), as the HTML and Markdown run facts say.
  if (run.search !== undefined)
    lines.push(
      ...wrap(`Search stopped: ${run.search.stopExplanation ?? run.search.stopReason}.`, width).map((l) =>
        paint(l, 'dim'),
      ),
    );
  const chart = renderTerminalChart(result, { width, paint });
  if (chart.length > 0) lines.push('', ...chart);
  lines.push('', paint('Chart online:', 'dim'), resolveVisualizationUrl(result, { baseUrl: visualizationBaseUrl }));
  return `${lines.join('\n')}\n`;
};

export { renderTerminalReport };
