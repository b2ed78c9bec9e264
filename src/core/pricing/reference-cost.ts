/**
 * The reference tool's own cost arithmetic, reproduced number for number so
 * that results can be compared (`--reference-prices`) and parity tested.
 *
 * @module core/pricing/reference-cost
 */
import type { Architecture } from '../types.js';
import {
  REFERENCE_EXECUTION_COST_DECIMALS,
  REFERENCE_LAMBDA_BASE_COSTS,
  REFERENCE_MIN_RAM_MB,
  REFERENCE_STEP_FUNCTIONS_COSTS,
  REFERENCE_TRANSITIONS,
} from './constants.js';

/**
 * The reference's price per ms at 128 MB (`baseCosts[arch][region] || default`).
 *
 * @example
 * referenceBaseCost({ region: 'af-south-1', architecture: 'x86_64' }); // 2.8e-9
 */
const referenceBaseCost = ({ region, architecture }: { region: string; architecture: Architecture }): number => {
  const table: Record<string, number> = REFERENCE_LAMBDA_BASE_COSTS[architecture];
  return table[region] ?? REFERENCE_LAMBDA_BASE_COSTS[architecture].default;
};

/**
 * The reference's `computePrice`: `ceil(billedMs) × baseCost × memoryMB / 128`,
 * with no request charge.
 *
 * @example
 * referenceInvocationCost({ billedDurationMs: 1, memoryMB: 128, region: 'us-east-1', architecture: 'x86_64' }); // 2.1e-9
 */
const referenceInvocationCost = ({
  billedDurationMs,
  memoryMB,
  region,
  architecture,
}: {
  billedDurationMs: number;
  memoryMB: number;
  region: string;
  architecture: Architecture;
}): number =>
  Math.ceil(billedDurationMs) * referenceBaseCost({ region, architecture }) * (memoryMB / REFERENCE_MIN_RAM_MB);

/**
 * The reference's `executionCost` estimate: `+(sfBase × m).toFixed(5)` with
 * `m = 6 + 3N`, or `6 + N + 2·N·num` with onlyColdStarts; `sfBase` from its
 * own table (default 0.000025).
 *
 * @example
 * referenceStepFunctionsCost({ region: 'us-gov-west-1', powerValues: 10, onlyColdStarts: false, num: 10 }); // 0.00108
 */
const referenceStepFunctionsCost = ({
  region,
  powerValues,
  onlyColdStarts = false,
  num,
}: {
  region: string;
  /** The power values, or how many there are. */
  powerValues: number | readonly number[];
  onlyColdStarts?: boolean;
  num: number;
}): number => {
  const table: Record<string, number> = REFERENCE_STEP_FUNCTIONS_COSTS;
  const base = table[region] ?? REFERENCE_STEP_FUNCTIONS_COSTS.default;
  const n = typeof powerValues === 'number' ? powerValues : powerValues.length;
  const transitions = onlyColdStarts
    ? REFERENCE_TRANSITIONS.fixed +
      REFERENCE_TRANSITIONS.perPowerValueColdStarts * n +
      REFERENCE_TRANSITIONS.perColdInvocation * n * num
    : REFERENCE_TRANSITIONS.fixed + REFERENCE_TRANSITIONS.perPowerValue * n;
  return Number((base * transitions).toFixed(REFERENCE_EXECUTION_COST_DECIMALS));
};

export { referenceBaseCost, referenceInvocationCost, referenceStepFunctionsCost };
