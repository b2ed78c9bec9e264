/**
 * Errors of the adaptive search.
 *
 * @module core/search/errors
 */
import { PowerTuneError } from '../errors.js';

/**
 * Base of every adaptive-search error.
 *
 * @example
 * throw new SearchError('The search planner failed', { cause: err });
 */
class SearchError extends PowerTuneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SearchError';
  }
}

/**
 * An option of `createSearchPlanner` is out of range. Input validation
 * should have caught it, so this is a programming error of the caller; it
 * still uses the CLI's bad-input exit code because nothing was invoked yet.
 *
 * @example
 * throw new SearchOptionError({ option: 'granularityMB', value: 0, expected: 'an integer >= 1' });
 */
class SearchOptionError extends SearchError {
  override readonly exitCode: number = 2;
  readonly option: string;
  readonly value: unknown;
  readonly expected: string;

  constructor({
    option,
    value,
    expected,
    cause,
  }: {
    option: string;
    value: unknown;
    expected: string;
    cause?: unknown;
  }) {
    super(
      `${option}: expected ${expected}; got ${JSON.stringify(value) ?? String(value)}. ` +
        'Fix the search option (e.g. --granularity, --num, --max-invocations) and run again.',
      { cause },
    );
    this.name = 'SearchOptionError';
    this.option = option;
    this.value = value;
    this.expected = expected;
  }
}

export { SearchError, SearchOptionError };
