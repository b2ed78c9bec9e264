/**
 * The one place where AWS SDK errors become `LambdaApiError`s with
 * actionable messages.
 *
 * @module lambda/map-sdk-error
 */
import { ExitCode } from '../core/index.js';
import { IAM_ACTIONS } from './constants.js';
import { LambdaApiError } from './errors.js';
import { RetryFailure } from './with-retry.js';

const HTTP_FORBIDDEN = 403;

interface MapSdkErrorOptions {
  /** The raw error, or a `RetryFailure` wrapping it. */
  error: unknown;
  operation: string;
  functionName: string;
  qualifier?: string;
  region?: string;
  endpoint?: string;
}

interface RawError {
  name: string;
  message: string;
  code?: string;
  statusCode?: number;
}

const readRaw = (error: unknown): RawError => {
  if (typeof error !== 'object' || error === null) return { name: 'Error', message: String(error) };
  const e = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    cause?: unknown;
  };
  const cause = e.cause as { code?: unknown } | undefined;
  const code = typeof e.code === 'string' ? e.code : typeof cause?.code === 'string' ? cause.code : undefined;
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(error),
    ...(code !== undefined ? { code } : {}),
    ...(typeof e.$metadata?.httpStatusCode === 'number' ? { statusCode: e.$metadata.httpStatusCode } : {}),
  };
};

const iamActionFor = (operation: string): string =>
  (IAM_ACTIONS as Record<string, string>)[operation] ?? `lambda:${operation}`;

const isCredentialsProblem = (raw: RawError): boolean =>
  raw.name === 'CredentialsProviderError' || /could not load credentials|credential is missing/i.test(raw.message);

/**
 * Turns an SDK error (possibly wrapped in a `RetryFailure`) into a
 * `LambdaApiError` whose message names the operation, the function, the
 * error seen and the next step.
 *
 * @example
 * throw mapSdkError({ error, operation: 'Invoke', functionName: 'my-fn', region: 'eu-west-1' });
 */
const mapSdkError = ({
  error,
  operation,
  functionName,
  qualifier,
  region,
  endpoint,
}: MapSdkErrorOptions): LambdaApiError => {
  if (error instanceof LambdaApiError) return error;
  const failure = error instanceof RetryFailure ? error : undefined;
  const original = failure?.error ?? error;
  const raw = readRaw(original);
  const retries = failure?.retries ?? 0;
  const target = `${functionName}${qualifier !== undefined ? ` (${qualifier})` : ''}`;
  const where = region ?? 'the configured region';
  const base = { operation, functionName, region, qualifier, statusCode: raw.statusCode, retries, cause: original };
  // Reading the configuration is every run's first call: failing there for a
  // reason of setup (no credentials, no region, no such function) means
  // nothing was changed — exit 2, like bad input.
  const setupExit = operation === 'GetFunctionConfiguration' ? { exitCode: ExitCode.BadInput } : {};

  if (isCredentialsProblem(raw)) {
    return new LambdaApiError({
      ...base,
      code: 'CredentialsMissing',
      ...setupExit,
      message:
        `${operation} on ${target} failed: no AWS credentials were found (${raw.message}). ` +
        'Pass --profile <name> or set AWS_PROFILE, export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws sso login`; ' +
        'the local emulator (a 127.0.0.1 --endpoint-url) needs no AWS credentials.',
    });
  }
  if (/region is missing/i.test(raw.message)) {
    return new LambdaApiError({
      ...base,
      code: 'RegionMissing',
      ...setupExit,
      message: `${operation} on ${target} failed: no AWS region is configured. Pass --region, use the function's full ARN, or set AWS_REGION.`,
    });
  }
  if (raw.name === 'ExpiredTokenException' || raw.name === 'ExpiredToken') {
    return new LambdaApiError({
      ...base,
      code: raw.name,
      message: `${operation} on ${target} failed: the AWS credentials have expired. Refresh them (e.g. \`aws sso login\`) and run again.`,
    });
  }
  if (raw.name === 'UnrecognizedClientException' || raw.name === 'InvalidSignatureException') {
    return new LambdaApiError({
      ...base,
      code: raw.name,
      message: `${operation} on ${target} failed: AWS did not accept the credentials (${raw.name}: ${raw.message}). Check the profile or access keys you run powertune with.`,
    });
  }
  // KMSAccessDenied / EC2AccessDenied concern the function's own role, not ours: they fall through.
  const foreignDenial = /^(KMS|EC2)/.test(raw.name);
  if (
    raw.name === 'AccessDeniedException' ||
    raw.name === 'AccessDenied' ||
    (raw.statusCode === HTTP_FORBIDDEN && !foreignDenial)
  ) {
    const action = iamActionFor(operation);
    return new LambdaApiError({
      ...base,
      code: raw.name,
      message:
        `${operation} on ${target} was denied (${raw.name}: ${raw.message}). ` +
        `Grant the IAM action ${action} on the function and on its versions and aliases (resource "<function ARN>" and "<function ARN>:*") to the identity you run powertune with, then run again.`,
    });
  }
  if (raw.name === 'ResourceNotFoundException') {
    return new LambdaApiError({
      ...base,
      code: raw.name,
      ...setupExit,
      message:
        `${operation} failed: function ${target} not found in region ${where} (${raw.message}). ` +
        'Check the name or ARN; if the function lives in another region or account, pass its full ARN or --region.',
    });
  }
  if (raw.code === 'ECONNREFUSED' || raw.code === 'ENOTFOUND') {
    const host = endpoint ?? `the Lambda endpoint of ${where}`;
    return new LambdaApiError({
      ...base,
      code: 'NetworkError',
      message:
        `${operation} on ${target} failed: could not connect to ${host} (${raw.code}). ` +
        (endpoint !== undefined
          ? 'Is the emulator (or the endpoint) running and reachable?'
          : 'Check your network connection and the region name.'),
    });
  }
  if (failure?.errorClass === 'throttle') {
    return new LambdaApiError({
      ...base,
      code: raw.name,
      message:
        `${operation} on ${target} was still throttled after ${retries} retries (${raw.name}: ${raw.message}). ` +
        "Lower --concurrency, add sleepBetweenRunsMs, or raise the function's reserved concurrency or the account limit, then run again.",
    });
  }
  if (failure?.errorClass === 'transient') {
    // A Node.js system error code (ECONNRESET, ETIMEDOUT…) on a retried error: the network, not the service.
    const code = raw.code !== undefined ? 'NetworkError' : raw.name;
    return new LambdaApiError({
      ...base,
      code,
      message: `${operation} on ${target} failed after ${retries} retries with ${raw.code ?? raw.name}: ${raw.message}. This is usually temporary; run again.`,
    });
  }
  if (raw.name === 'InvalidParameterValueException' && operation === 'UpdateFunctionConfiguration') {
    return new LambdaApiError({
      ...base,
      code: raw.name,
      message:
        `${operation} on ${target} was refused (${raw.message}). ` +
        'If a memory size was refused, the account may be limited (new accounts are often capped at 3008 MB): remove the larger sizes or ask AWS support to raise the limit.',
    });
  }
  return new LambdaApiError({
    ...base,
    code: raw.name,
    message: `${operation} on ${target} failed with ${raw.name}: ${raw.message}.`,
  });
};

export { mapSdkError };
export type { MapSdkErrorOptions };
