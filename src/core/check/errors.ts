/**
 * Errors of `check`.
 *
 * @module core/check/errors
 */
import { PowerTuneError } from '../errors.js';

/**
 * Two results that measured different things (another function, region,
 * architecture or strategy): comparing them says nothing about a code change.
 * Bad input: exit code 2.
 *
 * @example
 * throw new IncomparableResultsError({ differences: ['region: baseline "us-east-1", current "eu-west-1"'] });
 */
class IncomparableResultsError extends PowerTuneError {
  override readonly exitCode: number = 2;
  readonly differences: string[];

  constructor({ differences, cause }: { differences: string[]; cause?: unknown }) {
    super(
      `check: the two results cannot be compared — ${differences.join('; ')}. Compare results of the same function, region, architecture and strategy`,
      { cause },
    );
    this.name = 'IncomparableResultsError';
    this.differences = differences;
  }
}

export { IncomparableResultsError };
