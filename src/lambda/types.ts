/**
 * The Lambda port: the narrow interface the tuner, the cleanup command and
 * the Step Functions handlers use to talk to AWS Lambda (or the emulator).
 * `createSdkLambdaPort` implements it over the AWS SDK v3; tests use an
 * in-memory fake.
 *
 * @module lambda/types
 */
import type { Architecture } from '../core/index.js';

/** What we read from `GetFunctionConfiguration`, `PublishVersion` and `UpdateFunctionConfiguration`. */
interface FunctionConfiguration {
  functionName: string;
  /** As returned by Lambda; qualified for versions (`…:function:f:7`). */
  functionArn: string;
  /** `$LATEST` or a version number. */
  version: string;
  memoryMB: number;
  description: string;
  architecture: Architecture;
  /** `Pending`, `Active`, `Inactive`, `Failed`. */
  state?: string;
  stateReason?: string;
  /** `InProgress`, `Successful`, `Failed`. */
  lastUpdateStatus?: string;
  lastUpdateStatusReason?: string;
  /** `Text` or `JSON` (the function's log format). */
  logFormat?: string;
  revisionId?: string;
  /** When the configuration last changed (Lambda's `LastModified`, e.g. `2025-01-01T00:00:00.000+0000`). */
  lastModified?: string;
  /** `Zip` or `Image`. */
  packageType?: string;
  codeSha256?: string;
  timeoutSeconds?: number;
  runtime?: string;
}

/** An alias as Lambda describes it. */
interface AliasInfo {
  name: string;
  functionVersion: string;
  /** Versions that receive weighted traffic through `RoutingConfig`. */
  additionalVersions: string[];
  aliasArn?: string;
  revisionId?: string;
}

/** The result of one Invoke call (after our retries). */
interface InvokeOutcome {
  statusCode: number;
  /** `Unhandled` or `Handled` when the function returned an error (HTTP 200 + `X-Amz-Function-Error`). */
  functionError?: string;
  /** The response payload as UTF-8 text ('' when empty). */
  payload: string;
  /** The decoded `LogResult` (last 4 KB of the log), when Lambda returned one. */
  log?: string;
  executedVersion?: string;
  /** Attempts beyond the first that this invocation needed. */
  retries: number;
  /** How many of those retries were caused by throttling. */
  throttles: number;
  /** Set when the local Lambda service answered (its `x-powertune-emulator` header); AWS never sets it. */
  localService?: LocalServiceInfo;
}

/** What the local Lambda service says about an invocation in its response headers. */
interface LocalServiceInfo {
  /** Its CPU model in one line, e.g. `virtual-time (durations scaled by CPU time), 2 host cores`. */
  description: string;
  /** Time the invocation waited for host CPU before its event was delivered. */
  admissionWaitMs?: number;
}

/** Identifies a function, optionally a version or alias of it. */
interface FunctionRef {
  /** Function name, partial ARN or full unqualified ARN. */
  functionName: string;
  /** Version number or alias; `$LATEST` when omitted. */
  qualifier?: string;
}

interface UpdateConfigurationRequest {
  functionName: string;
  memoryMB?: number;
  description?: string;
  /** Optimistic lock: Lambda refuses the update when `$LATEST` changed since this revision. */
  revisionId?: string;
}

interface PublishVersionRequest {
  functionName: string;
  description?: string;
  /** Optimistic lock: Lambda refuses to publish (PreconditionFailed) when `$LATEST` changed since this revision. */
  revisionId?: string;
}

interface AliasRequest {
  functionName: string;
  name: string;
}

interface CreateAliasRequest extends AliasRequest {
  version: string;
  description?: string;
}

interface InvokeRequest extends FunctionRef {
  /** JSON text sent as the event. */
  payload?: string;
  /** Cancels the HTTP request (the function may still run to completion). */
  signal?: AbortSignal;
}

interface WaitRequest extends FunctionRef {
  signal?: AbortSignal;
}

/**
 * The narrow Lambda interface. Every method is one Lambda concept; retries on
 * throttling and on "update in progress" conflicts live inside it.
 */
interface LambdaPort {
  getConfiguration(ref: FunctionRef): Promise<FunctionConfiguration>;
  updateConfiguration(request: UpdateConfigurationRequest): Promise<FunctionConfiguration>;
  /** Polls until `LastUpdateStatus` is no longer `InProgress` and `State` is no longer `Pending`. */
  waitUntilUpdated(request: WaitRequest): Promise<FunctionConfiguration>;
  publishVersion(request: PublishVersionRequest): Promise<FunctionConfiguration>;
  /** Every published version (not `$LATEST`), all pages. */
  listVersions(request: { functionName: string }): Promise<FunctionConfiguration[]>;
  createAlias(request: CreateAliasRequest): Promise<AliasInfo>;
  updateAlias(request: CreateAliasRequest): Promise<AliasInfo>;
  /** `undefined` when the alias does not exist. */
  getAlias(request: AliasRequest): Promise<AliasInfo | undefined>;
  /** `false` when the alias did not exist (already deleted). */
  deleteAlias(request: AliasRequest): Promise<boolean>;
  listAliases(request: { functionName: string }): Promise<AliasInfo[]>;
  /** `false` when the version did not exist (already deleted). */
  deleteVersion(request: { functionName: string; version: string }): Promise<boolean>;
  invoke(request: InvokeRequest): Promise<InvokeOutcome>;
  /** GetFunction: what a copy of the function needs (architecture comparison); optional for ports that cannot copy. */
  getFunctionCode?(request: { functionName: string }): Promise<FunctionCodeInfo>;
  /** CreateFunction from a ZIP (a temporary copy of a function); resolves once Lambda accepted it (it may still be `Pending`). */
  createFunction?(request: CreateFunctionRequest): Promise<FunctionConfiguration>;
  /** DeleteFunction (every version); `false` when it did not exist (already deleted). */
  deleteFunction?(request: { functionName: string }): Promise<boolean>;
}

/** What GetFunction returns that a copy of the function needs. */
interface FunctionCodeInfo {
  configuration: FunctionConfiguration;
  /** Presigned URL of the ZIP (AWS), or the emulator's `/_powertune/code/<sha>.zip`; absent for images. */
  codeLocation?: string;
  role: string;
  handler?: string;
  environment?: Record<string, string>;
  /** Layer ARNs. */
  layers: string[];
  ephemeralStorageMB?: number;
}

/** A new function from a ZIP. */
interface CreateFunctionRequest {
  functionName: string;
  role: string;
  runtime?: string;
  handler?: string;
  zipFile: Uint8Array;
  memoryMB: number;
  timeoutSeconds?: number;
  description?: string;
  architecture: Architecture;
  environment?: Record<string, string>;
  layers?: string[];
  ephemeralStorageMB?: number;
  /** `Text` or `JSON`. */
  logFormat?: string;
}

/** Memory and description of `$LATEST`: what a run changes and restores. */
interface LatestSettings {
  memoryMB: number;
  description: string;
}

/**
 * A change about to be made to the user's function. The tuner's journal
 * records each one BEFORE the change is made (publish: right after, since the
 * version number is only known then), so a crashed run can be undone.
 */
type ChangeRecord =
  | {
      type: 'update-config';
      functionName: string;
      before: LatestSettings & { revisionId?: string };
      after: LatestSettings;
    }
  | {
      type: 'publish-version';
      functionName: string;
      version: string;
      /** True when PublishVersion returned a version that existed before: never delete it. */
      preExisted: boolean;
      /** True for the version auto-optimize publishes on purpose: kept. */
      keep?: boolean;
    }
  | { type: 'create-alias'; functionName: string; name: string; version: string }
  | { type: 'apply-optimal'; functionName: string; memoryMB: number; alias?: string };

/** Where changes are recorded before they are made (the tuner's journal implements it). */
interface ChangeRecorder {
  record(change: ChangeRecord): Promise<void>;
}

/** Sleeps for `ms`; rejects with the signal's reason when aborted. */
type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A number in [0, 1), like `Math.random`. */
type RandomSource = () => number;

/** Our retry budget (see `DEFAULT_RETRY_POLICY`). */
/** `AWS_RETRY_MODE`: `adaptive` adds the SDK's client-side rate limiter; `legacy` runs as `standard`. */
type RetryMode = 'standard' | 'adaptive' | 'legacy';

interface RetryPolicy {
  /** Total attempts, the first included (`AWS_MAX_ATTEMPTS`). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Default `standard`. */
  mode?: RetryMode;
}

/** A resolved tuning target. */
interface ResolvedTarget {
  /** What to pass as `FunctionName`: the unqualified ARN when one was given, else the name. */
  functionName: string;
  /** Short name for messages (`my-fn`). */
  displayName: string;
  /** Version or alias when the user gave a qualified ARN or `name:qualifier`. */
  qualifier?: string;
  /** From the ARN, else `--region`, else AWS_REGION / AWS_DEFAULT_REGION; undefined = SDK default chain. */
  region?: string;
  accountId?: string;
  partition?: string;
  /** `--endpoint-url`, else AWS_ENDPOINT_URL_LAMBDA, else AWS_ENDPOINT_URL. */
  endpoint?: string;
}

/**
 * The payload port: reads a payload from `s3://bucket/key` (the body,
 * JSON-parsed when it is JSON). The tuner depends on this, never on the S3 SDK.
 */
interface PayloadSource {
  fetch(uri: string): Promise<unknown>;
}

export type {
  AliasInfo,
  AliasRequest,
  ChangeRecord,
  ChangeRecorder,
  CreateAliasRequest,
  CreateFunctionRequest,
  FunctionCodeInfo,
  FunctionConfiguration,
  FunctionRef,
  ResolvedTarget,
  InvokeOutcome,
  LocalServiceInfo,
  InvokeRequest,
  LambdaPort,
  LatestSettings,
  PayloadSource,
  PublishVersionRequest,
  RandomSource,
  RetryMode,
  RetryPolicy,
  Sleep,
  UpdateConfigurationRequest,
  WaitRequest,
};
