/**
 * Payload size checks against Lambda's synchronous Invoke limit.
 *
 * @module core/payload/payload-size
 */
import { MAX_PAYLOAD_BYTES } from '../constants.js';
import { InputError } from '../errors.js';

const ONE_BYTE_MAX = 0x7f;
const TWO_BYTES_MAX = 0x7ff;
const THREE_BYTES_MAX = 0xffff;

/**
 * Number of bytes `text` takes in UTF-8 (computed by hand: core/ has no
 * Buffer). Lone surrogates count 3 bytes, as `TextEncoder` replaces them.
 *
 * @example
 * utf8ByteLength('é'); // 2
 */
const utf8ByteLength = (text: string): number => {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= ONE_BYTE_MAX) bytes += 1;
    else if (code <= TWO_BYTES_MAX) bytes += 2;
    else if (code <= THREE_BYTES_MAX) bytes += 3;
    else bytes += 4;
  }
  return bytes;
};

/**
 * Throws when an encoded payload exceeds the 6 MB synchronous Invoke limit.
 * The message carries the size only, never the payload.
 *
 * @throws {InputError} field `field` (default `payload`)
 * @example
 * assertPayloadSize('{"a":1}'); // passes
 */
const assertPayloadSize = (encoded: string, { field = 'payload' }: { field?: string } = {}): void => {
  // Fast path: even at 4 bytes per UTF-16 unit a short string cannot exceed the limit.
  if (encoded.length * 3 <= MAX_PAYLOAD_BYTES) return;
  const size = utf8ByteLength(encoded);
  if (size > MAX_PAYLOAD_BYTES) {
    throw new InputError({
      field,
      expected: `${size} bytes exceeds the 6 MB (${MAX_PAYLOAD_BYTES} bytes) Lambda invoke limit; pass a smaller payload`,
      got: `${size} bytes`,
      gotInExpected: true,
    });
  }
};

export { assertPayloadSize, utf8ByteLength };
