/**
 * The shell every HTML report shares: a strict Content-Security-Policy that
 * allows exactly the inline stylesheet and the chart script by their SHA-256
 * hashes (computed here, at render time), and nothing from the network.
 *
 * @module report/html/render-html-document
 */
import { createHash } from 'node:crypto';
import { CHART_BUNDLE } from '../assets/chart-bundle.generated.js';
import type { ChartSpec } from '../types.js';
import { escapeHtml, jsonForScript } from './escape-html.js';
import { REPORT_STYLES } from './report-styles.js';

/** `'sha256-…'` CSP source of an inline element's exact text. */
const cspHash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The policy: no default source at all, the one script and the one
 * stylesheet by hash, `data:` images only (Chart.js may rasterise), no
 * `<base>`, no form posts. Chart.js sets canvas styles through the CSSOM,
 * which `style-src` does not govern.
 *
 * @example
 * buildContentSecurityPolicy({ script: 'x()', style: 'p{}' });
 */
const buildContentSecurityPolicy = ({ script, style }: { script: string; style: string }): string =>
  [
    "default-src 'none'",
    `script-src ${cspHash(script)}`,
    `style-src ${cspHash(style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

/**
 * Wraps a report body into one self-contained document. The chart spec goes
 * into an inert JSON block (not executed, so not subject to `script-src`)
 * that the bundled script reads.
 *
 * @example
 * renderHtmlDocument({ title: 'Report', description: 'x', body: '<main></main>', chart });
 */
const renderHtmlDocument = ({
  title,
  description,
  body,
  chart,
}: {
  title: string;
  description: string;
  body: string;
  chart: ChartSpec;
}): string => {
  const csp = buildContentSecurityPolicy({ script: CHART_BUNDLE, style: REPORT_STYLES });
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="generator" content="powertune">',
    `<meta name="description" content="${escapeHtml(description)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_STYLES}</style>`,
    '</head>',
    '<body>',
    body,
    `<script type="application/json" id="powertune-data">${jsonForScript(chart)}</script>`,
    `<script>${CHART_BUNDLE}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};

export { buildContentSecurityPolicy, renderHtmlDocument };
