/**
 * Shapes of curve classification and explanation.
 *
 * @module core/explain/types
 */

/** The cost/performance patterns of the power-tuning article, plus `unknown` when too little was measured. */
type CurvePattern =
  'trivial' | 'cpu-single-thread' | 'cpu-multi-thread' | 'network-flat' | 'network-scaling' | 'unknown';

/** One measured size (a `PowerStats` fits). */
interface CurvePoint {
  /** Memory size (MB). */
  value: number;
  /** Average duration (ms). */
  averageDuration: number;
  /** Average price of one invocation (needed by `explainRecommendation`). */
  averagePrice?: number;
}

/** Numbers behind a classification. Elasticity = −d ln(duration) / d ln(memory): 1 = duration ∝ 1/memory, 0 = flat. */
interface CurveFeatures {
  /** Longest average duration (ms). */
  maxDurationMs: number;
  /** Slowest / fastest average duration. */
  speedup: number;
  /** Elasticity from the smallest size to 1,024 MB. */
  lowElasticity?: number;
  /** Elasticity from 1,024 MB (or the smallest size above it) to the 1-vCPU boundary (1,769 MB). */
  midElasticity?: number;
  /** Elasticity from 1,769 MB to the largest size. */
  highElasticity?: number;
  /** Smallest size from which doubling memory no longer saves ~30% of the time (local elasticity < 0.5 on every later segment), MB. */
  flattensFromMB: number;
}

/** The pattern a curve follows, how sure the classifier is, and why. */
interface PatternClassification {
  pattern: CurvePattern;
  /** 0..1: 0.5 on a decision boundary, 1 far from every boundary; 0 for `unknown`. */
  confidence: number;
  features: CurveFeatures;
  /** One clause with the numbers that decided, e.g. "duration falls ∝ 1/memory up to 1,769 MB (elasticity 1.02) and is flat above it (0.01)". */
  evidence: string;
}

export type { CurveFeatures, CurvePattern, CurvePoint, PatternClassification };
