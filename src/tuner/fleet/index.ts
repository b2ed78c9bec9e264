/**
 * Many functions at once: `scanFleet` (read-only) and `runFleet` (many
 * tunings, each as safe as one).
 *
 * @module tuner/fleet
 */
export { LOGS_INSIGHTS_PRICE_PER_GB, scanFleet } from './scan-fleet.js';
export type { LogsQueryEstimate, RegionScan, ScanFleetOptions, ScanResult } from './scan-fleet.js';
export { runFleet } from './run-fleet.js';
export type { FleetTask, RunFleetOptions } from './run-fleet.js';
export { applyMemorySizes, listTemplateFunctions, TemplateError } from './apply-to-sam-template.js';
export type { TemplateChange, TemplateFunction } from './apply-to-sam-template.js';
