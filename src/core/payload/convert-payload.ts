/**
 * Encodes a payload option the way the reference does before invoking.
 *
 * @module core/payload/convert-payload
 */

const isJsonText = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
};

/**
 * Encodes a payload for Invoke, exactly like the reference's
 * `convertPayload`: a string that already is JSON is sent unchanged, any
 * other value is `JSON.stringify`-ed (so `'abc'` → `'"abc"'`, `null` →
 * `'null'`), and `undefined` stays `undefined`.
 *
 * @example
 * convertPayload('{"a":1}'); // '{"a":1}'
 * convertPayload('test');    // '"test"'
 * convertPayload({ a: 1 });  // '{"a":1}'
 */
const convertPayload = (payload: unknown): string | undefined => {
  if (payload === undefined) return undefined;
  if (isJsonText(payload)) return payload;
  return JSON.stringify(payload);
};

export { convertPayload };
