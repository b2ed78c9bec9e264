/**
 * `--env KEY=VALUE` and dotenv files, parsed without I/O. Messages name the
 * flag or `file:line` and the key, never a value: values are secrets.
 *
 * @module project/parse-environment
 */
import { TIMEOUT_LIMITS } from './constants.js';
import { ProjectInputError } from './errors.js';

/** Lambda's pattern for variable names. */
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])*$/;
const DOTENV_LINE = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/;

const checkKey = (key: string, where: string): void => {
  if (!ENV_KEY.test(key)) {
    throw new ProjectInputError({
      field: where,
      message: `${where}: expected a variable name of letters, digits and _ starting with a letter; got ${JSON.stringify(key)}`,
    });
  }
};

/**
 * Parses repeated `--env KEY=VALUE` flags; later ones win.
 *
 * @example
 * parseEnvAssignments(['STAGE=dev', 'DEBUG=1']); // { STAGE: 'dev', DEBUG: '1' }
 */
const parseEnvAssignments = (assignments: readonly string[]): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) {
      const key = equals === 0 ? '' : assignment;
      throw new ProjectInputError({
        field: '--env',
        message: `--env: expected KEY=VALUE; got ${JSON.stringify(key)} without "="`,
      });
    }
    const key = assignment.slice(0, equals);
    checkKey(key, '--env');
    env[key] = assignment.slice(equals + 1);
  }
  return env;
};

const unquote = (raw: string, where: string): string => {
  const value = raw.trim();
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const end = value.indexOf(quote, 1);
    if (end === -1)
      throw new ProjectInputError({ field: where, message: `${where}: expected a closing ${quote} on the same line` });
    const inner = value.slice(1, end);
    return quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\') : inner;
  }
  // An unquoted value ends at " #" (a comment).
  const comment = value.search(/\s#/);
  return (comment === -1 ? value : value.slice(0, comment)).trim();
};

/**
 * Parses dotenv text: `KEY=VALUE`, `export KEY=VALUE`, quotes, `#` comments.
 * `file` is only used in messages (`file:line`).
 *
 * @example
 * parseDotenv({ text: 'A=1\n# c\nB="two words"', file: '.env' }); // { A: '1', B: 'two words' }
 */
const parseDotenv = ({ text, file }: { text: string; file: string }): Record<string, string> => {
  const env: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = DOTENV_LINE.exec(trimmed);
    if (match === null)
      throw new ProjectInputError({
        field: '--env-file',
        message: `--env-file: ${where}: expected KEY=VALUE (dotenv syntax); the line has no "="`,
      });
    const key = match[1] ?? '';
    checkKey(key, `--env-file: ${where}`);
    env[key] = unquote(match[2] ?? '', `--env-file: ${where}`);
  });
  return env;
};

/**
 * Parses `--timeout SECONDS` (1–900, whole seconds).
 *
 * @example
 * parseTimeout('30'); // 30
 */
const parseTimeout = (value: string): number => {
  const seconds = Number(value);
  if (
    value.trim() === '' ||
    !Number.isInteger(seconds) ||
    seconds < TIMEOUT_LIMITS.min ||
    seconds > TIMEOUT_LIMITS.max
  ) {
    throw new ProjectInputError({
      field: '--timeout',
      message: `--timeout: expected whole seconds in ${TIMEOUT_LIMITS.min}..${TIMEOUT_LIMITS.max} (Lambda's limits); got ${JSON.stringify(value)}`,
    });
  }
  return seconds;
};

export { parseDotenv, parseEnvAssignments, parseTimeout };
