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

/**
 * Finds the offset of the first JSON syntax error by scanning the text.
 * V8 reports a position for some errors only ("Unexpected token 'c', ...
 * is not valid JSON" has none on Node 20), so we locate it ourselves.
 */
const findJsonErrorOffset = (text: string): number => {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i += 1;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): void => {
    i += 1;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i += 1;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i += 1;
    }
    if (i >= text.length) fail();
    i += 1;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i += 1;
      ws();
      if (text[i] === '}') {
        i += 1;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i += 1;
        value();
        ws();
        if (text[i] === ',') i += 1;
        else if (text[i] === '}') {
          i += 1;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i += 1;
      ws();
      if (text[i] === ']') {
        i += 1;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i += 1;
        else if (text[i] === ']') {
          i += 1;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else {
      const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
      if (match === null) fail();
      i += match?.[0].length ?? 0;
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (offset) {
    return typeof offset === 'number' ? offset : i;
  }
  return i;
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
    const { line, column } = lineAndColumn(text, findJsonErrorOffset(text));
    const where = ` at line ${line}, column ${column}`;
    const reason = message
      .replace(/^JSON\.parse: /, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .split('\n')[0];
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
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? 'unreadable');
    throw new UsageError({
      field,
      message: `${field}: expected a readable JSON file; got ${JSON.stringify(path)} (${why})`,
    });
  }
  return parseJsonText({ text, field, source: path });
};

export { parseJsonText, readJsonFile };
