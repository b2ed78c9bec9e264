/**
 * The issue-6 extensions of the input: adaptive search (`powerValues:
 * "AUTO"`, `num: "auto"`, `granularity`, `maxInvocations`, `maxTuningCost`),
 * constraints (`maxDuration`, `percentile`, `maxCostPerMillion`) and the
 * monthly bill (`invocationsPerMonth`, `freeTier`).
 *
 * @module core/input/read-search-options
 */
import { MIN_GRANULARITY_MB } from '../constants.js';
import { InputError } from '../errors.js';
import type { AdaptiveSearchInput, DurationPercentile, TuningConstraints } from '../types.js';
import { describeValue } from './describe-value.js';

/** Keys this file reads, in the order they are documented. */
const SEARCH_OPTION_KEYS = [
  'granularity',
  'maxInvocations',
  'maxTuningCost',
  'maxDuration',
  'percentile',
  'maxCostPerMillion',
  'invocationsPerMonth',
  'freeTier',
] as const;

const AUTO = 'auto';
const PERCENTILES: readonly DurationPercentile[] = ['p50', 'p90', 'p95', 'p99'];
/** Default search step (MB). */
const DEFAULT_GRANULARITY_MB = 64;
const ADAPTIVE_ONLY =
  'applies only to an adaptive search: add "powerValues": "AUTO" (--power auto) or "num": "auto" (--num auto)';

/** True for `"AUTO"`/`"auto"` (any case, surrounding blanks ignored). */
const isAuto = (value: unknown): boolean => typeof value === 'string' && value.trim().toLowerCase() === AUTO;

const readPositiveNumber = ({ raw, field, example }: { raw: unknown; field: string; example: string }): number => {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0) {
    throw new InputError({ field, expected: `must be a number > 0 (e.g. ${example})`, got: describeValue(raw) });
  }
  return raw;
};

const readIntegerAtLeast = ({ raw, field, min }: { raw: unknown; field: string; min: number }): number => {
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < min) {
    throw new InputError({ field, expected: `must be an integer >= ${min}`, got: describeValue(raw) });
  }
  return raw;
};

/**
 * Reads the adaptive-search settings. Returns `undefined` for a classic run
 * (a list of sizes and a fixed `num`), and refuses search-only options
 * there, since they would silently do nothing.
 *
 * @throws {InputError} on a bad value, or a search option without a search
 * @example
 * readSearchInput({ input: { powerValues: 'AUTO', maxInvocations: 200 }, num: undefined });
 * // { powerValues: 'auto', num: 'auto', granularityMB: 64, maxInvocations: 200 }
 */
const readSearchInput = ({
  input,
  num,
  onlyColdStarts,
}: {
  input: Record<string, unknown>;
  /** The validated fixed `num`, or undefined when it is missing or `auto`. */
  num: number | undefined;
  onlyColdStarts: boolean;
}): AdaptiveSearchInput | undefined => {
  const autoPower = isAuto(input.powerValues);
  const autoNum = isAuto(input.num);
  if (!autoPower && !autoNum) {
    for (const field of ['granularity', 'maxInvocations', 'maxTuningCost'] as const) {
      if (input[field] !== undefined)
        throw new InputError({ field, expected: ADAPTIVE_ONLY, got: describeValue(input[field]) });
    }
    return undefined;
  }
  if (onlyColdStarts) {
    throw new InputError({
      field: autoPower ? 'powerValues' : 'num',
      expected:
        'an adaptive search measures warm invocations and cannot be combined with onlyColdStarts; use a list of sizes and a fixed num',
      got: describeValue(autoPower ? input.powerValues : input.num),
    });
  }
  if (!autoPower && input.granularity !== undefined) {
    throw new InputError({
      field: 'granularity',
      expected: 'applies only when the search picks the sizes: add "powerValues": "AUTO" (--power auto)',
      got: describeValue(input.granularity),
    });
  }
  const search: AdaptiveSearchInput = {
    powerValues: autoPower ? 'auto' : 'list',
    num: autoNum || num === undefined ? AUTO : num,
    granularityMB:
      input.granularity === undefined
        ? DEFAULT_GRANULARITY_MB
        : readIntegerAtLeast({ raw: input.granularity, field: 'granularity', min: MIN_GRANULARITY_MB }),
  };
  if (input.maxInvocations !== undefined) {
    search.maxInvocations = readIntegerAtLeast({ raw: input.maxInvocations, field: 'maxInvocations', min: 1 });
  }
  if (input.maxTuningCost !== undefined) {
    search.maxTuningCost = readPositiveNumber({
      raw: input.maxTuningCost,
      field: 'maxTuningCost',
      example: '0.50 dollars',
    });
  }
  return search;
};

/**
 * Reads `maxDuration` (ms), `percentile` (p50|p90|p95|p99, default p95) and
 * `maxCostPerMillion`; `undefined` when none is given.
 *
 * @throws {InputError} on a bad value, or `percentile` without `maxDuration`
 * @example
 * readConstraints({ maxDuration: 1000, percentile: 'p99' }); // { maxDurationMs: 1000, percentile: 'p99' }
 */
const readConstraints = (input: Record<string, unknown>): TuningConstraints | undefined => {
  const constraints: TuningConstraints = {};
  if (input.maxDuration !== undefined) {
    constraints.maxDurationMs = readPositiveNumber({
      raw: input.maxDuration,
      field: 'maxDuration',
      example: '1000 ms',
    });
  }
  if (input.percentile !== undefined) {
    const raw = input.percentile;
    if (typeof raw !== 'string' || !(PERCENTILES as readonly string[]).includes(raw)) {
      throw new InputError({
        field: 'percentile',
        expected: `expected one of ${PERCENTILES.join(', ')}`,
        got: describeValue(raw),
      });
    }
    if (constraints.maxDurationMs === undefined) {
      throw new InputError({
        field: 'percentile',
        expected: 'says which duration maxDuration limits; add "maxDuration" (--max-duration MS) or remove it',
        got: describeValue(raw),
      });
    }
    constraints.percentile = raw as DurationPercentile;
  }
  if (input.maxCostPerMillion !== undefined) {
    constraints.maxCostPerMillion = readPositiveNumber({
      raw: input.maxCostPerMillion,
      field: 'maxCostPerMillion',
      example: '2.50 dollars',
    });
  }
  return Object.keys(constraints).length > 0 ? constraints : undefined;
};

/**
 * Reads `invocationsPerMonth` (integer >= 1) and `freeTier` (boolean, only
 * with `invocationsPerMonth`).
 *
 * @throws {InputError} on a bad value
 * @example
 * readMonthlyOptions({ invocationsPerMonth: 10_000_000, freeTier: true }); // { invocationsPerMonth: 10000000, freeTier: true }
 */
const readMonthlyOptions = (input: Record<string, unknown>): { invocationsPerMonth?: number; freeTier?: boolean } => {
  const out: { invocationsPerMonth?: number; freeTier?: boolean } = {};
  if (input.invocationsPerMonth !== undefined) {
    out.invocationsPerMonth = readIntegerAtLeast({
      raw: input.invocationsPerMonth,
      field: 'invocationsPerMonth',
      min: 1,
    });
  }
  if (input.freeTier !== undefined) {
    if (typeof input.freeTier !== 'boolean') {
      throw new InputError({
        field: 'freeTier',
        expected: 'expected true or false',
        got: describeValue(input.freeTier),
      });
    }
    if (out.invocationsPerMonth === undefined) {
      throw new InputError({
        field: 'freeTier',
        expected: 'applies to the monthly bill; add "invocationsPerMonth" (--invocations-per-month N)',
        got: describeValue(input.freeTier),
      });
    }
    out.freeTier = input.freeTier;
  }
  return out;
};

export { isAuto, readConstraints, readMonthlyOptions, readSearchInput, SEARCH_OPTION_KEYS };
