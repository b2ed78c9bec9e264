/**
 * Renderers of a tuning result: self-contained HTML (chart inlined, works
 * offline), terminal table + chart, Markdown, CSV, and comparisons of two runs.
 * Pure apart from reading the clock for a default "generated at" date.
 *
 * @module report
 */
export { buildSizeTable } from './build-size-table.js';
export { compareResults } from './compare-results.js';
export { EmptyResultError, MissingSamplesError, ReportError } from './errors.js';
export { formatChange, formatPerMillion, formatRatioPercent } from './format.js';
export { renderComparisonHtml } from './render-comparison-html.js';
export { renderCsv } from './render-csv.js';
export { renderHtmlReport } from './render-html-report.js';
export { renderMarkdownReport } from './render-markdown-report.js';
export { renderTerminalReport } from './render-terminal-report.js';
export { resolveVisualizationUrl } from './resolve-visualization-url.js';
export { shouldUseColor } from './should-use-color.js';
export type {
  ChartSpec,
  CommonReportOptions,
  Comparison,
  ComparisonRow,
  CsvOptions,
  HtmlReportOptions,
  SizeRow,
  SizeTable,
  TerminalReportOptions,
} from './types.js';
