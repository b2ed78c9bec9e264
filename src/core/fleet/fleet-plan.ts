/**
 * Fleet plans: what `scan --write-plan` writes and `fleet` reads. An entry
 * names a function and how to call it safely; one without a payload is
 * never invoked.
 *
 * @module core/fleet/fleet-plan
 */
import { functionNameOfArn, regionOfArn } from '../arn/arn-parts.js';
import { isValidRegion } from '../arn/is-valid-region.js';
import { InputError } from '../errors.js';
import { describeValue } from '../input/describe-value.js';
import { suggestClosest } from '../input/suggest-option.js';
import { KNOWN_OPTIONS } from '../input/validate-input.js';
import type { ScannedFunction } from './types.js';

/** Keys of an entry besides the tune options. */
const ENTRY_KEYS = ['function', 'region', 'payloadFile', 'skip', 'scan', 'note'] as const;
/** Top-level keys of a plan. */
const PLAN_KEYS = ['functions', 'defaults', 'source', 'days', 'generatedAt'] as const;
/** Tune options an entry may not set (the entry names its function with `function`). */
const NOT_PER_ENTRY = ['lambdaARN', 'region', 'dryRun'] as const;

/** One validated entry. */
interface FleetPlanEntry {
  /** Index in the plan's `functions` (for messages). */
  index: number;
  /** As written: a name or an ARN. */
  function: string;
  /** The function's short name. */
  functionName: string;
  /** From the ARN, else `region`; undefined lets the default chain decide. */
  region?: string | undefined;
  /** Relative to the plan file. */
  payloadFile?: string | undefined;
  /** A reason to leave this entry out (`true` → "skip: true in the plan"). */
  skip?: string | undefined;
  /** Tune options of this entry (defaults merged in), `payload` included when given. */
  options: Record<string, unknown>;
  /** What scan saw (informational). */
  scan?: Record<string, unknown> | undefined;
}

interface FleetPlan {
  entries: FleetPlanEntry[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const checkKeys = (object: Record<string, unknown>, allowed: readonly string[], prefix: string): void => {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue;
    const suggestion = suggestClosest(key, allowed);
    throw new InputError({
      field: `${prefix}${key}`,
      expected:
        suggestion === undefined
          ? `unknown key; expected one of ${allowed.join(', ')}`
          : `unknown key; did you mean "${suggestion}"?`,
      got: describeValue(object[key]),
      gotInExpected: true,
    });
  }
};

/**
 * Checks a plan's shape before anything runs: known keys (with a
 * did-you-mean), every entry naming a function, no function twice, a valid
 * region, at most one of `payload` / `payloadFile`, and weighted payloads
 * with positive numeric weights. Tune options themselves are validated by
 * `validateInput` per entry.
 *
 * @throws {InputError} naming the field, e.g. `functions[2].pyload`
 * @example
 * validatePlan({ functions: [{ function: 'orders', region: 'eu-west-1', payload: {} }] }).entries[0].functionName; // 'orders'
 */
const validatePlan = (raw: unknown): FleetPlan => {
  if (!isObject(raw))
    throw new InputError({
      field: 'plan',
      expected: 'expected a JSON object with a "functions" list',
      got: describeValue(raw),
    });
  checkKeys(raw, PLAN_KEYS, '');
  const defaults = raw.defaults ?? {};
  if (!isObject(defaults))
    throw new InputError({
      field: 'defaults',
      expected: 'expected an object of tune options',
      got: describeValue(defaults),
    });
  const tuneKeys = KNOWN_OPTIONS.filter((key) => !(NOT_PER_ENTRY as readonly string[]).includes(key));
  checkKeys(defaults, tuneKeys, 'defaults.');
  if (!Array.isArray(raw.functions))
    throw new InputError({
      field: 'functions',
      expected: 'expected a list of entries',
      got: describeValue(raw.functions),
    });
  const seen = new Map<string, number>();
  const entries = raw.functions.map((item: unknown, index): FleetPlanEntry => {
    const prefix = `functions[${index}]`;
    if (!isObject(item))
      throw new InputError({
        field: prefix,
        expected: 'expected an object like {"function": "name", "payload": {...}}',
        got: describeValue(item),
      });
    checkKeys(item, [...ENTRY_KEYS, ...tuneKeys], `${prefix}.`);
    const target = item.function;
    if (typeof target !== 'string' || target.trim() === '') {
      throw new InputError({
        field: `${prefix}.function`,
        expected: 'expected the function name or ARN',
        got: describeValue(target),
      });
    }
    const arnRegion = regionOfArn(target);
    const region = arnRegion ?? item.region;
    if (region !== undefined && (typeof region !== 'string' || !isValidRegion(region))) {
      throw new InputError({
        field: `${prefix}.region`,
        expected: 'expected a region like "eu-west-1"',
        got: describeValue(region),
      });
    }
    if (arnRegion !== undefined && item.region !== undefined && item.region !== arnRegion) {
      throw new InputError({
        field: `${prefix}.region`,
        expected: `expected the ARN's region ${arnRegion} or nothing`,
        got: describeValue(item.region),
      });
    }
    const functionName = functionNameOfArn(target) ?? target.trim();
    const key = `${functionName}@${region ?? ''}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new InputError({
        field: prefix,
        expected: `duplicate entry: functions[${earlier}] already tunes ${functionName}${region === undefined ? '' : ` in ${region}`}`,
        got: '',
        gotInExpected: true,
      });
    }
    seen.set(key, index);
    if (item.payload !== undefined && item.payloadFile !== undefined) {
      throw new InputError({
        field: `${prefix}.payloadFile`,
        expected: 'expected one of payload or payloadFile; got both',
        got: '',
        gotInExpected: true,
      });
    }
    if (item.payloadFile !== undefined && (typeof item.payloadFile !== 'string' || item.payloadFile === '')) {
      throw new InputError({
        field: `${prefix}.payloadFile`,
        expected: 'expected a file path',
        got: describeValue(item.payloadFile),
      });
    }
    if (Array.isArray(item.payload) && item.payload.some((p) => isObject(p) && 'weight' in p)) {
      item.payload.forEach((p: unknown, i) => {
        const weight = isObject(p) ? p.weight : undefined;
        if (
          !isObject(p) ||
          !('payload' in p) ||
          typeof weight !== 'number' ||
          !Number.isFinite(weight) ||
          weight <= 0
        ) {
          throw new InputError({
            field: `${prefix}.payload[${i}].weight`,
            expected: 'expected a weighted payload {"payload": …, "weight": a number > 0}',
            got: describeValue(isObject(p) ? weight : p),
          });
        }
      });
    }
    if (item.skip !== undefined && typeof item.skip !== 'boolean' && typeof item.skip !== 'string') {
      throw new InputError({
        field: `${prefix}.skip`,
        expected: 'expected true or a reason (text)',
        got: describeValue(item.skip),
      });
    }
    if (item.scan !== undefined && !isObject(item.scan))
      throw new InputError({ field: `${prefix}.scan`, expected: 'expected an object', got: describeValue(item.scan) });
    const options = Object.fromEntries(
      Object.entries({ ...defaults, ...item }).filter(([k]) => !(ENTRY_KEYS as readonly string[]).includes(k)),
    );
    const skip =
      item.skip === true
        ? 'skip: true in the plan'
        : typeof item.skip === 'string' && item.skip !== ''
          ? item.skip
          : undefined;
    return {
      index,
      function: target.trim(),
      functionName,
      ...(region === undefined ? {} : { region: region as string }),
      ...(typeof item.payloadFile === 'string' ? { payloadFile: item.payloadFile } : {}),
      ...(skip === undefined ? {} : { skip }),
      options,
      ...(isObject(item.scan) ? { scan: item.scan } : {}),
    };
  });
  return { entries };
};

/**
 * The plan `scan --write-plan` writes: the first `top` rows, in rank order,
 * with the scan's monthly invocations (rounded, at least 1) as
 * `invocationsPerMonth` and no payload — the user adds one to each function
 * they want tuned (an entry without one is skipped, never invoked).
 *
 * @example
 * buildPlan({ rows, top: 5, days: 14 }).functions.length; // ≤ 5
 */
const buildPlan = ({
  rows,
  top,
  days,
}: {
  rows: readonly ScannedFunction[];
  top: number;
  days: number;
}): Record<string, unknown> => ({
  source: 'powertune scan',
  days,
  functions: rows.slice(0, top).map((row) => ({
    function: row.functionName,
    region: row.region,
    ...(row.cost.invocationsPerMonth > 0
      ? { invocationsPerMonth: Math.max(1, Math.round(row.cost.invocationsPerMonth)) }
      : {}),
    note: 'add "payload" (or "payloadFile") with an event that is safe to send; without one this entry is skipped',
    scan: {
      memoryMB: row.memoryMB,
      architecture: row.architecture,
      invocations: row.invocations,
      monthlyCost: row.monthlyCost,
      signals: row.signals.map((s) => s.code),
    },
  })),
});

export { buildPlan, validatePlan };
export type { FleetPlan, FleetPlanEntry };
