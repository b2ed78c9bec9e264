/**
 * CloudWatch metrics and Logs Insights for the local service's own functions.
 *
 * @module emulator/cloudwatch
 */
export { METRIC_STORE_CAPACITY } from './constants.js';
export { createCloudWatchApi } from './create-cloudwatch-api.js';
export { MetricStore } from './metric-record.js';
export type { MetricRecord } from './metric-record.js';
