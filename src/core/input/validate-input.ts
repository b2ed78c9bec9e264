/**
 * Validation of the tuning input: the reference's state-machine input JSON,
 * unchanged, plus our additive options. Everything is checked before any AWS
 * call, and the first problem is reported as one clear `InputError`.
 *
 * @module core/input/validate-input
 */
import { parseFunctionTarget } from '../arn/parse-function-target.js';
import { isValidRegion } from '../arn/is-valid-region.js';
import {
  CPU_MODEL_CHOICES,
  DEFAULT_BALANCED_WEIGHT,
  DEFAULT_DISCARD_TOP_BOTTOM,
  DEFAULT_POWER_VALUES,
  DEFAULT_STRATEGY,
  DRY_RUN_NUM,
  INVOCATION_ORDERS,
  MAX_ALIAS_NAME_LENGTH,
  MAX_DISCARD_TOP_BOTTOM,
  MIN_NUM,
  STRATEGIES,
} from '../constants.js';
import { InputError } from '../errors.js';
import { convertPayload } from '../payload/convert-payload.js';
import { generatePayloads } from '../payload/generate-payloads.js';
import { isWeightedPayload } from '../payload/is-weighted-payload.js';
import { assertPayloadSize } from '../payload/payload-size.js';
import type { CpuModelChoice, InvocationOrder, Strategy, TuningInput } from '../types.js';
import { describeValue } from './describe-value.js';
import { parsePowerValues } from './parse-power-values.js';
import { parseS3Uri } from './parse-s3-uri.js';
import {
  isAuto,
  readConstraints,
  readMonthlyOptions,
  readSearchInput,
  SEARCH_OPTION_KEYS,
} from './read-search-options.js';
import { suggestOption } from './suggest-option.js';
import { DEFAULT_COARSE_SIZES_MB } from '../search/constants.js';
import { INDIFFERENCE_BAND } from '../strategies/strategy-table.js';

/** Every option `validateInput` understands: the reference's, then ours. */
const KNOWN_OPTIONS = [
  'lambdaARN',
  'num',
  'powerValues',
  'payload',
  'payloadS3',
  'parallelInvocation',
  'strategy',
  'balancedWeight',
  'autoOptimize',
  'autoOptimizeAlias',
  'dryRun',
  'preProcessorARN',
  'postProcessorARN',
  'discardTopBottom',
  'sleepBetweenRunsMs',
  'disablePayloadLogs',
  'includeOutputResults',
  'onlyColdStarts',
  'allowedExceptions',
  'concurrency',
  'region',
  'includeRequestCharge',
  'warmup',
  'invocationOrder',
  'cpuModel',
  'coldStartRate',
  ...SEARCH_OPTION_KEYS,
  // Tie bands: sizes within this many percent (and overlapping intervals) are tied.
  'indifferenceBand',
] as const;

const BOOLEAN_OPTIONS = [
  'parallelInvocation',
  'autoOptimize',
  'dryRun',
  'disablePayloadLogs',
  'includeOutputResults',
  'onlyColdStarts',
  'includeRequestCharge',
] as const;

/** Lambda alias names: not all digits, letters/digits/`-`/`_`. */
const ALIAS_NAME = /^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/;
const INTEGER_TEXT = /^\s*-?\d+\s*$/;

/** Options of `validateInput`. */
interface ValidateInputOptions {
  /** Power values used when the input has none (the deploy-time default). */
  defaultPowerValues?: readonly number[];
  /** Extra top-level keys to ignore instead of refusing (e.g. state a driver adds). */
  ignoreKeys?: readonly string[];
}

/** An integer (or integer string, as the reference `parseInt`s) at least `min`. */
const readInteger = ({ raw, field, min }: { raw: unknown; field: string; min: number }): number => {
  const number =
    typeof raw === 'number' ? raw : typeof raw === 'string' && INTEGER_TEXT.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min) {
    throw new InputError({ field, expected: `must be an integer >= ${min}`, got: describeValue(raw) });
  }
  return number;
};

/** A finite number in `[min, max]`; strings and NaN are refused rather than coerced. */
const readNumberInRange = ({
  raw,
  field,
  min,
  max,
}: {
  raw: unknown;
  field: string;
  min: number;
  max: number;
}): number => {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < min || raw > max) {
    throw new InputError({ field, expected: `must be a number from ${min} to ${max}`, got: describeValue(raw) });
  }
  return raw;
};

const readBoolean = ({ raw, field }: { raw: unknown; field: string }): boolean => {
  if (typeof raw !== 'boolean')
    throw new InputError({ field, expected: 'expected true or false', got: describeValue(raw) });
  return raw;
};

/** Processors may live in other regions, so the `region` option is not applied to them. */
const readFunctionTarget = ({ raw, field }: { raw: unknown; field: string }): string => {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new InputError({
      field,
      expected: 'required: a function name or ARN such as arn:aws:lambda:us-east-1:123456789012:function:my-fn',
      got: describeValue(raw),
    });
  }
  parseFunctionTarget(raw, { field });
  return raw.trim();
};

/** Where an editor finds the input's JSON Schema; accepted and ignored, wherever it points. */
const SCHEMA_KEY = '$schema';

const checkUnknownKeys = (input: Record<string, unknown>, ignoreKeys: readonly string[]): void => {
  for (const key of Object.keys(input)) {
    if ((KNOWN_OPTIONS as readonly string[]).includes(key) || ignoreKeys.includes(key) || key === SCHEMA_KEY) continue;
    const suggestion = suggestOption(key, KNOWN_OPTIONS);
    throw new InputError({
      field: key,
      expected:
        suggestion === undefined
          ? 'unknown option; see the documented options'
          : `unknown option; did you mean "${suggestion}"?`,
      got: describeValue(input[key]),
      gotInExpected: true,
    });
  }
};

const readStrategy = (raw: unknown): Strategy => {
  if (raw === undefined) return DEFAULT_STRATEGY;
  if (typeof raw === 'string' && (STRATEGIES as readonly string[]).includes(raw)) return raw as Strategy;
  throw new InputError({
    field: 'strategy',
    expected: `expected one of ${STRATEGIES.join(', ')}`,
    got: describeValue(raw),
  });
};

/** One of a closed list of strings; `undefined` stays `undefined`. */
const readChoice = <T extends string>({
  raw,
  field,
  choices,
}: {
  raw: unknown;
  field: string;
  choices: readonly T[];
}): T | undefined => {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && (choices as readonly string[]).includes(raw)) return raw as T;
  throw new InputError({ field, expected: `expected one of ${choices.join(', ')}`, got: describeValue(raw) });
};

const readAllowedExceptions = (raw: unknown): string[] => {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new InputError({
      field: 'allowedExceptions',
      expected: 'expected an array of error type names such as ["HandledError"]',
      got: describeValue(raw),
    });
  }
  raw.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string' || entry.trim() === '') {
      throw new InputError({
        field: `allowedExceptions[${index}]`,
        expected: 'must be a non-empty error type name',
        got: describeValue(entry),
      });
    }
  });
  return [...(raw as string[])];
};

/** Payload checks: weighted distribution (when `num` is known) and the 6 MB limit per payload. */
const checkPayload = ({ payload, num }: { payload: unknown; num: number | undefined }): void => {
  if (isWeightedPayload(payload)) {
    if (num !== undefined) generatePayloads({ payload, num });
    payload.forEach((entry, index) => {
      const encoded = convertPayload(entry.payload);
      if (encoded !== undefined) assertPayloadSize(encoded, { field: `payload[${index}].payload` });
    });
    return;
  }
  const encoded = convertPayload(payload);
  if (encoded !== undefined) assertPayloadSize(encoded);
};

/**
 * Validates and normalises a tuning input, returning a fully defaulted
 * `TuningInput`. Accepts the reference's input JSON unchanged, plus
 * `concurrency`, `region`, `includeRequestCharge` and `warmup`, and the
 * issue-6 extensions: `powerValues: "AUTO"` / `num: "auto"` (adaptive search,
 * with `granularity`, `maxInvocations`, `maxTuningCost`), constraints
 * (`maxDuration`, `percentile`, `maxCostPerMillion`) and the monthly bill
 * (`invocationsPerMonth`, `freeTier`).
 *
 * Differences from the reference, all deliberate: unknown options are
 * refused with a suggestion (it ignores them silently); `num` must be an
 * integer (it floors `10.7`); `strategy` must be one of the three (it treats
 * `""` as cost and crashes on anything else); `balancedWeight` and
 * `discardTopBottom` out of range are refused (it clamps); `null` is refused
 * for options (it crashes on `allowedExceptions: null`); `powerValues` are
 * range-checked. A dry run may omit `num` (then 1).
 *
 * @throws {InputError} the first problem found, naming field, expectation and value
 * @example
 * validateInput({ lambdaARN: 'my-fn', num: 10, strategy: 'speed' }).powerValues; // [128, 256, 512, 1024, 1536, 3008]
 */
const validateInput = (
  raw: unknown,
  { defaultPowerValues = DEFAULT_POWER_VALUES, ignoreKeys = [] }: ValidateInputOptions = {},
): TuningInput => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError({ field: 'input', expected: 'expected a JSON object of options', got: describeValue(raw) });
  }
  const input = raw as Record<string, unknown>;
  checkUnknownKeys(input, ignoreKeys);

  const lambdaARN = readFunctionTarget({ raw: input.lambdaARN, field: 'lambdaARN' });
  let region: string | undefined;
  if (input.region !== undefined) {
    if (typeof input.region !== 'string' || !isValidRegion(input.region)) {
      throw new InputError({
        field: 'region',
        expected: 'expected an AWS region such as us-east-1',
        got: describeValue(input.region),
      });
    }
    region = input.region;
    // A region that contradicts the ARN's is refused here, before any call.
    parseFunctionTarget(lambdaARN, { region });
  }

  const dryRun = input.dryRun === undefined ? false : readBoolean({ raw: input.dryRun, field: 'dryRun' });
  const autoPower = isAuto(input.powerValues);
  // `num` may be left out for a dry run and for an adaptive search (then "auto").
  const num =
    isAuto(input.num) || (input.num === undefined && (dryRun || autoPower))
      ? undefined
      : readInteger({ raw: input.num, field: 'num', min: MIN_NUM });
  // AUTO: the search starts with its coarse pass; the tuner adds the sizes it refines to.
  const powerValues = autoPower
    ? [...DEFAULT_COARSE_SIZES_MB]
    : parsePowerValues(input.powerValues, { defaults: defaultPowerValues });
  const strategy = readStrategy(input.strategy);
  const balancedWeight =
    input.balancedWeight === undefined
      ? DEFAULT_BALANCED_WEIGHT
      : readNumberInRange({ raw: input.balancedWeight, field: 'balancedWeight', min: 0, max: 1 });
  const booleans = Object.fromEntries(
    BOOLEAN_OPTIONS.map((field) => [
      field,
      input[field] === undefined ? undefined : readBoolean({ raw: input[field], field }),
    ]),
  ) as Record<(typeof BOOLEAN_OPTIONS)[number], boolean | undefined>;
  const onlyColdStarts = booleans.onlyColdStarts ?? false;
  const search = readSearchInput({ input, num, onlyColdStarts });
  const constraints = readConstraints(input);
  const monthly = readMonthlyOptions(input);
  const discardTopBottom =
    input.discardTopBottom === undefined
      ? DEFAULT_DISCARD_TOP_BOTTOM
      : readNumberInRange({
          raw: input.discardTopBottom,
          field: 'discardTopBottom',
          min: 0,
          max: MAX_DISCARD_TOP_BOTTOM,
        });
  const sleepBetweenRunsMs =
    input.sleepBetweenRunsMs === undefined
      ? 0
      : readInteger({ raw: input.sleepBetweenRunsMs, field: 'sleepBetweenRunsMs', min: 0 });
  const allowedExceptions = readAllowedExceptions(input.allowedExceptions);
  if (input.payloadS3 !== undefined) parseS3Uri(input.payloadS3);
  const preProcessorARN =
    input.preProcessorARN === undefined
      ? undefined
      : readFunctionTarget({ raw: input.preProcessorARN, field: 'preProcessorARN' });
  const postProcessorARN =
    input.postProcessorARN === undefined
      ? undefined
      : readFunctionTarget({ raw: input.postProcessorARN, field: 'postProcessorARN' });
  if (input.autoOptimizeAlias !== undefined) {
    const alias = input.autoOptimizeAlias;
    if (typeof alias !== 'string' || alias.length > MAX_ALIAS_NAME_LENGTH || !ALIAS_NAME.test(alias)) {
      throw new InputError({
        field: 'autoOptimizeAlias',
        expected: `expected an alias name of 1-${MAX_ALIAS_NAME_LENGTH} letters, digits, - or _, not all digits (e.g. "live")`,
        got: describeValue(alias),
      });
    }
  }
  const concurrency =
    input.concurrency === undefined ? undefined : readInteger({ raw: input.concurrency, field: 'concurrency', min: 1 });
  const warmup = input.warmup === undefined ? undefined : readInteger({ raw: input.warmup, field: 'warmup', min: 0 });
  const invocationOrder =
    readChoice<InvocationOrder>({ raw: input.invocationOrder, field: 'invocationOrder', choices: INVOCATION_ORDERS }) ??
    INVOCATION_ORDERS[0];
  const cpuModel = readChoice<CpuModelChoice>({ raw: input.cpuModel, field: 'cpuModel', choices: CPU_MODEL_CHOICES });
  const coldStartRate =
    input.coldStartRate === undefined
      ? undefined
      : readNumberInRange({ raw: input.coldStartRate, field: 'coldStartRate', min: 0, max: 1 });
  if (coldStartRate !== undefined && monthly.invocationsPerMonth === undefined) {
    throw new InputError({
      field: 'coldStartRate',
      expected: 'applies to the monthly bill; add "invocationsPerMonth" (--invocations-per-month N)',
      got: describeValue(input.coldStartRate),
    });
  }
  checkPayload({ payload: input.payload, num });
  const indifferenceBand =
    input.indifferenceBand === undefined
      ? undefined
      : readNumberInRange({
          raw: input.indifferenceBand,
          field: 'indifferenceBand (--indifference-band, percent)',
          min: INDIFFERENCE_BAND.minPercent,
          max: INDIFFERENCE_BAND.maxPercent,
        });

  const result: TuningInput = {
    lambdaARN,
    num: num ?? (search === undefined ? DRY_RUN_NUM : MIN_NUM),
    powerValues,
    parallelInvocation: booleans.parallelInvocation ?? false,
    strategy,
    balancedWeight,
    autoOptimize: booleans.autoOptimize ?? false,
    dryRun,
    discardTopBottom: onlyColdStarts ? 0 : discardTopBottom,
    sleepBetweenRunsMs,
    disablePayloadLogs: booleans.disablePayloadLogs ?? false,
    includeOutputResults: booleans.includeOutputResults ?? false,
    onlyColdStarts,
    allowedExceptions,
    includeRequestCharge: booleans.includeRequestCharge ?? true,
    invocationOrder,
  };
  if (input.payload !== undefined) result.payload = input.payload;
  if (typeof input.payloadS3 === 'string') result.payloadS3 = input.payloadS3;
  if (concurrency !== undefined) result.concurrency = concurrency;
  if (typeof input.autoOptimizeAlias === 'string') result.autoOptimizeAlias = input.autoOptimizeAlias;
  if (preProcessorARN !== undefined) result.preProcessorARN = preProcessorARN;
  if (postProcessorARN !== undefined) result.postProcessorARN = postProcessorARN;
  if (region !== undefined) result.region = region;
  if (warmup !== undefined) result.warmup = warmup;
  if (search !== undefined) result.search = search;
  if (constraints !== undefined) result.constraints = constraints;
  if (monthly.invocationsPerMonth !== undefined) result.invocationsPerMonth = monthly.invocationsPerMonth;
  if (monthly.freeTier !== undefined) result.freeTier = monthly.freeTier;
  if (coldStartRate !== undefined) result.coldStartRate = coldStartRate;
  if (cpuModel !== undefined) result.cpuModel = cpuModel;
  if (indifferenceBand !== undefined) result.indifferenceBand = indifferenceBand;
  return result;
};

export { KNOWN_OPTIONS, validateInput };
export type { ValidateInputOptions };
