/**
 * Lambda's JSON shapes (FunctionConfiguration, AliasConfiguration) and the
 * small response helpers of the API, checked against the AWS SDK v3 schemas
 * (`@aws-sdk/client-lambda`) and Lambda's documented responses.
 *
 * @module emulator/wire-format
 */
import { LAMBDA_LIMITS, LATEST } from './constants.js';
import { InvalidRequestContentError } from './errors.js';
import type { AliasRecord, FunctionConfig, FunctionRecord, VersionRecord } from './function-store.js';

type Json = Record<string, unknown>;

/**
 * Lambda's `LastModified` format: `2025-01-01T00:00:00.000+0000`.
 *
 * @example
 * formatLastModified(0); // '1970-01-01T00:00:00.000+0000'
 */
function formatLastModified(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** The fields every configuration view shares. */
function configurationBody(
  config: FunctionConfig,
  {
    name,
    arn,
    version,
    description,
    revisionId,
  }: { name: string; arn: string; version: string; description: string; revisionId: string },
): Json {
  const logging: Json = { LogFormat: config.logFormat, LogGroup: config.logGroup };
  if (config.logFormat === 'JSON') {
    logging.ApplicationLogLevel = config.applicationLogLevel ?? 'INFO';
    logging.SystemLogLevel = config.systemLogLevel ?? 'INFO';
  }
  return {
    FunctionName: name,
    FunctionArn: arn,
    Runtime: config.runtime,
    Role: config.role,
    Handler: config.handler,
    CodeSize: config.code.size,
    Description: description,
    Timeout: config.timeout,
    MemorySize: config.memorySize,
    LastModified: formatLastModified(config.lastModified),
    CodeSha256: config.code.sha256,
    Version: version,
    ...(config.environment === undefined ? {} : { Environment: { Variables: { ...config.environment } } }),
    TracingConfig: { Mode: config.tracingMode },
    RevisionId: revisionId,
    PackageType: 'Zip',
    Architectures: [config.architecture],
    EphemeralStorage: { Size: config.ephemeralStorage },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: logging,
  };
}

/**
 * `$LATEST` as GetFunctionConfiguration returns it, with State and LastUpdateStatus.
 *
 * @example
 * latestConfiguration(fn).LastUpdateStatus; // 'InProgress' right after an update
 */
function latestConfiguration(fn: FunctionRecord, { arn = fn.arn }: { arn?: string } = {}): Json {
  const body = configurationBody(fn.latest, {
    name: fn.name,
    arn,
    version: LATEST,
    description: fn.latest.description,
    revisionId: fn.revisionId,
  });
  if (fn.state === 'Pending') {
    Object.assign(body, {
      State: 'Pending',
      StateReason: 'The function is being created.',
      StateReasonCode: 'Creating',
    });
  } else {
    body.State = 'Active';
    if (fn.updateStatus === 'InProgress') {
      Object.assign(body, {
        LastUpdateStatus: 'InProgress',
        LastUpdateStatusReason: 'The function is being created.',
        LastUpdateStatusReasonCode: 'Creating',
      });
    } else {
      body.LastUpdateStatus = 'Successful';
    }
  }
  return body;
}

/**
 * A published version (immutable) as GetFunctionConfiguration / PublishVersion return it.
 *
 * @example
 * versionConfiguration(fn, record, { now: Date.now() }).Version; // '1'
 */
function versionConfiguration(
  fn: FunctionRecord,
  record: VersionRecord,
  { arn, now }: { arn?: string; now: number },
): Json {
  const body = configurationBody(record.config, {
    name: fn.name,
    arn: arn ?? `${fn.arn}:${record.version}`,
    version: record.version,
    description: record.description,
    revisionId: record.revisionId,
  });
  const ready = now >= record.readyAt;
  if (!ready && record.pendingCreate)
    Object.assign(body, {
      State: 'Pending',
      StateReason: 'The function is being created.',
      StateReasonCode: 'Creating',
    });
  else if (!ready) Object.assign(body, { State: 'Active', LastUpdateStatus: 'InProgress' });
  else Object.assign(body, { State: 'Active', LastUpdateStatus: 'Successful' });
  return body;
}

/**
 * An alias as CreateAlias / GetAlias / UpdateAlias return it.
 *
 * @example
 * aliasConfiguration(fn, alias).AliasArn; // 'arn:aws:lambda:us-east-1:123456789012:function:demo:live'
 */
function aliasConfiguration(fn: FunctionRecord, alias: AliasRecord): Json {
  return {
    AliasArn: `${fn.arn}:${alias.name}`,
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    ...(alias.routing === undefined ? {} : { RoutingConfig: { AdditionalVersionWeights: { ...alias.routing } } }),
    RevisionId: alias.revisionId,
  };
}

/**
 * A JSON response with Lambda's headers.
 *
 * @example
 * jsonResponse({ status: 201, body: configuration, requestId });
 */
function jsonResponse({
  status = 200,
  body,
  requestId,
  headers = {},
}: {
  status?: number;
  body: unknown;
  requestId: string;
  headers?: Record<string, string>;
}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, ...headers },
  });
}

/**
 * An empty response (204 of the Delete operations).
 *
 * @example
 * emptyResponse({ requestId }); // 204
 */
function emptyResponse({
  status = 204,
  requestId,
  headers = {},
}: {
  status?: number;
  requestId: string;
  headers?: Record<string, string>;
}): Response {
  return new Response(null, { status, headers: { 'x-amzn-requestid': requestId, ...headers } });
}

/**
 * Parses a control-plane request body (empty → `{}`); 400 when it is not a JSON object.
 *
 * @example
 * const body = await readJsonBody(request);
 */
async function readJsonBody(request: Request): Promise<Json> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new InvalidRequestContentError({
      message: `Could not parse request body into json: ${(cause as Error).message}. Send a JSON object.`,
      cause,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidRequestContentError({
      message: `Could not parse request body into json: expected a JSON object; got ${text.slice(0, 40)}.`,
    });
  }
  return parsed as Json;
}

/**
 * `X-Amz-Log-Result`: base64 of the last 4 KB of the log, cut on bytes
 * (it may start mid-line or mid-character, as Lambda's does).
 *
 * @example
 * Buffer.from(logTail(log), 'base64').length <= 4096; // true
 */
function logTail(log: string): string {
  const bytes = Buffer.from(log, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - LAMBDA_LIMITS.logTailBytes)).toString('base64');
}

/**
 * One page of a list: `MaxItems` (default 50) after the `Marker` (an index).
 *
 * @example
 * paginate(items, { marker: null, maxItems: '2' }); // { page, nextMarker }
 */
function paginate<T>(
  items: readonly T[],
  { marker, maxItems }: { marker: string | null; maxItems: string | null },
): { page: T[]; nextMarker: string | undefined } {
  const start = marker === null || marker === '' ? 0 : Math.max(0, Number.parseInt(marker, 10) || 0);
  const requested = maxItems === null ? LAMBDA_LIMITS.defaultPageSize : Number.parseInt(maxItems, 10);
  const size =
    Number.isFinite(requested) && requested > 0
      ? Math.min(requested, LAMBDA_LIMITS.maxPageSize)
      : LAMBDA_LIMITS.defaultPageSize;
  const page = items.slice(start, start + size);
  const next = start + size;
  return { page, nextMarker: next < items.length ? String(next) : undefined };
}

export {
  aliasConfiguration,
  emptyResponse,
  formatLastModified,
  jsonResponse,
  latestConfiguration,
  logTail,
  paginate,
  readJsonBody,
  versionConfiguration,
};
