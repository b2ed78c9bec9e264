/**
 * CloudWatch statistics over raw values (the local service keeps every
 * value, so percentiles are exact rather than CloudWatch's approximations).
 *
 * @module emulator/cloudwatch/compute-statistic
 */

/**
 * `Sum`, `Average`, `Minimum`, `Maximum`, `SampleCount` or `pNN[.N]`; undefined
 * for an unknown statistic or no values.
 *
 * @example
 * computeStatistic({ stat: 'p95', values: [1, 2, 3] }); // 3
 */
const computeStatistic = ({ stat, values }: { stat: string; values: readonly number[] }): number | undefined => {
  if (values.length === 0) return undefined;
  switch (stat) {
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'SampleCount':
      return values.length;
    default: {
      const match = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat);
      if (match === null) return undefined;
      const sorted = [...values].sort((a, b) => a - b);
      // Nearest rank: the smallest value with at least p% of the values at or below it.
      const rank = Math.max(1, Math.ceil((Number(match[1]) / 100) * sorted.length));
      return sorted[rank - 1];
    }
  }
};

export { computeStatistic };
