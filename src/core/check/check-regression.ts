/**
 * The CI gate: did a code change make the function slower or dearer at its
 * configured size, or move its sweet spot? Compares two results.
 *
 * @module core/check/check-regression
 */
import type { PowerStats, TuningResult } from '../types.js';

interface RegressionLimits {
  /** Allowed relative increase of the cost per invocation, e.g. 0.1 for 10%. */
  maxCostIncrease?: number;
  /** Allowed relative increase of the average duration. */
  maxDurationIncrease?: number;
  /** Fail when the recommended size changed (default true). */
  failOnSweetSpotMove?: boolean;
}

interface RegressionFinding {
  kind: 'cost' | 'duration' | 'sweet-spot' | 'missing-size';
  message: string;
}

interface RegressionCheck {
  /** Memory size compared (MB). */
  power: number;
  /** Why that size: the function's configured memory, or the baseline's recommendation. */
  basis: 'configured' | 'recommended';
  costChange: number;
  durationChange: number;
  findings: RegressionFinding[];
  passed: boolean;
  summary: string;
}

const okSize = (result: TuningResult, power: number): PowerStats | undefined =>
  result.sizes.find((s) => s.value === power && s.status === 'ok');

const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

/**
 * Compares `current` against `baseline`.
 *
 * @example
 * const check = checkRegression({ current, baseline, limits: { maxCostIncrease: 0.1, maxDurationIncrease: 0.1 } });
 * if (!check.passed) console.error(check.summary);
 */
const checkRegression = ({
  current,
  baseline,
  limits,
}: {
  current: TuningResult;
  baseline: TuningResult;
  limits: RegressionLimits;
}): RegressionCheck => {
  const configured = current.run.originalMemoryMB ?? baseline.run.originalMemoryMB;
  const useConfigured =
    configured !== undefined && okSize(current, configured) !== undefined && okSize(baseline, configured) !== undefined;
  const power = useConfigured && configured !== undefined ? configured : baseline.power;
  const basis = useConfigured ? 'configured' : 'recommended';
  const findings: RegressionFinding[] = [];
  const now = okSize(current, power);
  const before = okSize(baseline, power);
  let costChange = 0;
  let durationChange = 0;
  if (now === undefined || before === undefined) {
    findings.push({
      kind: 'missing-size',
      message: `${power} MB was not measured successfully in ${now === undefined ? 'the current result' : 'the baseline'}; measure the same sizes in both runs`,
    });
  } else {
    costChange = before.averagePrice === 0 ? 0 : now.averagePrice / before.averagePrice - 1;
    durationChange = before.averageDuration === 0 ? 0 : now.averageDuration / before.averageDuration - 1;
    if (limits.maxCostIncrease !== undefined && costChange > limits.maxCostIncrease) {
      findings.push({
        kind: 'cost',
        message: `cost per invocation at ${power} MB rose ${percent(costChange)} (limit ${percent(limits.maxCostIncrease)})`,
      });
    }
    if (limits.maxDurationIncrease !== undefined && durationChange > limits.maxDurationIncrease) {
      findings.push({
        kind: 'duration',
        message: `average duration at ${power} MB rose ${percent(durationChange)}: ${before.averageDuration.toFixed(2)} ms → ${now.averageDuration.toFixed(2)} ms (limit ${percent(limits.maxDurationIncrease)})`,
      });
    }
  }
  if ((limits.failOnSweetSpotMove ?? true) && current.power !== baseline.power) {
    findings.push({
      kind: 'sweet-spot',
      message: `the recommended size moved from ${baseline.power} MB to ${current.power} MB (${current.recommendation.strategy} strategy)`,
    });
  }
  const passed = findings.length === 0;
  const where = `${power} MB (${basis === 'configured' ? 'the configured size' : 'the baseline\'s recommended size'})`;
  const summary = passed
    ? `check passed at ${where}: cost ${costChange >= 0 ? '+' : ''}${percent(costChange)}, duration ${durationChange >= 0 ? '+' : ''}${percent(durationChange)}, sweet spot unchanged at ${current.power} MB`
    : `check failed at ${where}:\n${findings.map((f) => `  - ${f.message}`).join('\n')}`;
  return { power, basis, costChange, durationChange, findings, passed, summary };
};

export { checkRegression };
export type { RegressionCheck, RegressionFinding, RegressionLimits };
