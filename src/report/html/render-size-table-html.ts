/**
 * The table of every memory size as accessible HTML: a `<caption>`, column
 * headers with `scope="col"`, the memory of each row as its `scope="row"`
 * header, and status words (not only colours) for recommended and failed rows.
 *
 * @module report/html/render-size-table-html
 */
import { formatDuration, formatMemory, formatMoney, formatPrice, formatRatio } from '../../core/index.js';
import type { TuningResult } from '../../core/types.js';
import { buildSizeTable } from '../build-size-table.js';
import { NONE } from '../constants.js';
import { formatChange } from '../format.js';
import type { SizeRow } from '../types.js';
import { escapeHtml } from './escape-html.js';

/** Changes smaller than this (0.05%) are shown without colour. */
const NEUTRAL_TOLERANCE = 0.0005;

/** Columns between the memory header and the max-memory column (spanned by a failure reason). */
const METRIC_COLUMNS = 9;

const errorsText = (errors: Record<string, number>): string => {
  const entries = Object.entries(errors).filter(([, count]) => count > 0);
  if (entries.length === 0) return '0';
  return entries.map(([type, count]) => `${type} ×${count}`).join(', ');
};

/** Green when the change helps the user, red when it hurts (lower is better for both). */
const changeClass = (value: number | undefined, better: 'lower' | 'higher'): string => {
  const neutral = better === 'lower' ? 0 : 1;
  if (value === undefined || Math.abs(value - neutral) < NEUTRAL_TOLERANCE) return '';
  const good = better === 'lower' ? value < 0 : value > 1;
  return good ? ' class="better"' : ' class="worse"';
};

/** Status words sit in the row header, so a screen reader announces them with every cell. */
const statusBadges = (row: SizeRow): string => {
  if (row.failed) return '<span class="badge badge-bad">Failed</span>';
  const badges: string[] = [];
  if (row.recommended) badges.push('<span class="badge badge-good">Recommended</span>');
  if (row.tied)
    badges.push(
      '<span class="badge badge-muted" title="Statistically the same as the recommended size for the strategy">Tied</span>',
    );
  if (row.baseline) badges.push('<span class="badge badge-muted">Baseline</span>');
  if (row.stats.memoryWarning !== undefined) {
    badges.push(`<span class="badge badge-warn" title="${escapeHtml(row.stats.memoryWarning)}">Memory tight</span>`);
  }
  return badges.join(' ');
};

const renderRow = (row: SizeRow, currency: string): string => {
  const { stats } = row;
  const classes = [row.recommended ? 'recommended' : '', row.failed ? 'failed' : ''].filter(Boolean).join(' ');
  const cell = (text: string, attrs = ''): string => `<td${attrs}>${escapeHtml(text)}</td>`;
  const cold =
    stats.coldStarts.count > 0 && stats.coldStarts.initDuration !== undefined
      ? `${stats.coldStarts.count} · init ${formatDuration(stats.coldStarts.initDuration.mean, { style: 'axis' })}`
      : String(stats.coldStarts.count);
  const badges = statusBadges(row);
  const head =
    `<tr${classes ? ` class="${classes}"` : ''}><th scope="row">${escapeHtml(formatMemory(row.memoryMB))}` +
    `${badges === '' ? '' : `<span class="badges">${badges}</span>`}</th>`;
  const tail = [
    cell(stats.maxMemoryUsedMB === undefined ? NONE : formatMemory(stats.maxMemoryUsedMB)),
    cell(errorsText(stats.errors), ' class="errors"'),
    '</tr>',
  ].join('');
  if (row.failed) {
    const reason = row.stats.failureReason ?? 'no reason recorded';
    return `${head}<td colspan="${METRIC_COLUMNS}" class="reason-cell">No usable measurement: ${escapeHtml(reason)}</td>${tail}`;
  }
  return [
    head,
    cell(formatDuration(stats.averageDuration)),
    cell(formatDuration(stats.duration.p50)),
    cell(formatDuration(stats.duration.p95)),
    cell(formatDuration(stats.duration.p99)),
    cell(formatPrice(stats.averagePrice, currency)),
    cell(formatMoney(stats.costPerMillion, currency)),
    cell(formatRatio(row.speedUp), changeClass(row.speedUp, 'higher')),
    cell(formatChange(row.costChange), changeClass(row.costChange, 'lower')),
    cell(cold),
    tail,
  ].join('');
};

/**
 * Renders the size table of a result.
 *
 * @example
 * const html = renderSizeTableHtml(result);
 */
const renderSizeTableHtml = (result: TuningResult): string => {
  const { rows, baselineMB } = buildSizeTable(result);
  const vs = baselineMB === undefined ? '' : ` vs ${formatMemory(baselineMB)}`;
  const headers = [
    'Memory',
    'Avg',
    'p50',
    'p95',
    'p99',
    'Cost / invocation',
    'Cost / 1M',
    `Speed${vs}`,
    `Cost${vs}`,
    'Cold starts',
    'Max memory used',
    'Errors',
  ];
  const caption =
    '<caption><strong>Every memory size measured</strong>' +
    `Durations are warm invocations (avg = trimmed mean); prices in ${escapeHtml(result.run.currency)}` +
    `${baselineMB === undefined ? '' : `; changes are relative to ${formatMemory(baselineMB)}, the smallest size that succeeded`}.</caption>`;
  return [
    '<div class="table-wrap" role="region" aria-labelledby="sizes-caption" tabindex="0">',
    '<table id="sizes">',
    caption.replace('<caption>', '<caption id="sizes-caption">'),
    `<thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.map((row) => renderRow(row, result.run.currency)).join('\n')}</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
};

export { renderSizeTableHtml };
