/**
 * Renderers of `scan`, `fleet` and `apply`.
 *
 * @module report/fleet
 */
export { renderScanHtml, renderScanTable } from './render-scan.js';
export type { ScanView } from './render-scan.js';
export { textTable } from './text-table.js';
export { renderFleetHtml, renderFleetMarkdown, renderFleetTable } from './render-fleet.js';
export { renderLineDiff } from './render-line-diff.js';
