/**
 * Derives the per-size rows every renderer shows: sorted by memory, with the
 * recommended size marked and speed-up / cost change relative to a baseline.
 *
 * @module report/build-size-table
 */
import type { TuningResult } from '../core/types.js';
import type { SizeRow, SizeTable } from './types.js';

/**
 * Builds the table of a result. The baseline is the smallest size that
 * succeeded: a failed 128 MB has no duration to be compared with.
 *
 * @example
 * const { rows, baselineMB } = buildSizeTable(result);
 * rows.find((row) => row.recommended)?.memoryMB; // 1536
 */
const buildSizeTable = (result: TuningResult): SizeTable => {
  const sorted = [...result.sizes].sort((a, b) => a.value - b.value);
  const baseline = sorted.find((size) => size.status === 'ok');
  const rows = sorted.map((stats): SizeRow => {
    const failed = stats.status === 'failed';
    const row: SizeRow = {
      stats,
      memoryMB: stats.value,
      failed,
      // When no size meets the constraints, `power` is only the strategy's best overall: not a recommendation.
      recommended:
        !failed &&
        stats.value === result.recommendation.power &&
        result.recommendation.constraints?.satisfied !== false,
      tied: !failed && (result.recommendation.tiedWith?.includes(stats.value) ?? false),
      baseline: baseline !== undefined && stats.value === baseline.value,
    };
    if (!failed && baseline !== undefined) {
      if (stats.averageDuration > 0) row.speedUp = baseline.averageDuration / stats.averageDuration;
      if (baseline.averagePrice > 0)
        row.costChange = (stats.averagePrice - baseline.averagePrice) / baseline.averagePrice;
    }
    return row;
  });
  return baseline === undefined ? { rows } : { rows, baselineMB: baseline.value };
};

export { buildSizeTable };
