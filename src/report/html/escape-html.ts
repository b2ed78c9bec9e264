/**
 * Escaping for text placed in HTML, and for JSON placed in a `<script>` data block.
 *
 * @module report/html/escape-html
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for an element body or a quoted attribute value.
 *
 * @example
 * escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);

/**
 * Serialises a value for `<script type="application/json">`: `<`, `>` and `&`
 * become `\u003c`-style escapes, so no string in the data (a failure reason,
 * a function name) can close the element.
 *
 * @example
 * jsonForScript({ reason: '</script>' }); // '{"reason":"\\u003c/script\\u003e"}'
 */
const jsonForScript = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export { escapeHtml, jsonForScript };
