/**
 * The one check of our Step Functions-only input extension `maxConcurrency`
 * (the Map's concurrency for one execution), shared by the CLI's input
 * builder and the Initialize handler so both reject the same values.
 *
 * @module stepfunctions/check-max-concurrency
 */
import { describeValue, InputError } from '../core/index.js';
import { MAX_CONCURRENCY_KEY } from './constants.js';

/**
 * Returns `value` when it is an integer >= 0 (0 = no limit).
 *
 * @throws {InputError} otherwise (field `maxConcurrency`); the message quotes `got`, the value as given (default `value`)
 * @example
 * checkMaxConcurrency(4); // 4
 * checkMaxConcurrency(Number('lots'), 'lots'); // throws: maxConcurrency: must be an integer >= 0 (0 = no limit); got "lots"
 */
const checkMaxConcurrency = (value: unknown, got: unknown = value): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InputError({
      field: MAX_CONCURRENCY_KEY,
      expected: 'must be an integer >= 0 (0 = no limit)',
      got: describeValue(got),
    });
  }
  return value;
};

export { checkMaxConcurrency };
