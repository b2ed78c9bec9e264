/**
 * Errors of the AWS adapters (Lambda, and the S3 payload reader). Every Lambda SDK error is mapped to a
 * `LambdaApiError` in one place (`mapSdkError`), with a message that says
 * what failed, on which function, and what to do next.
 *
 * @module lambda/errors
 */
import { ExitCode, functionNameOfArn, PowerTuneError } from '../core/index.js';

/**
 * Base class of the Lambda adapter's errors.
 *
 * @example
 * if (err instanceof LambdaError) console.error(err.message);
 */
class LambdaError extends PowerTuneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LambdaError';
  }
}

interface LambdaApiErrorOptions {
  /** Lambda API operation, e.g. `UpdateFunctionConfiguration`. */
  operation: string;
  functionName: string;
  /** SDK error name / Lambda error type, e.g. `AccessDeniedException`; `NetworkError` for socket errors. */
  code: string;
  message: string;
  region?: string;
  qualifier?: string;
  statusCode?: number;
  /** Retries made before giving up. */
  retries?: number;
  /** CLI exit code (default 1; 2 when the error proves nothing was changed because the input named nothing that exists). */
  exitCode?: number;
  cause?: unknown;
}

/**
 * A Lambda API call failed for good (after our retries).
 *
 * @example
 * throw new LambdaApiError({ operation: 'Invoke', functionName: 'f', code: 'AccessDeniedException', message: '…' });
 */
class LambdaApiError extends LambdaError {
  readonly operation: string;
  readonly functionName: string;
  readonly code: string;
  readonly region?: string;
  readonly qualifier?: string;
  readonly statusCode?: number;
  readonly retries: number;
  override readonly exitCode: number;

  constructor({
    operation,
    functionName,
    code,
    message,
    region,
    qualifier,
    statusCode,
    retries = 0,
    exitCode = 1,
    cause,
  }: LambdaApiErrorOptions) {
    super(message, { cause });
    this.exitCode = exitCode;
    this.name = 'LambdaApiError';
    this.operation = operation;
    this.functionName = functionName;
    this.code = code;
    if (region !== undefined) this.region = region;
    if (qualifier !== undefined) this.qualifier = qualifier;
    if (statusCode !== undefined) this.statusCode = statusCode;
    this.retries = retries;
  }
}

/**
 * A configuration update ended with `LastUpdateStatus: Failed` or the
 * function went to `State: Failed`.
 *
 * @example
 * throw new FunctionUpdateFailedError({ functionName: 'f', qualifier: '$LATEST', reason: 'ENI limit reached' });
 */
class FunctionUpdateFailedError extends LambdaError {
  readonly functionName: string;
  readonly qualifier: string;
  readonly reason: string;

  constructor({
    functionName,
    qualifier,
    reason,
    cause,
  }: {
    functionName: string;
    qualifier: string;
    reason: string;
    cause?: unknown;
  }) {
    super(
      `The configuration update of ${functionName} (${qualifier}) failed: ${reason}. ` +
        'Fix the cause in the Lambda console or with `aws lambda get-function-configuration`, then run again.',
      { cause },
    );
    this.name = 'FunctionUpdateFailedError';
    this.functionName = functionName;
    this.qualifier = qualifier;
    this.reason = reason;
  }
}

/**
 * A configuration update or a new version did not settle in time.
 *
 * @example
 * throw new FunctionUpdateTimeoutError({ functionName: 'f', qualifier: '$LATEST', waitedMs: 600000, lastStatus: 'InProgress' });
 */
class FunctionUpdateTimeoutError extends LambdaError {
  readonly functionName: string;
  readonly qualifier: string;
  readonly waitedMs: number;
  readonly lastStatus: string;

  constructor({
    functionName,
    qualifier,
    waitedMs,
    lastStatus,
  }: {
    functionName: string;
    qualifier: string;
    waitedMs: number;
    lastStatus: string;
  }) {
    super(
      `${functionName} (${qualifier}) was still "${lastStatus}" after ${Math.round(waitedMs / 1000)} s of waiting for its update to finish; ` +
        'the limit is 10 minutes. Check the function in the Lambda console, then run again (or `powertune cleanup`).',
    );
    this.name = 'FunctionUpdateTimeoutError';
    this.functionName = functionName;
    this.qualifier = qualifier;
    this.waitedMs = waitedMs;
    this.lastStatus = lastStatus;
  }
}

/**
 * An alias with a run-scoped name already exists and points elsewhere: it
 * was not created by this run, so it is left alone and the run stops.
 *
 * @example
 * throw new AliasConflictError({ functionName: 'f', aliasName: 'pt-abc-128', existingVersion: '3', wantedVersion: '9' });
 */
class AliasConflictError extends LambdaError {
  readonly functionName: string;
  readonly aliasName: string;
  readonly existingVersion: string;
  readonly wantedVersion: string;

  constructor({
    functionName,
    aliasName,
    existingVersion,
    wantedVersion,
  }: {
    functionName: string;
    aliasName: string;
    existingVersion: string;
    wantedVersion: string;
  }) {
    super(
      `Alias ${aliasName} of ${functionName} already exists and points to version ${existingVersion}, not to version ${wantedVersion} that this run published. ` +
        'powertune never changes aliases it did not create: run again (a new run id gives new alias names) or delete that alias yourself.',
    );
    this.name = 'AliasConflictError';
    this.functionName = functionName;
    this.aliasName = aliasName;
    this.existingVersion = existingVersion;
    this.wantedVersion = wantedVersion;
  }
}

/**
 * `$LATEST` kept changing between our update and our PublishVersion
 * (RevisionId mismatch every time): another run or a deploy is changing the
 * function. Nothing of theirs was overwritten; the run stops and cleans up.
 *
 * @example
 * throw new ConcurrentModificationError({ functionName: 'f', power: 1024, attempts: 4 });
 */
class ConcurrentModificationError extends LambdaError {
  readonly functionName: string;
  readonly power: number;
  readonly attempts: number;

  constructor({
    functionName,
    power,
    attempts,
    cause,
  }: {
    functionName: string;
    power: number;
    attempts: number;
    cause?: unknown;
  }) {
    super(
      `$LATEST of ${functionName} was changed by someone else each of the ${attempts} times powertune set it to ${power} MB and tried to publish it ` +
        '(PublishVersion refused: RevisionId mismatch), so nothing was published from their settings. ' +
        'Another tuning run or a deployment is changing the function: wait for it to finish, then run again.',
      { cause },
    );
    this.name = 'ConcurrentModificationError';
    this.functionName = functionName;
    this.power = power;
    this.attempts = attempts;
  }
}

/**
 * The version a run published carries other code than `$LATEST` had when
 * the run started: a deployment changed the function during the run. The
 * run stops so that its sizes never measure two versions of the code; it
 * cleans up, and `$LATEST` keeps the deployed code.
 *
 * @example
 * throw new CodeChangedError({ functionName: 'f', power: 1024, expected: 'abc…', found: 'def…' });
 */
class CodeChangedError extends LambdaError {
  readonly functionName: string;
  readonly power: number;

  constructor({
    functionName,
    power,
    expected,
    found,
  }: {
    functionName: string;
    power: number;
    expected: string;
    found: string;
  }) {
    super(
      `The code of ${functionNameOfArn(functionName) ?? functionName} changed during the run (CodeSha256 ${expected} when it started, ${found} in the version published for ${power} MB): ` +
        'a deployment is under way. The run stopped so that no size measures other code than the rest, and undid what it changed; run it again once the deployment is done.',
    );
    this.name = 'CodeChangedError';
    this.functionName = functionName;
    this.power = power;
  }
}

/** Why `payloadS3` could not be read. */
type PayloadS3Reason = 'invalid-path' | 'permission-denied' | 'not-found' | 'unknown';

/**
 * The `payloadS3` object could not be read. Messages start like the
 * reference's (`Permission denied when trying to read s3://b/k.` …) and
 * end with the next step for a CLI user.
 *
 * @example
 * throw new PayloadS3Error({ uri: 's3://b/k', reason: 'not-found' });
 */
class PayloadS3Error extends PowerTuneError {
  override readonly exitCode: number = ExitCode.RunFailed;
  readonly uri: string;
  readonly reason: PayloadS3Reason;

  constructor({
    uri,
    reason,
    detail,
    cause,
  }: {
    uri: string;
    reason: PayloadS3Reason;
    detail?: string;
    cause?: unknown;
  }) {
    const messages: Record<PayloadS3Reason, string> = {
      'invalid-path': `Invalid S3 path, not a string in the format s3://BUCKET/KEY: ${JSON.stringify(uri)}. Pass payloadS3 as s3://my-bucket/path/payload.json.`,
      'permission-denied': `Permission denied when trying to read ${uri}. Grant s3:GetObject on it to the identity you run powertune with (and kms:Decrypt if the object is KMS-encrypted).`,
      'not-found': `The object ${uri} does not exist. Make sure you are trying to access an existing object in the correct bucket.`,
      unknown: `Unknown error when trying to read ${uri}. ${detail ?? ''}`.trim(),
    };
    super(messages[reason], { cause });
    this.name = 'PayloadS3Error';
    this.uri = uri;
    this.reason = reason;
  }
}

export {
  AliasConflictError,
  CodeChangedError,
  ConcurrentModificationError,
  FunctionUpdateFailedError,
  FunctionUpdateTimeoutError,
  LambdaApiError,
  LambdaError,
  PayloadS3Error,
};
export type { LambdaApiErrorOptions, PayloadS3Reason };
