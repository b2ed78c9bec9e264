/**
 * The size table for a terminal: columns are dropped (least useful first)
 * and gaps narrowed until it fits the width; failed sizes print their reason.
 *
 * @module report/terminal/render-terminal-table
 */
import { formatDuration, formatMemory, formatMoney, formatPrice, formatRatio } from '../../core/index.js';
import type { TuningResult } from '../../core/types.js';
import { buildSizeTable } from '../build-size-table.js';
import { formatChange } from '../format.js';
import type { SizeRow } from '../types.js';
import type { Paint } from './ansi.js';
import { pad, truncate, visibleWidth } from './ansi.js';

interface Column {
  id: string;
  header: string;
  align: 'left' | 'right';
  /** Lower drops first when the table is too wide; Infinity never drops. */
  keep: number;
  value: (row: SizeRow) => string;
}

const MARKER = { recommended: '▶', tied: '≈', failed: '✗', none: ' ' } as const;
const GAPS = [2, 1] as const;

const columns = (currency: string): Column[] => [
  { id: 'memory', header: 'Memory', align: 'right', keep: Infinity, value: (r) => formatMemory(r.memoryMB) },
  { id: 'avg', header: 'Avg', align: 'right', keep: Infinity, value: (r) => formatDuration(r.stats.averageDuration) },
  { id: 'p50', header: 'p50', align: 'right', keep: 1, value: (r) => formatDuration(r.stats.duration.p50) },
  { id: 'p95', header: 'p95', align: 'right', keep: 3, value: (r) => formatDuration(r.stats.duration.p95) },
  {
    id: 'price',
    header: 'Cost/inv',
    align: 'right',
    keep: 2,
    value: (r) => formatPrice(r.stats.averagePrice, currency),
  },
  {
    id: 'million',
    header: 'Cost/1M',
    align: 'right',
    keep: Infinity,
    value: (r) => formatMoney(r.stats.costPerMillion, currency),
  },
  { id: 'speed', header: 'Speed', align: 'right', keep: 5, value: (r) => formatRatio(r.speedUp) },
  { id: 'cost', header: 'Δ cost', align: 'right', keep: 4, value: (r) => formatChange(r.costChange) },
  {
    id: 'monthly',
    header: 'Monthly',
    align: 'right',
    keep: 6,
    value: (r) => (r.stats.monthly === undefined ? '' : formatMoney(r.stats.monthly.total, currency)),
  },
];

/**
 * Renders the table lines (header, rule, one line per size) within `width`.
 *
 * @example
 * renderTerminalTable(result, { width: 80, paint: createPaint(false) });
 */
const renderTerminalTable = (result: TuningResult, { width, paint }: { width: number; paint: Paint }): string[] => {
  const { rows } = buildSizeTable(result);
  const okRows = rows.filter((r) => !r.failed);
  const hasMonthly = result.sizes.some((s) => s.monthly !== undefined);
  let cols = columns(result.run.currency).filter((c) => c.id !== 'monthly' || hasMonthly);
  const widthOf = (col: Column): number =>
    Math.max(visibleWidth(col.header), ...okRows.map((r) => visibleWidth(col.value(r))));
  const total = (set: Column[], gap: number): number =>
    2 + set.reduce((sum, c) => sum + widthOf(c), 0) + gap * (set.length - 1);
  let gap: number = GAPS[0];
  const narrowest: number = GAPS[GAPS.length - 1] ?? 1;
  for (;;) {
    const fitting = GAPS.find((g) => total(cols, g) <= width);
    if (fitting !== undefined) {
      gap = fitting;
      break;
    }
    const droppable = cols.filter((c) => c.keep !== Infinity).sort((a, b) => a.keep - b.keep)[0];
    if (droppable === undefined) {
      gap = narrowest;
      break;
    }
    cols = cols.filter((c) => c !== droppable);
  }
  const widths = cols.map(widthOf);
  const join = (cells: string[]): string => cells.join(' '.repeat(gap));
  const header = `  ${join(cols.map((c, i) => pad(c.header, widths[i] ?? 0, c.align)))}`;
  const lines = [paint(header, 'bold'), paint(`  ${'─'.repeat(Math.max(0, visibleWidth(header) - 2))}`, 'dim')];
  for (const row of rows) {
    const memory = pad(formatMemory(row.memoryMB), widths[0] ?? 0, 'right');
    if (row.failed) {
      const prefix = `${MARKER.failed} ${memory}${' '.repeat(gap)}`;
      const reason = truncate(
        `failed: ${row.stats.failureReason ?? 'no reason recorded'}`,
        width - visibleWidth(prefix),
      );
      lines.push(paint(`${prefix}${reason}`, 'red'));
      continue;
    }
    const cells = cols.map((c, i) => {
      const text = pad(c.value(row), widths[i] ?? 0, c.align);
      if (c.id === 'speed' && (row.speedUp ?? 1) > 1) return paint(text, 'green');
      if (c.id === 'cost' && row.costChange !== undefined && Math.abs(row.costChange) >= 0.0005) {
        return paint(text, row.costChange < 0 ? 'green' : 'red');
      }
      return text;
    });
    const marker = row.recommended ? MARKER.recommended : row.tied ? MARKER.tied : MARKER.none;
    const line = `${marker} ${join(cells)}`;
    lines.push(row.recommended ? paint(line, 'bold', 'green') : line);
  }
  return lines;
};

export { renderTerminalTable };
