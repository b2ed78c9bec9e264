/**
 * powertune's library entry: the pure core (validation, REPORT parsing,
 * statistics, prices, strategies, analysis, adaptive search) and the report
 * renderers. It never loads the AWS SDK; the parts that do sit behind
 * subpath exports: `powertune/tuner` (a tuning run and the SDK port),
 * `powertune/emulator` (the local Lambda service), `powertune/stepfunctions`
 * and `powertune/cdk`.
 *
 * @example
 * import { analyze, parseReport, renderHtmlReport } from 'powertune';
 *
 * @module powertune
 */
export {
  AllSizesFailedError,
  analyze,
  buildComparisonUrl,
  buildVisualizationUrl,
  checkRegression,
  decodeVisualizationHash,
  encodeVisualizationHash,
  generatePayloads,
  getLambdaPrice,
  InputError,
  invocationCost,
  monthlyCost,
  parseFunctionTarget,
  parsePowerValues,
  parseReport,
  PowerTuneError,
  selectOptimal,
  summarize,
  trimmedMean,
  validateInput,
} from './core/index.js';
export type {
  Architecture,
  InvocationSample,
  LambdaPrice,
  PowerStats,
  Recommendation,
  ReportRecord,
  RunFacts,
  SeriesStats,
  Strategy,
  TuningInput,
  TuningResult,
} from './core/index.js';
export {
  compareResults,
  renderComparisonHtml,
  renderCsv,
  renderHtmlReport,
  renderMarkdownReport,
  renderTerminalReport,
} from './report/index.js';
