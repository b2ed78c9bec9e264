/**
 * Wire names of the CloudWatch and CloudWatch Logs APIs the local service
 * answers. The AWS SDK v3 clients (3.1164.0) speak awsJson1_0 to CloudWatch
 * (awsQuery-compatible) and awsJson1_1 to Logs; both name the operation in
 * `X-Amz-Target`.
 *
 * @module emulator/cloudwatch/constants
 */

const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const LOGS_TARGET_PREFIX = 'Logs_20140328.';
/** The namespace and dimension `scan` reads. */
const LAMBDA_NAMESPACE = 'AWS/Lambda';
const FUNCTION_NAME_DIMENSION = 'FunctionName';
/** Metric records kept (a record is ~10 numbers). */
const METRIC_STORE_CAPACITY = 200_000;
/** Logs Insights reports `@maxMemoryUsed` and `@memorySize` in bytes of 10^6 per MB. */
const BYTES_PER_LOGS_MB = 1_000_000;
/** The query shapes the local Logs Insights answers (the ones `scan` sends): Text REPORT lines, JSON records. */
const REPORT_QUERY_MARKER = 'filter @type = "REPORT"';
const JSON_REPORT_QUERY_MARKER = 'filter type = "platform.report"';

export {
  BYTES_PER_LOGS_MB,
  CLOUDWATCH_TARGET_PREFIX,
  FUNCTION_NAME_DIMENSION,
  JSON_REPORT_QUERY_MARKER,
  LAMBDA_NAMESPACE,
  LOGS_TARGET_PREFIX,
  METRIC_STORE_CAPACITY,
  REPORT_QUERY_MARKER,
};
