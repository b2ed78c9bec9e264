/**
 * Renders a value for the `got …` part of an error message: short, exact,
 * and never a whole payload.
 *
 * @module core/input/describe-value
 */

/** Longest rendering kept before cutting with `…`. */
const MAX_RENDERED_LENGTH = 60;

/**
 * Renders `value` for an error message: strings quoted, numbers as is,
 * `undefined` as `nothing`, objects and arrays as (truncated) JSON.
 *
 * @example
 * describeValue('Balanced'); // '"Balanced"'
 * describeValue(3);          // '3'
 * describeValue(undefined);  // 'nothing'
 */
const describeValue = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_RENDERED_LENGTH ? `${text.slice(0, MAX_RENDERED_LENGTH - 1)}…` : text;
};

export { describeValue };
