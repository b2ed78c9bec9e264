/**
 * Thresholds of the curve classifier, calibrated on the article's six
 * examples (power-tuning-article.txt) and the simulated functions of
 * `bench/simulated-functions.ts`.
 *
 * @module core/explain/constants
 */

const CLASSIFIER = {
  /** A function whose every average is at most this is trivial: billing rounding dominates (article: 5 ms → 2 ms). */
  trivialMaxDurationMs: 20,
  /** Below this slowest/fastest ratio a curve is flat (article patterns 4 and 6: 10–25% gains). */
  flatMaxSpeedup: 1.5,
  /** From this elasticity up to 1,769 MB, duration still falls ∝ 1/memory: CPU-bound. */
  cpuMinElasticity: 0.75,
  /** Above 1,769 MB, an elasticity from this up means more than one core is used (Amdahl: ≳ 40% parallel; the article's primes, 14x → 17x, stay single). */
  multiThreadMinElasticity: 0.35,
  /** Start of the "mid" segment (MB). */
  midSegmentStartMB: 1_024,
  /** Segments shorter than this memory ratio give no reliable elasticity. */
  minSegmentRatio: 1.3,
  /**
   * The measured slope below one vCPU spans at least this memory ratio when
   * the sizes allow: over 1,024 → 1,536 MB alone, a 10% measurement error
   * moves the elasticity by 0.25 — across the CPU-bound threshold.
   */
  preferredSegmentRatio: 2,
  /** Past the point where every further segment has a local elasticity below this, the curve has flattened (doubling memory saves < 30%). */
  flattenedMaxElasticity: 0.5,
  /** Confidence when a feature sits exactly on its threshold, and the relative margin that earns full confidence. */
  boundaryConfidence: 0.5,
  fullConfidenceMargin: 0.3,
  /** Confidence when sizes above 1,769 MB were not measured, so single vs multi-threaded is a guess. */
  unmeasuredHighConfidence: 0.5,
  /** A following segment below one vCPU at most this elastic (in absolute value) has stopped improving at once. */
  abruptStopMaxElasticity: 0.15,
  /**
   * Confidence of a curve that runs ∝ 1/memory and then stops improving at
   * once below one vCPU: network waits do not stop a CPU-proportional curve
   * dead, a CPU limit does (a busy host under the local emulator gives this
   * curve to a compute-only loop), so the cause is unclear.
   */
  abruptStopConfidence: 0.4,
} as const;

/** Below this confidence the explanation says the match is loose. */
const LOOSE_MATCH_CONFIDENCE = 0.6;

export { CLASSIFIER, LOOSE_MATCH_CONFIDENCE };
