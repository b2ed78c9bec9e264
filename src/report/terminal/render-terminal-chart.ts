/**
 * A small chart of duration and cost against memory in braille dots (2×4
 * per character cell), memory spaced by value on the x axis.
 *
 * Duration is a solid line with `●` at measured sizes (left axis, log scale
 * when the range is wide); cost per 1M invocations a dotted line with `◆`
 * (right axis). Under the axis `▲` marks the recommended size and `✗` a failed
 * one. Glyphs differ as well as colours, so the chart reads without colour.
 *
 * @module report/terminal/render-terminal-chart
 */
import { formatDuration, formatMoney } from '../../core/index.js';
import type { TuningResult } from '../../core/types.js';
import { chooseDurationScale } from '../choose-duration-scale.js';
import { Terminal } from '../constants.js';
import type { Paint } from './ansi.js';
import { pad, truncate, visibleWidth } from './ansi.js';

const BRAILLE_BASE = 0x2800;
/** Bit of each dot in a braille cell, by [row][column] (Unicode braille patterns). */
const BRAILLE_BITS = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
] as const;
const DOTS_X = 2;
const DOTS_Y = 4;
const Glyph = { duration: '●', cost: '◆', recommended: '▲', tied: '≈', failed: '✗', tick: '┴', axis: '─' } as const;

interface Layer {
  bits: number[][];
}

const createLayer = (cols: number, rows: number): Layer => ({
  bits: Array.from({ length: rows }, () => Array.from({ length: cols }, () => 0)),
});

const setDot = (layer: Layer, x: number, y: number): void => {
  const row = layer.bits[Math.floor(y / DOTS_Y)];
  if (row === undefined) return;
  const col = Math.floor(x / DOTS_X);
  if (row[col] === undefined) return;
  const bit = BRAILLE_BITS[y % DOTS_Y]?.[x % DOTS_X] ?? 0;
  row[col] = (row[col] ?? 0) | bit;
};

/** Bresenham line in dot space; `dotted` keeps every other dot. */
const drawLine = (layer: Layer, from: [number, number], to: [number, number], dotted: boolean): void => {
  let [x0, y0] = from;
  const [x1, y1] = to;
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let err = dx + dy;
  for (let step = 0; ; step += 1) {
    if (!dotted || step % 2 === 0) setDot(layer, x0, y0);
    if (x0 === x1 && y0 === y1) break;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x0 += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y0 += sy;
    }
  }
};

const scaleLinear =
  (min: number, max: number, size: number) =>
  (value: number): number =>
    max === min ? Math.round(size / 2) : Math.round(((value - min) / (max - min)) * size);

const scaleLog =
  (min: number, max: number, size: number) =>
  (value: number): number =>
    max === min
      ? Math.round(size / 2)
      : Math.round(((Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min))) * size);

/**
 * Renders the chart as lines no longer than `width` columns. Returns no
 * lines when fewer than two sizes succeeded (nothing to draw a curve from).
 *
 * @example
 * renderTerminalChart(result, { width: 80, paint: createPaint(false) }).join('\n');
 */
const renderTerminalChart = (
  result: TuningResult,
  { width, paint, rows = Terminal.chartRows }: { width: number; paint: Paint; rows?: number },
): string[] => {
  const currency = result.run.currency;
  const ok = result.sizes.filter((s) => s.status === 'ok').sort((a, b) => a.value - b.value);
  if (ok.length < 2) return [];
  const all = [...result.sizes].sort((a, b) => a.value - b.value);
  const labelWidth = Terminal.axisLabelWidth;
  const cols = width - 2 * labelWidth - 2;
  const dotsWide = cols * DOTS_X - 1;
  const dotsHigh = rows * DOTS_Y - 1;
  const xMin = all[0]?.value ?? 0;
  const xMax = all[all.length - 1]?.value ?? 0;
  const toX = scaleLinear(xMin, xMax, dotsWide);

  const durations = ok.map((s) => s.averageDuration);
  const dMin = Math.min(...durations);
  const dMax = Math.max(...durations);
  const log = chooseDurationScale(durations) === 'logarithmic';
  const toDurationY = (log ? scaleLog : scaleLinear)(dMin, dMax, dotsHigh);
  const costs = ok.map((s) => s.costPerMillion);
  const cMin = Math.min(...costs);
  const cMax = Math.max(...costs);
  const toCostY = scaleLinear(cMin, cMax, dotsHigh);

  const durationLayer = createLayer(cols, rows);
  const costLayer = createLayer(cols, rows);
  const durationPoints = ok.map((s): [number, number] => [toX(s.value), dotsHigh - toDurationY(s.averageDuration)]);
  const costPoints = ok.map((s): [number, number] => [toX(s.value), dotsHigh - toCostY(s.costPerMillion)]);
  for (let i = 1; i < ok.length; i += 1) {
    drawLine(durationLayer, durationPoints[i - 1]!, durationPoints[i]!, false);
    drawLine(costLayer, costPoints[i - 1]!, costPoints[i]!, true);
  }
  const markers = new Map<string, 'duration' | 'cost'>();
  const cellKey = ([x, y]: [number, number]): string => `${Math.floor(y / DOTS_Y)}:${Math.floor(x / DOTS_X)}`;
  costPoints.forEach((p) => markers.set(cellKey(p), 'cost'));
  durationPoints.forEach((p) => markers.set(cellKey(p), 'duration'));

  const plotRows = durationLayer.bits.map((row, r) =>
    row
      .map((durationBits, c) => {
        const marker = markers.get(`${r}:${c}`);
        if (marker === 'duration') return paint(Glyph.duration, 'blue', 'bold');
        if (marker === 'cost') return paint(Glyph.cost, 'yellow', 'bold');
        const costBits = costLayer.bits[r]?.[c] ?? 0;
        if (durationBits === 0 && costBits === 0) return ' ';
        const char = String.fromCodePoint(BRAILLE_BASE + (durationBits | costBits));
        return paint(char, durationBits !== 0 ? 'blue' : 'yellow');
      })
      .join(''),
  );

  const leftLabel = (r: number): string => {
    const value = r === 0 ? dMax : r === rows - 1 ? dMin : undefined;
    return value === undefined ? '' : formatDuration(value, { style: 'axis' });
  };
  const rightLabel = (r: number): string => {
    const value = r === 0 ? cMax : r === rows - 1 ? cMin : undefined;
    return value === undefined ? '' : formatMoney(value, currency);
  };
  const lines = plotRows.map(
    (plot, r) =>
      `${paint(pad(truncate(leftLabel(r), labelWidth - 1), labelWidth - 1, 'right'), 'blue')} ${paint('│', 'dim')}${plot}` +
      `${paint('│', 'dim')} ${paint(truncate(rightLabel(r), labelWidth - 1), 'yellow')}`,
  );

  // Axis with ticks at measured sizes, then markers and memory labels (no recommended marker when no size meets the constraints).
  const unmet = result.recommendation.constraints?.satisfied === false;
  const hasTied = !unmet && (result.recommendation.tiedWith?.length ?? 0) > 0;
  const axis = Array.from({ length: cols }, () => Glyph.axis as string);
  const marks = Array.from({ length: cols }, () => ' ');
  for (const size of all) {
    const col = Math.floor(toX(size.value) / DOTS_X);
    axis[col] = Glyph.tick;
    if (size.status === 'failed') marks[col] = paint(Glyph.failed, 'red', 'bold');
    else if (unmet) continue;
    else if (size.value === result.recommendation.power) marks[col] = paint(Glyph.recommended, 'green', 'bold');
    else if (result.recommendation.tiedWith?.includes(size.value) === true) marks[col] = paint(Glyph.tied, 'green');
  }
  lines.push(`${' '.repeat(labelWidth)}${paint(`└${axis.join('')}┘`, 'dim')}`);
  lines.push(`${' '.repeat(labelWidth + 1)}${marks.join('')}`);
  const labels = Array.from({ length: cols + labelWidth }, () => ' ');
  let nextFree = 0;
  for (const size of all) {
    const text = String(size.value);
    const center = Math.floor(toX(size.value) / DOTS_X);
    const start = Math.max(nextFree, Math.min(center - Math.floor(text.length / 2), cols - text.length + 2));
    if (start + text.length > labels.length || start > center + 1) continue;
    [...text].forEach((ch, i) => {
      labels[start + i] = ch;
    });
    nextFree = start + text.length + 1;
  }
  lines.push(`${' '.repeat(labelWidth + 1)}${labels.join('').trimEnd()}`.slice(0, width));
  lines.push(`${' '.repeat(labelWidth + 1)}${pad('memory (MB)', cols, 'left').trimEnd()}`);

  const legend = [
    `${paint(Glyph.duration, 'blue', 'bold')} duration, avg${log ? ' (log scale)' : ''}, left`,
    `${paint(Glyph.cost, 'yellow', 'bold')} cost per 1M, right`,
    ...(unmet ? [] : [`${paint(Glyph.recommended, 'green', 'bold')} recommended`]),
    ...(hasTied ? [`${paint(Glyph.tied, 'green')} tied with it`] : []),
    ...(all.some((s) => s.status === 'failed') ? [`${paint(Glyph.failed, 'red', 'bold')} failed`] : []),
  ];
  let line = '';
  for (const item of legend) {
    const candidate = line === '' ? `  ${item}` : `${line}   ${item}`;
    if (visibleWidth(candidate) > width) {
      lines.push(line);
      line = `  ${item}`;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines;
};

export { renderTerminalChart };
