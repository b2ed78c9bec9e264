/**
 * The Step Functions driver runs fixed lists of sizes, like the reference,
 * and does everything the analysis does with them: constraints
 * (`maxDuration`, `maxCostPerMillion`) and the monthly bill
 * (`invocationsPerMonth`) work as in `powertune tune`. The adaptive search
 * (`powerValues: "AUTO"`, `num: "auto"`, its budgets) decides what to
 * measure next from what it measured, a loop the state machine does not
 * have yet: it is refused up front with one clear message instead of being
 * ignored — shared by the CLI's input builder and the Initialize handler.
 *
 * @module stepfunctions/check-driver-support
 */
import { InputError } from '../core/index.js';
import type { TuningInput } from '../core/index.js';

const UNSUPPORTED =
  'is supported by "powertune tune" but not yet by the Step Functions driver; remove it or run the tuning locally';

/**
 * Throws when the input asks for something the state machine does not do.
 *
 * @throws {InputError} naming the field (exit code 2)
 * @example
 * assertDriverSupports(validateInput({ lambdaARN: 'fn', num: 10 })); // ok
 */
const assertDriverSupports = (input: TuningInput): void => {
  const refuse = (field: string, got: string): never => {
    throw new InputError({ field, expected: UNSUPPORTED, got });
  };
  if (input.search?.powerValues === 'auto') refuse('powerValues', '"AUTO"');
  if (input.search?.num === 'auto') refuse('num', '"auto"');
  if (input.search?.maxInvocations !== undefined) refuse('maxInvocations', String(input.search.maxInvocations));
  if (input.search?.maxTuningCost !== undefined) refuse('maxTuningCost', String(input.search.maxTuningCost));
};

export { assertDriverSupports };
