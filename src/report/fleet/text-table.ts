/**
 * A plain aligned text table (the fleet tables have no chart and no colour).
 *
 * @module report/fleet/text-table
 */

/**
 * Renders rows under headers; columns whose header starts with `>` are right-aligned.
 *
 * @example
 * textTable({ headers: ['name', '>MB'], rows: [['a', '128']] });
 */
const textTable = ({ headers, rows }: { headers: string[]; rows: string[][] }): string => {
  const right = headers.map((h) => h.startsWith('>'));
  const names = headers.map((h) => h.replace(/^>/, ''));
  const widths = names.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (right[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(names), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
};

export { textTable };
