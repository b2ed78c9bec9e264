/**
 * Reads a JSON file given on the command line, with one clear message for
 * every way it can be wrong: missing, unreadable, empty, binary, malformed
 * (with line and column).
 *
 * @module cli/read-json-file
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from './errors.js';

/** Turns a JSON.parse position into 1-based line and column. */
const lineAndColumn = (text: string, position: number): { line: number; column: number } => {
  const before = text.slice(0, position);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
};

/** Finds the character offset in a V8 JSON.parse message (Node 20 and 22 phrasing). */
const parsePosition = (message: string, text: string): number | undefined => {
  const position = /position (\d+)/.exec(message);
  if (position?.[1] !== undefined) return Number(position[1]);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol?.[1] !== undefined && lineCol[2] !== undefined) {
    const lines = text.split('\n').slice(0, Number(lineCol[1]) - 1);
    return lines.reduce((sum, l) => sum + l.length + 1, 0) + Number(lineCol[2]) - 1;
  }
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  return undefined;
};

/**
 * Parses JSON text; `field` names the flag or option in error messages.
 *
 * @example
 * parseJsonText({ text: '{"num": 10}', field: '--input', source: 'input.json' });
 */
const parseJsonText = ({ text, field, source }: { text: string; field: string; source: string }): unknown => {
  if (text.trim() === '') {
    throw new UsageError({ field, message: `${field}: expected a JSON document; got an empty file (${source})` });
  }
  if (text.includes('\u0000')) {
    throw new UsageError({
      field,
      message: `${field}: expected a JSON text file; got binary data (${source} contains NUL bytes)`,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = parsePosition(message, text);
    const where = position === undefined ? '' : (() => {
      const { line, column } = lineAndColumn(text, position);
      return ` at line ${line}, column ${column}`;
    })();
    const reason = message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/s, '').split('\n')[0];
    throw new UsageError({
      field,
      message: `${field}: expected valid JSON; got malformed JSON in ${source}${where} (${reason})`,
    });
  }
};

/**
 * Reads and parses a JSON file.
 *
 * @example
 * const input = await readJsonFile({ path: 'input.json', field: '--input' });
 */
const readJsonFile = async ({ path, field }: { path: string; field: string }): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new UsageError({ field, message: `${field}: expected a readable JSON file; got ${JSON.stringify(path)} (${why})` });
  }
  return parseJsonText({ text, field, source: path });
};

export { parseJsonText, readJsonFile };
