/**
 * `LogResult` of an Invoke with `LogType: Tail` is the last 4 KB of the
 * invocation's log, base64-encoded.
 *
 * @module lambda/decode-log-result
 */

/**
 * Decodes a base64 `LogResult` into UTF-8 text; `undefined` stays `undefined`.
 * The 4 KB cut can split a multi-byte character: the decoder replaces it
 * with U+FFFD instead of throwing.
 *
 * @example
 * decodeLogResult('UkVQT1JU'); // 'REPORT'
 */
const decodeLogResult = (logResult: string | undefined): string | undefined =>
  logResult === undefined || logResult === '' ? undefined : Buffer.from(logResult, 'base64').toString('utf8');

export { decodeLogResult };
