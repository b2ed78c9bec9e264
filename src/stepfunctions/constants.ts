/**
 * Constants of the Step Functions driver: state names, error names, retry
 * budget and the limits that shape the state machine.
 *
 * @module stepfunctions/constants
 */

/** The six Lambda handlers of the distributed driver (one per tuner step). */
const HANDLER_NAMES = ['initialize', 'prepare', 'measure', 'cleanup', 'analyze', 'optimize'] as const;

/** Names of the states in the generated definition. */
const STATE_NAMES = {
  initialize: 'Initialize',
  prepare: 'Prepare',
  prepared: 'AllSizesPrepared?',
  dryRunDone: 'DryRunDone',
  measure: 'Measure',
  measureBatch: 'MeasureBatch',
  cleanup: 'Cleanup',
  analyze: 'Analyze',
  optimize: 'Optimize',
  cleanupOnError: 'CleanupOnError',
  describeCleanupFailure: 'DescribeCleanupFailure',
  failed: 'Failed',
} as const;

/**
 * Errors Step Functions raises when *invoking our handlers* fails for a
 * transient reason (throttling, Lambda service trouble). These are the only
 * errors the state machine retries: a function error of the tuned function is
 * data in a batch result, and an error thrown by our handler (bad input, AWS
 * access denied…) would fail again, so retrying it only burns invocations.
 */
const RETRYABLE_HANDLER_ERRORS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
] as const;

/** Retry budget for {@link RETRYABLE_HANDLER_ERRORS}: 1 s, 2 s, 4 s, 8 s, 16 s with full jitter. */
const HANDLER_RETRY = {
  intervalSeconds: 1,
  maxAttempts: 5,
  backoffRate: 2,
  maxDelaySeconds: 30,
} as const;

/** JSON paths of the execution state, shared by the definition and the handlers. */
const STATE_PATHS = {
  run: '$.run',
  prepare: '$.prepare',
  items: '$.items',
  maxConcurrency: '$.run.maxConcurrency',
  measurements: '$.measurements',
  cleanup: '$.cleanup',
  error: '$.error',
  cleanupError: '$.cleanupError',
  failure: '$.failure',
  dryRun: '$.prepare.dryRun',
  prepareFailure: '$.prepare.failure',
} as const;

/** Placeholders used in the committed ASL file (SAM `DefinitionSubstitutions`, CDK `definitionSubstitutions`). */
const RESOURCE_PLACEHOLDERS = {
  initialize: '${InitializeFunctionArn}',
  prepare: '${PrepareFunctionArn}',
  measure: '${MeasureFunctionArn}',
  cleanup: '${CleanupFunctionArn}',
  analyze: '${AnalyzeFunctionArn}',
  optimize: '${OptimizeFunctionArn}',
} as const;

/** Keys of {@link RESOURCE_PLACEHOLDERS} without the `${}` (the substitution variable names). */
const SUBSTITUTION_KEYS = {
  initialize: 'InitializeFunctionArn',
  prepare: 'PrepareFunctionArn',
  measure: 'MeasureFunctionArn',
  cleanup: 'CleanupFunctionArn',
  analyze: 'AnalyzeFunctionArn',
  optimize: 'OptimizeFunctionArn',
} as const;

/** Step Functions limits we design against. */
const STEP_FUNCTIONS_LIMITS = {
  /** Maximum size of a state's input or output (UTF-8 bytes). */
  maxPayloadBytes: 262_144,
  /** Maximum events in a Standard execution's history. */
  maxHistoryEvents: 25_000,
  /** History events one inline Map iteration with one Task writes (iteration started/succeeded, state entered/exited, task scheduled/started/succeeded). */
  historyEventsPerMapItem: 7,
} as const;

/**
 * How transitions are counted, the same way for us and for the reference
 * (whose `6 + 3N` is its 5 + 3N states entered plus one): every state entered,
 * plus one for the execution start.
 */
const TRANSITIONS = {
  executionStart: 1,
  /** Initialize, Map state, Cleanup, Analyze, Optimize. */
  fixedStates: 5,
  /** Prepare + the AllSizesPrepared? Choice, per prepare loop. */
  perPrepareLoop: 2,
  /** One Task state per Map item. */
  perMapItem: 1,
  /** Reference: Initializer, Branching (Map), Cleaner, Analyzer, Optimizer + start. */
  referenceFixed: 6,
  /** Reference: Publisher + IsCountReached + Executor per power value. */
  referencePerPowerValue: 3,
} as const;

/** Defaults of the deployed driver (overridable per deployment and per execution). */
const DRIVER_DEFAULTS = {
  /** Map MaxConcurrency when neither the input nor the deployment sets one. */
  maxConcurrency: 10,
  /** Timeout of every handler Lambda (s), like the reference's `totalExecutionTimeout`. */
  handlerTimeoutSeconds: 300,
  /** Time a handler keeps in reserve for returning its result (ms). */
  safetyMarginMs: 10_000,
  /** Upper bound on Map items, so the execution history stays far below 25,000 events. */
  maxMapItems: 2_000,
  /** A batch plans for invocations this many times slower than the probe measured. */
  estimateSafetyFactor: 2,
  /** The executor starts another invocation only with this many times the slowest one seen still left. */
  guardFactor: 1.5,
  /** Upper bound on the serialized `run` object in the state (bytes); onlyColdStarts plans grow with num × sizes. */
  maxRunStateBytes: 96 * 1024,
} as const;

/**
 * Least-privilege Lambda actions of each handler (on the `lambdaResource`
 * pattern), derived from the Lambda port calls each step makes. The SAM
 * template and the CDK construct grant exactly these; tests hold all three
 * together.
 */
const HANDLER_IAM_ACTIONS = {
  // planRun reads $LATEST and the existing versions; the batch-sizing probe and dryRun invoke once.
  initialize: ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction', 'lambda:ListVersionsByFunction'],
  // update → wait → publish → alias (GetAlias when an alias of the same name exists).
  prepare: [
    'lambda:CreateAlias',
    'lambda:GetAlias',
    'lambda:GetFunctionConfiguration',
    'lambda:PublishVersion',
    'lambda:UpdateFunctionConfiguration',
  ],
  // invocations (and pre/post processors, which must match lambdaResource too).
  measure: ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'],
  // delete aliases and versions (never one another alias uses), restore $LATEST.
  cleanup: [
    'lambda:DeleteAlias',
    'lambda:DeleteFunction',
    'lambda:GetAlias',
    'lambda:GetFunctionConfiguration',
    'lambda:ListAliases',
    'lambda:UpdateFunctionConfiguration',
  ],
  analyze: [],
  // auto-optimize: set $LATEST memory, or publish and point autoOptimizeAlias at it.
  optimize: [
    'lambda:CreateAlias',
    'lambda:GetAlias',
    'lambda:GetFunctionConfiguration',
    'lambda:PublishVersion',
    'lambda:UpdateAlias',
    'lambda:UpdateFunctionConfiguration',
  ],
} as const satisfies Record<(typeof HANDLER_NAMES)[number], readonly string[]>;

/** Handlers that read `payloadS3` (granted s3:GetObject when a payload bucket is configured). */
const S3_PAYLOAD_HANDLERS = ['initialize', 'measure'] as const;

/** Defaults of `runStateMachine`. */
const SFN_CLIENT_DEFAULTS = {
  /** How often the execution is polled (ms). */
  pollMs: 2_000,
  /** GetExecutionHistory page size (the API maximum). */
  historyPageSize: 1_000,
} as const;

/** Our Step Functions-only extension of the input: Map concurrency for one execution. */
const MAX_CONCURRENCY_KEY = 'maxConcurrency';

/** Environment variables the handlers read (set by the SAM template / CDK construct). */
const ENV_VARS = {
  defaultPowerValues: 'POWERTUNE_DEFAULT_POWER_VALUES',
  maxConcurrency: 'POWERTUNE_MAX_CONCURRENCY',
  visualizationUrl: 'POWERTUNE_VISUALIZATION_URL',
  payloadS3Bucket: 'POWERTUNE_PAYLOAD_S3_BUCKET',
  handlerTimeoutSeconds: 'POWERTUNE_HANDLER_TIMEOUT_SECONDS',
  region: 'AWS_REGION',
} as const;

export {
  DRIVER_DEFAULTS,
  ENV_VARS,
  HANDLER_IAM_ACTIONS,
  HANDLER_NAMES,
  HANDLER_RETRY,
  MAX_CONCURRENCY_KEY,
  RESOURCE_PLACEHOLDERS,
  RETRYABLE_HANDLER_ERRORS,
  S3_PAYLOAD_HANDLERS,
  SFN_CLIENT_DEFAULTS,
  STATE_NAMES,
  STATE_PATHS,
  STEP_FUNCTIONS_LIMITS,
  SUBSTITUTION_KEYS,
  TRANSITIONS,
};
