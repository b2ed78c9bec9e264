/**
 * `disablePayloadLogs`: payload text must not appear in any message.
 *
 * @module tuner/redact-payloads
 */
import { HIDDEN_PAYLOAD, MIN_REDACTED_PAYLOAD_CHARS } from './constants.js';

/** The encoded payload and, for a JSON string, its decoded text (a function may echo either). */
const formsOf = (payload: string): string[] => {
  const forms = [payload];
  try {
    const decoded: unknown = JSON.parse(payload);
    if (typeof decoded === 'string') forms.push(decoded);
  } catch {
    // Not JSON: only the raw form can appear.
  }
  return forms.filter((f) => f.length >= MIN_REDACTED_PAYLOAD_CHARS);
};

/**
 * Replaces every occurrence of any payload in `text` with `<payload hidden>`.
 *
 * @example
 * redactPayloads('bad input "secret-1"', ['"secret-1"']); // 'bad input <payload hidden>'
 */
const redactPayloads = (text: string, payloads: readonly string[]): string => {
  const forms = [...new Set(payloads.flatMap(formsOf))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) out = out.split(form).join(HIDDEN_PAYLOAD);
  return out;
};

export { redactPayloads };
