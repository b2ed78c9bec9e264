/**
 * Pricing constants, including the reference tool's rounded price tables
 * (the `baseCosts` and `sfCosts` of AWS Lambda Power Tuning's template.yml), kept only for
 * parity calculations.
 *
 * @module core/pricing/constants
 */

/** Region whose prices stand in when a region's are unknown. */
const FALLBACK_PRICE_REGION = 'us-east-1';
/** Requests per million (price lists quote requests per 1M). */
const REQUESTS_PER_MILLION = 1_000_000;
/** Transitions per price unit (Step Functions quotes per 1,000). */
const TRANSITIONS_PER_PRICE_UNIT = 1_000;

/** The reference's smallest memory, the unit of its per-ms base cost. */
const REFERENCE_MIN_RAM_MB = 128;

/** The reference's `baseCosts`: price per ms at 128 MB, rounded to 2 digits. */
const REFERENCE_LAMBDA_BASE_COSTS = {
  x86_64: {
    'ap-east-1': 2.9e-9,
    'af-south-1': 2.8e-9,
    'me-south-1': 2.6e-9,
    'eu-south-1': 2.4e-9,
    'ap-northeast-3': 2.7e-9,
    'cn-north-1': 0.0000000142,
    'cn-northwest-1': 0.0000000142,
    default: 2.1e-9,
  },
  arm64: {
    default: 1.7e-9,
  },
} as const satisfies Record<string, Record<string, number>>;

/** The reference's `sfCosts`: price per state transition. */
const REFERENCE_STEP_FUNCTIONS_COSTS = {
  default: 0.000025,
  'us-gov-west-1': 0.00003,
  'ap-northeast-2': 0.0000271,
  'eu-south-1': 0.00002625,
  'af-south-1': 0.00002975,
  'us-west-1': 0.0000279,
  'eu-west-3': 0.0000297,
  'ap-east-1': 0.0000275,
  'me-south-1': 0.0000275,
  'ap-south-1': 0.0000285,
  'us-gov-east-1': 0.00003,
  'sa-east-1': 0.0000375,
  'cn-north-1': 0.0001891,
  'cn-northwest-1': 0.0001891,
} as const satisfies Record<string, number>;

/** Transitions of the reference's state machine: `6 + 3N` (normal) or `6 + N + 2·N·num` (onlyColdStarts). */
const REFERENCE_TRANSITIONS = {
  fixed: 6,
  perPowerValue: 3,
  perPowerValueColdStarts: 1,
  perColdInvocation: 2,
} as const;
/** The reference rounds executionCost to 5 decimals. */
const REFERENCE_EXECUTION_COST_DECIMALS = 5;

export {
  FALLBACK_PRICE_REGION,
  REFERENCE_EXECUTION_COST_DECIMALS,
  REFERENCE_LAMBDA_BASE_COSTS,
  REFERENCE_MIN_RAM_MB,
  REFERENCE_STEP_FUNCTIONS_COSTS,
  REFERENCE_TRANSITIONS,
  REQUESTS_PER_MILLION,
  TRANSITIONS_PER_PRICE_UNIT,
};
