/**
 * Explanations: which of the article's patterns a measured curve follows,
 * and the recommendation in sentences with numbers.
 *
 * @module core/explain
 */
export { classifyPattern } from './classify-pattern.js';
export { CLASSIFIER } from './constants.js';
export { UnknownSizeError } from './errors.js';
export { explainRecommendation } from './explain-recommendation.js';
export { describeCost } from './format-explanation.js';
export type { CurveFeatures, CurvePattern, CurvePoint, PatternClassification } from './types.js';
