/**
 * The HTML shell of the fleet pages: no script, inline styles only.
 *
 * @module report/fleet/render-fleet-page
 */
import { escapeHtml } from '../html/escape-html.js';

const STYLES = `body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;margin:1rem 0}th,td{border-bottom:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}ul{margin:0;padding-left:1rem}.warning{color:#9a3412}.total{font-size:1.4rem}section{margin-top:2rem;border-top:2px solid #d0d7de}code{font-size:.9em}`;

/**
 * Wraps a body in a complete document with a strict content security policy.
 *
 * @example
 * renderFleetPage({ title: 'powertune fleet', body: '<h1>…</h1>' });
 */
const renderFleetPage = ({ title, body }: { title: string; body: string }): string =>
  [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLES}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');

export { renderFleetPage };
