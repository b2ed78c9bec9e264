/**
 * Numbers and names the Lambda adapter relies on. Budgets are documented
 * here, once, so the CLI help and the report can quote them.
 *
 * @module lambda/constants
 */
import { MAX_DESCRIPTION_LENGTH } from '../core/index.js';

/**
 * Our retry policy for throttling (429), 5xx and network errors.
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential
 * Backoff And Jitter"): before attempt n+1 we sleep
 * `random() * min(capMs, baseMs * 2^(n-1))`. Six attempts at base 100 ms and
 * cap 5 s wait at most 0.1+0.2+0.4+0.8+1.6 = 3.1 s in total. The SDK's own
 * retry is switched off (`maxAttempts: 1`) so that this policy is the only
 * one that runs and every retry is counted.
 */
const DEFAULT_RETRY_POLICY = {
  maxAttempts: 6,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
} as const;

/** The environment variables of the AWS SDKs' and the AWS CLI's retry settings. */
const RETRY_ENV_VARS = {
  maxAttempts: 'AWS_MAX_ATTEMPTS',
  mode: 'AWS_RETRY_MODE',
} as const;

/**
 * Retry modes users may set: the SDK's `standard` and `adaptive`, and the AWS
 * CLI's `legacy`, which we run as `standard` (the same backoff, our budget).
 */
const RETRY_MODE_NAMES = ['standard', 'adaptive', 'legacy'] as const;

/**
 * Connection refused and unknown host: the SDK counts them as transient, but
 * here they mean a setup problem (the endpoint is not running, the region
 * does not exist), so the run fails at once with a message saying so rather
 * than after a round of retries.
 */
const SETUP_NETWORK_ERROR_CODES: readonly string[] = ['ECONNREFUSED', 'ENOTFOUND'];

/**
 * Polling while a configuration update or a new version settles
 * (`LastUpdateStatus: InProgress`, `State: Pending`). Lambda usually finishes
 * in about a second; VPC functions can take minutes.
 */
const WAIT_POLICY = {
  initialDelayMs: 250,
  maxDelayMs: 2_000,
  backoffFactor: 1.5,
  maxWaitMs: 10 * 60 * 1_000,
} as const;

/**
 * How often an operation that hit `ResourceConflictException` ("an update is
 * in progress") waits for the update to finish and tries again.
 */
const MAX_CONFLICT_RETRIES = 5;

/**
 * How often preparing a size re-applies its memory size when PublishVersion
 * finds `$LATEST` changed by someone else since the update (RevisionId
 * mismatch): a concurrent run or a deploy. Then the run stops.
 */
const MAX_PUBLISH_RACE_RETRIES = 5;

/**
 * Before re-applying after such a race, wait `random() * base * 2^attempt`
 * ms: two runs that keep overwriting each other fall out of step, and one
 * of them gets its update published first.
 */
const PUBLISH_RACE_BACKOFF_BASE_MS = 250;

/** The SDK's own retry attempts: 1 means "no SDK retry", ours runs instead. */
const SDK_MAX_ATTEMPTS = 1;

/** Socket timeout of an Invoke call: the Lambda maximum (15 min) plus a margin. */
const INVOKE_REQUEST_TIMEOUT_MS = 15 * 60 * 1_000 + 30_000;

/** Parallel delete calls during cleanup (onlyColdStarts can leave hundreds of aliases). */
const CLEANUP_CONCURRENCY = 4;

/** Lambda limits used when naming things (alias and function name lengths live in core's constants). */
const LAMBDA_LIMITS = {
  descriptionMaxLength: MAX_DESCRIPTION_LENGTH,
} as const;

/** Error names (SDK `name` / Lambda error type) we treat specially. */
const LAMBDA_ERROR_CODES = {
  throttled: 'TooManyRequestsException',
  conflict: 'ResourceConflictException',
  notFound: 'ResourceNotFoundException',
  preconditionFailed: 'PreconditionFailedException',
  service: 'ServiceException',
  accessDenied: 'AccessDeniedException',
} as const;

/** Lambda API operation → the IAM action a caller needs for it. */
const IAM_ACTIONS = {
  GetFunctionConfiguration: 'lambda:GetFunctionConfiguration',
  UpdateFunctionConfiguration: 'lambda:UpdateFunctionConfiguration',
  PublishVersion: 'lambda:PublishVersion',
  ListVersionsByFunction: 'lambda:ListVersionsByFunction',
  CreateAlias: 'lambda:CreateAlias',
  UpdateAlias: 'lambda:UpdateAlias',
  GetAlias: 'lambda:GetAlias',
  DeleteAlias: 'lambda:DeleteAlias',
  ListAliases: 'lambda:ListAliases',
  DeleteFunction: 'lambda:DeleteFunction',
  Invoke: 'lambda:InvokeFunction',
} as const;

/** Environment variables that point the Lambda client somewhere else (AWS SDK "service-specific endpoints"). */
const ENDPOINT_ENV_VARS = ['AWS_ENDPOINT_URL_LAMBDA', 'AWS_ENDPOINT_URL'] as const;

/** Environment variables that name the default region, in SDK precedence order. */
const REGION_ENV_VARS = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;

/** `$LATEST`, the only mutable version of a function. */
const LATEST = '$LATEST';

/**
 * Response headers the local Lambda service (`powertune emulator`, or the
 * embedded one) sets on Invoke; AWS sets neither. Lowercase, as Node gives them.
 */
const LOCAL_SERVICE_HEADERS = {
  /** The service's CPU model in one line: tells a run it measured on the local service. */
  emulator: 'x-powertune-emulator',
  /** Time the invocation waited for host CPU before its event was delivered (not part of Duration). */
  admissionWaitMs: 'x-powertune-admission-wait-ms',
} as const;

export {
  LOCAL_SERVICE_HEADERS,
  CLEANUP_CONCURRENCY,
  DEFAULT_RETRY_POLICY,
  ENDPOINT_ENV_VARS,
  IAM_ACTIONS,
  INVOKE_REQUEST_TIMEOUT_MS,
  LAMBDA_ERROR_CODES,
  LAMBDA_LIMITS,
  LATEST,
  MAX_CONFLICT_RETRIES,
  MAX_PUBLISH_RACE_RETRIES,
  PUBLISH_RACE_BACKOFF_BASE_MS,
  REGION_ENV_VARS,
  RETRY_ENV_VARS,
  RETRY_MODE_NAMES,
  SDK_MAX_ATTEMPTS,
  SETUP_NETWORK_ERROR_CODES,
  WAIT_POLICY,
};
