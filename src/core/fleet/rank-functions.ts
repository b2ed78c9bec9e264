/**
 * Turns what `scan` read into ranked rows.
 *
 * @module core/fleet/rank-functions
 */
import { fleetSignals } from './fleet-signals.js';
import { functionMonthlyCost } from './function-monthly-cost.js';
import type { FunctionUsage, ScannedFunction, ScanSortKey } from './types.js';

/**
 * One row: the usage facts, the monthly cost and the signals.
 *
 * @example
 * scannedFunction({ usage }).monthlyCost;
 */
const scannedFunction = ({
  usage,
  freeTier = false,
}: {
  usage: FunctionUsage;
  freeTier?: boolean;
}): ScannedFunction => {
  const cost = functionMonthlyCost({ usage, freeTier });
  const { tunedBefore: _tunedBefore, ...facts } = usage;
  return { ...facts, monthlyCost: cost.total, cost, signals: fleetSignals({ usage }) };
};

const KEY_OF: Record<ScanSortKey, (row: ScannedFunction) => number | string> = {
  cost: (row) => row.monthlyCost,
  invocations: (row) => row.invocations,
  duration: (row) => row.durationAvgMs ?? 0,
  memory: (row) => row.memoryMB,
  name: (row) => row.functionName,
};

/**
 * Sorts rows: numbers largest first, names A→Z; ties by name then region,
 * so the order never depends on the order regions answered.
 *
 * @example
 * rankFunctions({ rows, sort: 'cost' })[0]; // the dearest function
 */
const rankFunctions = ({
  rows,
  sort = 'cost',
}: {
  rows: readonly ScannedFunction[];
  sort?: ScanSortKey;
}): ScannedFunction[] => {
  const key = KEY_OF[sort];
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (typeof ka === 'number' && typeof kb === 'number' && ka !== kb) return kb - ka;
    if (typeof ka === 'string' && typeof kb === 'string' && ka !== kb) return ka < kb ? -1 : 1;
    if (a.functionName !== b.functionName) return a.functionName < b.functionName ? -1 : 1;
    return a.region < b.region ? -1 : a.region > b.region ? 1 : 0;
  });
};

export { rankFunctions, scannedFunction };
