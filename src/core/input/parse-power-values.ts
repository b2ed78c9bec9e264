/**
 * The `powerValues` option: a list, `"ALL"`, a comma list, a range syntax, or
 * a mix of them. The reference accepts only a list or `"ALL"` and validates
 * nothing; we check every value against Lambda's limits up front.
 *
 * @module core/input/parse-power-values
 */
import {
  DEFAULT_POWER_VALUES,
  DEFAULT_RANGE_STEP_MB,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
  REFERENCE_ALL_POWER_VALUES,
} from '../constants.js';
import { InputError } from '../errors.js';
import { describeValue } from './describe-value.js';

const FIELD = 'powerValues';
const INTEGER_TEXT = /^\d+$/;
/** `start-end` or `start-end:step`. */
const RANGE_TEXT = /^(\d+)\s*-\s*(\d+)(?:\s*:\s*(\d+))?$/;
const ALL = 'ALL';
/** The adaptive search: only valid as the whole value (`validateInput` handles it), never inside a list. */
const AUTO = 'AUTO';

const SYNTAX_HELP =
  'expected integers in MB, "ALL", or a range such as "128-3008:64" (start-end:step), comma-separated';

const checkBounds = (value: number): number => {
  if (value < LAMBDA_MIN_MEMORY_MB) {
    throw new InputError({
      field: FIELD,
      expected: `${value} is below the Lambda minimum of ${LAMBDA_MIN_MEMORY_MB} MB`,
      got: String(value),
      gotInExpected: true,
    });
  }
  if (value > LAMBDA_MAX_MEMORY_MB) {
    throw new InputError({
      field: FIELD,
      expected: `${value} is above the Lambda maximum of ${LAMBDA_MAX_MEMORY_MB} MB`,
      got: String(value),
      gotInExpected: true,
    });
  }
  return value;
};

const expandRange = (token: string, match: RegExpExecArray): number[] => {
  const start = Number(match[1]);
  const end = Number(match[2]);
  const step = match[3] === undefined ? DEFAULT_RANGE_STEP_MB : Number(match[3]);
  if (step < 1) {
    throw new InputError({
      field: FIELD,
      expected: 'a range step must be a positive integer',
      got: describeValue(token),
    });
  }
  if (start > end) {
    throw new InputError({
      field: FIELD,
      expected: 'a range must go from the smaller to the larger size (start-end:step)',
      got: describeValue(token),
    });
  }
  checkBounds(start);
  checkBounds(end);
  const out: number[] = [];
  for (let value = start; value <= end; value += step) out.push(value);
  return out;
};

const parseToken = (token: string): number[] => {
  const text = token.trim();
  const upper = text.toUpperCase();
  if (upper === ALL) return [...REFERENCE_ALL_POWER_VALUES];
  if (upper === AUTO) {
    throw new InputError({
      field: FIELD,
      expected:
        '"AUTO" (adaptive search) must be the whole powerValues value, not part of a list; use "AUTO" alone, or a list such as "128,256,512", a range such as "128-3008:64", or "ALL"',
      got: describeValue(token),
      gotInExpected: true,
    });
  }
  if (INTEGER_TEXT.test(text)) return [checkBounds(Number(text))];
  const range = RANGE_TEXT.exec(text);
  if (range) return expandRange(text, range);
  throw new InputError({ field: FIELD, expected: SYNTAX_HELP, got: describeValue(token) });
};

const parseElement = (element: unknown): number => {
  if (typeof element === 'number' && Number.isInteger(element)) return checkBounds(element);
  if (typeof element === 'string' && INTEGER_TEXT.test(element.trim())) return checkBounds(Number(element.trim()));
  throw new InputError({ field: FIELD, expected: 'expected integers in MB', got: describeValue(element) });
};

/**
 * Parses `powerValues` into unique integers in 128..10240 MB, sorted
 * ascending. Accepts an array of integers (or integer strings, as the
 * reference's deploy-time defaults are), a single integer, `"ALL"` (the
 * reference's 46 values 128..3008 step 64), a comma list `"128,256"`, ranges
 * `"128-10240:64"` (step defaults to 64; the end is included only when it
 * falls on the step), and mixes `"128,256,1024-2048:512"`. Missing, `null`,
 * `""` and `[]` give `defaults`.
 *
 * @throws {InputError} on anything else, naming the offending value
 * @example
 * parsePowerValues('128,256,1024-2048:512'); // [128, 256, 1024, 1536, 2048]
 * parsePowerValues([512, '128', 512]);       // [128, 512]
 */
const parsePowerValues = (
  value: unknown,
  { defaults = DEFAULT_POWER_VALUES }: { defaults?: readonly number[] } = {},
): number[] => {
  let values: number[];
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    values = [...defaults];
  } else if (Array.isArray(value)) {
    values = value.map(parseElement);
  } else if (typeof value === 'number') {
    values = [parseElement(value)];
  } else if (typeof value === 'string') {
    const tokens = value.split(',');
    if (tokens.some((token) => token.trim() === '')) {
      throw new InputError({ field: FIELD, expected: SYNTAX_HELP, got: describeValue(value) });
    }
    values = tokens.flatMap(parseToken);
  } else {
    throw new InputError({ field: FIELD, expected: SYNTAX_HELP, got: describeValue(value) });
  }
  return [...new Set(values)].sort((a, b) => a - b);
};

export { parsePowerValues };
