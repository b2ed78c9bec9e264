/**
 * A few ANSI SGR styles, applied only when colour is on, and the helpers that
 * measure, pad and cut text by what the terminal shows.
 *
 * @module report/terminal/ansi
 */

const AnsiStyle = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
} as const;

type AnsiStyleName = keyof typeof AnsiStyle;

// eslint-disable-next-line no-control-regex
const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;

/** A styler that is the identity when colour is off. */
type Paint = (text: string, ...styles: AnsiStyleName[]) => string;

/**
 * Creates a painter.
 *
 * @example
 * createPaint(true)('ok', 'green'); // '\u001b[32mok\u001b[39m'
 */
const createPaint =
  (color: boolean): Paint =>
  (text, ...styles) => {
    if (!color || text === '') return text;
    return styles.reduce((out, name) => `\u001b[${AnsiStyle[name][0]}m${out}\u001b[${AnsiStyle[name][1]}m`, text);
  };

/**
 * Text without ANSI escapes.
 *
 * @example
 * stripAnsi('\u001b[1mx\u001b[22m'); // 'x'
 */
const stripAnsi = (text: string): string => text.replace(ANSI_PATTERN, '');

/**
 * Columns the text occupies (one per code point; every glyph we print is narrow).
 *
 * @example
 * visibleWidth('\u001b[1m▲ 1536 MB\u001b[22m'); // 9
 */
const visibleWidth = (text: string): number => [...stripAnsi(text)].length;

/**
 * Cuts plain text to `width` columns, ending with `…` when cut.
 *
 * @example
 * truncate('abcdef', 4); // 'abc…'
 */
const truncate = (text: string, width: number): string => {
  const chars = [...text];
  if (chars.length <= width) return text;
  return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
};

/**
 * Pads (possibly styled) text to `width` columns.
 *
 * @example
 * pad('7', 3, 'right'); // '  7'
 */
const pad = (text: string, width: number, align: 'left' | 'right' = 'left'): string => {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(text)));
  return align === 'left' ? `${text}${fill}` : `${fill}${text}`;
};

/**
 * Wraps plain text on spaces to lines of at most `width` columns; a word
 * longer than the width is cut.
 *
 * @example
 * wrap('a bb ccc', 4); // ['a bb', 'ccc']
 */
const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const fitted = truncate(word, width);
    if (line === '') line = fitted;
    else if (visibleWidth(line) + 1 + visibleWidth(fitted) <= width) line = `${line} ${fitted}`;
    else {
      lines.push(line);
      line = fitted;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
};

export { createPaint, pad, stripAnsi, truncate, visibleWidth, wrap };
export type { AnsiStyleName, Paint };
