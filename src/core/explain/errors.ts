/**
 * Errors of the explanation feature.
 *
 * @module core/explain/errors
 */
import { PowerTuneError } from '../errors.js';

/**
 * The recommendation to explain is not among the measured sizes.
 *
 * @example
 * throw new UnknownSizeError({ power: 384, measured: [128, 256, 512] });
 */
class UnknownSizeError extends PowerTuneError {
  readonly power: number;
  readonly measured: number[];

  constructor({ power, measured, cause }: { power: number; measured: number[]; cause?: unknown }) {
    super(
      `Cannot explain ${power} MB: it is not among the measured sizes [${measured.join(', ')}]. ` +
        'Pass the sizes of the same result the recommendation came from.',
      { cause },
    );
    this.name = 'UnknownSizeError';
    this.power = power;
    this.measured = measured;
  }
}

export { UnknownSizeError };
