/**
 * Adaptive search and sample-size planning: find the best memory
 * size with fewer invocations, with 95% intervals you can trust.
 *
 * @module core/search
 */
export { constraintViolation, describeNoEligibleSize, filterByConstraints } from './apply-constraints.js';
export type { RejectedSize } from './apply-constraints.js';
export { buildCandidateGrid, midpointBetween } from './candidate-grid.js';
export { DEFAULT_COARSE_SIZES_MB, listEquivalentBudget, SEARCH_DEFAULTS, VCPU_BOUNDARIES_MB } from './constants.js';
export { createSearchPlanner } from './create-search-planner.js';
export { describeStopReason } from './describe-stop-reason.js';
export { SearchError, SearchOptionError } from './errors.js';
export { estimateSizes, rankEstimates } from './estimate-sizes.js';
export type { EstimateOptions } from './estimate-sizes.js';
export { isEquivalent, recommendFromObservations } from './recommend-from-observations.js';
export type {
  ConstraintVerdict,
  DurationPercentile,
  MeasureRequest,
  SearchBudget,
  SearchConstraints,
  SearchDoneReason,
  SearchObservation,
  SearchPhase,
  SearchPlanner,
  SearchPlannerOptions,
  SearchPrice,
  SearchRecommendation,
  SearchState,
  SearchStep,
  SizeEstimate,
} from './types.js';
