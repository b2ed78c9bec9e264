/**
 * Turns results into the chart spec the HTML page draws: one run per result,
 * measured points with preformatted labels, failed sizes with their reason.
 *
 * @module report/build-chart-spec
 */
import { currencySymbol, formatDuration, formatMoney, formatPrice } from '../core/index.js';
import type { TuningResult } from '../core/types.js';
import { chooseDurationScale } from './choose-duration-scale.js';
import type { ChartRun, ChartSpec } from './types.js';

const buildChartRun = (result: TuningResult, label: string): ChartRun => {
  const currency = result.run.currency;
  const sorted = [...result.sizes].sort((a, b) => a.value - b.value);
  return {
    label,
    recommended: result.recommendation.constraints?.satisfied === false ? null : result.recommendation.power,
    tieBand:
      result.recommendation.tieBand === undefined
        ? null
        : {
            lowMB: result.recommendation.tieBand.lowMB,
            highMB: result.recommendation.tieBand.highMB,
            percent: result.recommendation.tieBand.percent,
          },
    points: sorted
      .filter((size) => size.status === 'ok')
      .map((size) => ({
        x: size.value,
        avg: size.averageDuration,
        p50: size.duration.p50,
        p95: size.duration.p95,
        cost: size.averagePrice,
        perMillion: size.costPerMillion,
        labels: {
          avg: formatDuration(size.averageDuration),
          p50: formatDuration(size.duration.p50),
          p95: formatDuration(size.duration.p95),
          cost: formatPrice(size.averagePrice, currency),
          perMillion: formatMoney(size.costPerMillion, currency),
        },
      })),
    failed: sorted
      .filter((size) => size.status === 'failed')
      .map((size) => ({ x: size.value, reason: size.failureReason ?? 'failed (no reason recorded)' })),
  };
};

/**
 * Builds the spec for one result (`single`) or two (`compare`). The duration
 * axis is logarithmic when any plotted duration range is wider than 20×.
 *
 * @example
 * const spec = buildChartSpec({ runs: [{ result, label: '' }] });
 */
const buildChartSpec = ({ runs }: { runs: Array<{ result: TuningResult; label: string }> }): ChartSpec => {
  const chartRuns = runs.map(({ result, label }) => buildChartRun(result, label));
  const durations = chartRuns.flatMap((run) =>
    run.points.flatMap((p) => (runs.length === 1 ? [p.avg, p.p50, p.p95] : [p.avg])),
  );
  const currency = runs[0]?.result.run.currency ?? 'USD';
  return {
    kind: runs.length === 1 ? 'single' : 'compare',
    durationScale: chooseDurationScale(durations),
    currency: { code: currency, symbol: currencySymbol(currency) },
    runs: chartRuns,
  };
};

export { buildChartSpec };
