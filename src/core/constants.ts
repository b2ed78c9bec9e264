/**
 * Numbers and names the pure core relies on. Lambda limits come from the AWS
 * Lambda quotas page; reference values from reference-tool.md.
 *
 * @module core/constants
 */

/** Smallest memory size Lambda accepts (MB). */
const LAMBDA_MIN_MEMORY_MB = 128;
/** Largest memory size Lambda accepts (MB). */
const LAMBDA_MAX_MEMORY_MB = 10_240;
/** Memory size at which a function gets one full vCPU (MB). */
const ONE_VCPU_MEMORY_MB = 1_769;
/** vCPUs at the largest memory size. */
const MAX_VCPUS = 6;
/** Lambda bills memory in GB of 1024 MB. */
const MB_PER_GB = 1_024;
/** Milliseconds per second (billing is per ms, prices per GB-second). */
const MS_PER_SECOND = 1_000;
/** A ratio times this is a percentage. */
const PERCENT = 100;
/** Costs are quoted per million invocations. */
const INVOCATIONS_PER_MILLION = 1_000_000;
/** Finest memory step of a search (Lambda memory moves in 1 MB steps). */
const MIN_GRANULARITY_MB = 1;

/** The reference's `"ALL"` start, end and step (it stops at 3008 although Lambda allows 10240). */
const REFERENCE_ALL_START_MB = 128;
const REFERENCE_ALL_END_MB = 3_008;
const REFERENCE_ALL_STEP_MB = 64;

/** The reference's `"ALL"`: 128..3008 step 64 (46 values). */
const REFERENCE_ALL_POWER_VALUES: readonly number[] = Object.freeze(
  Array.from(
    { length: (REFERENCE_ALL_END_MB - REFERENCE_ALL_START_MB) / REFERENCE_ALL_STEP_MB + 1 },
    (_, i) => REFERENCE_ALL_START_MB + i * REFERENCE_ALL_STEP_MB,
  ),
);

/** The reference's deploy-time default `PowerValues`. */
const DEFAULT_POWER_VALUES: readonly number[] = Object.freeze([128, 256, 512, 1024, 1536, 3008]);

/** Default step of the range syntax `start-end[:step]`. */
const DEFAULT_RANGE_STEP_MB = 64;

/** Default share of samples dropped at each end before averaging. */
const DEFAULT_DISCARD_TOP_BOTTOM = 0.2;
/** Largest allowed `discardTopBottom` (the reference clamps to this). */
const MAX_DISCARD_TOP_BOTTOM = 0.4;
/** Smallest `num` (counted invocations per size). */
const MIN_NUM = 5;
/** `num` used by a dry run when none is given. */
const DRY_RUN_NUM = 1;
/** Default `balancedWeight`. */
const DEFAULT_BALANCED_WEIGHT = 0.5;

/** Synchronous Invoke request payload limit: 6 MB. */
const MAX_PAYLOAD_BYTES = 6_291_456;

/** The three strategies, in the order error messages list them. */
const STRATEGIES = ['cost', 'speed', 'balanced'] as const;
/** Default strategy. */
const DEFAULT_STRATEGY = 'cost';

/** Lambda function names are 1–64 characters. */
const MAX_FUNCTION_NAME_LENGTH = 64;
/** Lambda alias names are 1–128 characters. */
const MAX_ALIAS_NAME_LENGTH = 128;
/** Lambda function and version descriptions are 0–256 characters. */
const MAX_DESCRIPTION_LENGTH = 256;

/** Currency symbols; any other currency is shown by its ISO code. */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = Object.freeze({ USD: '$', CNY: '¥' });

/** Relative tolerance under which two prices or durations count as a tie. */
const TIE_RELATIVE_TOLERANCE = 1e-9;

/** Share of the configured memory above which a size gets a memory warning. */
const MEMORY_WARNING_RATIO = 0.9;

/** Orders of the counted invocations across sizes; the first is the default. */
const INVOCATION_ORDERS = ['interleaved', 'sequential'] as const;

/** CPU models the local Lambda service may be asked for; the first is the default. */
const CPU_MODEL_CHOICES = ['auto', 'cgroup', 'virtual-time'] as const;

/**
 * Share of invocations assumed to be cold starts in the monthly bill.
 * AWS: "an analysis of production usage shows that cold starts typically
 * occur in under 1% of invocations" (AWS Lambda Developer Guide, "Understanding
 * the Lambda execution environment lifecycle" → cold starts and latency; also
 * AWS Compute Blog, "Operating Lambda: Performance optimization – Part 1").
 * 1% is the top of that range, so the INIT cost it adds is an upper estimate
 * for a typical steady workload.
 */
const DEFAULT_COLD_START_RATE = 0.01;

export {
  CPU_MODEL_CHOICES,
  CURRENCY_SYMBOLS,
  DEFAULT_COLD_START_RATE,
  DEFAULT_BALANCED_WEIGHT,
  DEFAULT_DISCARD_TOP_BOTTOM,
  DEFAULT_POWER_VALUES,
  DEFAULT_RANGE_STEP_MB,
  DEFAULT_STRATEGY,
  DRY_RUN_NUM,
  INVOCATION_ORDERS,
  INVOCATIONS_PER_MILLION,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
  MAX_ALIAS_NAME_LENGTH,
  MAX_DISCARD_TOP_BOTTOM,
  MAX_DESCRIPTION_LENGTH,
  MAX_FUNCTION_NAME_LENGTH,
  MAX_PAYLOAD_BYTES,
  MAX_VCPUS,
  MB_PER_GB,
  MEMORY_WARNING_RATIO,
  MIN_GRANULARITY_MB,
  MIN_NUM,
  MS_PER_SECOND,
  PERCENT,
  ONE_VCPU_MEMORY_MB,
  REFERENCE_ALL_POWER_VALUES,
  STRATEGIES,
  TIE_RELATIVE_TOLERANCE,
};
