/**
 * The pure core of powertune: input validation, power values, payloads,
 * REPORT parsing, statistics, prices, strategies, analysis and the
 * visualization URL. No I/O, no clock, no SDK: everything is a function of
 * its arguments. Other features import core through this file only.
 *
 * @module core
 */
export { analyze } from './analysis/analyze.js';
export type { AnalyzeFacts, AnalyzeOptions } from './analysis/analyze.js';
export { describeMonthlySaving, formatInvocationCount, monthlyBill } from './analysis/monthly-bill.js';
export { recommendationSentence } from './analysis/recommendation-sentence.js';
export type { SentencePoint } from './analysis/recommendation-sentence.js';
export { functionNameOfArn, regionOfArn, unqualifiedArn } from './arn/arn-parts.js';
export { isValidRegion, partitionOfRegion } from './arn/is-valid-region.js';
export { parseFunctionTarget } from './arn/parse-function-target.js';
export type { FunctionTarget } from './arn/parse-function-target.js';
export {
  CPU_MODEL_CHOICES,
  DEFAULT_BALANCED_WEIGHT,
  DEFAULT_COLD_START_RATE,
  INVOCATION_ORDERS,
  DEFAULT_DISCARD_TOP_BOTTOM,
  DEFAULT_POWER_VALUES,
  DEFAULT_RANGE_STEP_MB,
  DEFAULT_STRATEGY,
  DRY_RUN_NUM,
  INVOCATIONS_PER_MILLION,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
  MAX_ALIAS_NAME_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_DISCARD_TOP_BOTTOM,
  MAX_FUNCTION_NAME_LENGTH,
  MAX_PAYLOAD_BYTES,
  MAX_VCPUS,
  MB_PER_GB,
  MEMORY_WARNING_RATIO,
  MIN_NUM,
  MS_PER_SECOND,
  PERCENT,
  ONE_VCPU_MEMORY_MB,
  REFERENCE_ALL_POWER_VALUES,
  STRATEGIES,
  TIE_RELATIVE_TOLERANCE,
} from './constants.js';
export {
  AllSizesFailedError,
  ExitCode,
  InputError,
  NoViableSizeError,
  PowerTuneError,
  ReportParseError,
} from './errors.js';
export type { ExitCodeValue, InputErrorOptions } from './errors.js';
export { formatDuration } from './format/format-duration.js';
export type { DurationStyle, FormatDurationOptions } from './format/format-duration.js';
export { currencySymbol, formatMoney, formatPrice } from './format/format-money.js';
export {
  describeCostChange,
  describeSpeedChange,
  formatMemory,
  formatPercent,
  formatRatio,
  groupThousands,
  NO_VALUE,
  RATIO_GLYPH,
} from './format/format-numbers.js';
export { describeValue } from './input/describe-value.js';
export { parsePowerValues } from './input/parse-power-values.js';
export { parseS3Uri } from './input/parse-s3-uri.js';
export { levenshtein, suggestClosest, suggestOption } from './input/suggest-option.js';
export {
  isAuto,
  readConstraints,
  readMonthlyOptions,
  readSearchInput,
  SEARCH_OPTION_KEYS,
} from './input/read-search-options.js';
export { KNOWN_OPTIONS, validateInput } from './input/validate-input.js';
export type { ValidateInputOptions } from './input/validate-input.js';
export { convertPayload } from './payload/convert-payload.js';
export { generatePayloads, weightedShares } from './payload/generate-payloads.js';
export { isWeightedPayload } from './payload/is-weighted-payload.js';
export { assertPayloadSize, utf8ByteLength } from './payload/payload-size.js';
export { invocationCost } from './pricing/invocation-cost.js';
export { monthlyCost } from './pricing/monthly-cost.js';
export {
  catalogRegions,
  getLambdaPrice,
  lambdaFreeTier,
  stepFunctionsCost,
  stepFunctionsTransitionPrice,
} from './pricing/price-catalog.js';
export { referenceBaseCost, referenceInvocationCost, referenceStepFunctionsCost } from './pricing/reference-cost.js';
export type { LambdaPrice, MonthlyCost, PriceTier } from './pricing/types.js';
export { parseReport } from './report/parse-report.js';
export {
  aliasNameOf,
  aliasPrefixOf,
  COLD_START_DESCRIPTION_SEPARATOR,
  coldStartDescription,
  copyFunctionDescription,
  copyFunctionName,
  parseAliasName,
  parseCopyFunctionName,
  parseRunVersionDescription,
  RUN_PREFIX,
  RUN_VERSION_DESCRIPTION_PREFIX,
  runLabelOf,
  runVersionDescription,
  runVersionMarkerOf,
  stripColdStartTag,
} from './run-naming.js';
export type { FunctionCopyName, RunAlias, RunVersionMarker } from './run-naming.js';
export { meanInterval, tQuantile95, trimmedMeanInterval, wilsonInterval } from './statistics/confidence-interval.js';
export type { Interval } from './statistics/confidence-interval.js';
export { createSeededRandom } from './statistics/create-seeded-random.js';
export { percentile } from './statistics/percentile.js';
export { summarize } from './statistics/summarize.js';
export { trimmedMean } from './statistics/trimmed-mean.js';
export { balancedScore, selectOptimal } from './strategies/select-optimal.js';
export type { Selection } from './strategies/select-optimal.js';
export {
  cannotBeToldApart,
  compareForStrategy,
  decideStrategy,
  describeTieBand,
  describeTieBandLine,
  tieBandBasis,
  INDIFFERENCE_BAND,
  isSeparated,
  isTiedWithin,
  STRATEGY_TABLE,
} from './strategies/strategy-table.js';
export type {
  MetricInterval,
  TieRule,
  StrategyDecision,
  StrategyMetric,
  StrategyPoint,
  StrategyRule,
} from './strategies/strategy-table.js';
export type {
  AdaptiveSearchInput,
  Architecture,
  CpuModelChoice,
  DurationPercentile,
  InvocationOrder,
  InvocationSample,
  MonthlyBill,
  PowerStats,
  Recommendation,
  ReportRecord,
  RunFacts,
  SearchFacts,
  SeriesStats,
  Strategy,
  TieBand,
  TuningConstraints,
  TuningInput,
  TuningResult,
  WeightedPayload,
} from './types.js';
export {
  buildComparisonUrl,
  buildVisualizationUrl,
  decodeVisualizationHash,
  DEFAULT_VISUALIZATION_BASE_URL,
  encodeVisualizationHash,
} from './visualization/visualization-url.js';
export type { VisualizationPoint } from './visualization/visualization-url.js';
export { checkRegression, defaultLimitsFor } from './check/check-regression.js';
export type {
  RegressionCheck,
  RegressionComparison,
  RegressionFinding,
  RegressionLimits,
  SweetSpotVerdict,
} from './check/check-regression.js';
export { IncomparableResultsError } from './check/errors.js';
export {
  constraintViolation,
  createSearchPlanner,
  DEFAULT_COARSE_SIZES_MB,
  describeNoEligibleSize,
  describeStopReason,
  filterByConstraints,
  listEquivalentBudget,
  recommendFromObservations,
  SEARCH_DEFAULTS,
  SearchError,
  SearchOptionError,
  VCPU_BOUNDARIES_MB,
} from './search/index.js';
export type {
  MeasureRequest,
  RejectedSize,
  SearchBudget,
  SearchConstraints,
  SearchDoneReason,
  SearchObservation,
  SearchPhase,
  SearchPlanner,
  SearchPlannerOptions,
  SearchRecommendation,
  SearchState,
  SearchStep,
  SizeEstimate,
} from './search/index.js';
export { classifyPattern, explainRecommendation, UnknownSizeError } from './explain/index.js';
export type { CurvePattern, CurvePoint, PatternClassification } from './explain/index.js';
