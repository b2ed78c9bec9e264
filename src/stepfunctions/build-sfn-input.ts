/**
 * Builds the execution input of the state machine (the reference's input
 * JSON) from CLI options, validated before anything is started.
 *
 * @module stepfunctions/build-sfn-input
 */
import { validateInput } from '../core/index.js';
import { assertDriverSupports } from './check-driver-support.js';
import { checkMaxConcurrency } from './check-max-concurrency.js';
import { MAX_CONCURRENCY_KEY } from './constants.js';

/**
 * Validates `options` (the reference's input JSON merged with CLI flags, as
 * `applyInputFlags` builds it) exactly as the state machine's Initialize step
 * will, and returns the input to start the execution with: the options as
 * given (so the execution history shows what the user asked for), with
 * `powerValues` normalised to the sorted list of sizes and empty values
 * dropped. Throws `InputError` (exit code 2) on bad input.
 *
 * @example
 * buildSfnInput({ lambdaARN: 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn', num: '20', powerValues: '128-1024:128' });
 * // { lambdaARN: '…', num: '20', powerValues: [128, 256, …, 1024] }
 */
const buildSfnInput = (
  options: Record<string, unknown>,
  { defaultPowerValues }: { defaultPowerValues?: readonly number[] } = {},
): Record<string, unknown> => {
  const maxConcurrency = options[MAX_CONCURRENCY_KEY];
  if (maxConcurrency !== undefined) checkMaxConcurrency(maxConcurrency);
  const validated = validateInput(options, {
    ...(defaultPowerValues !== undefined ? { defaultPowerValues } : {}),
    ignoreKeys: [MAX_CONCURRENCY_KEY],
  });
  assertDriverSupports(validated);
  const input: Record<string, unknown> = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  );
  if (options.powerValues !== undefined) input.powerValues = validated.powerValues;
  return input;
};

export { buildSfnInput };
