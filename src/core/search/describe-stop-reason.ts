/**
 * Why an adaptive search stopped, in words.
 *
 * @module core/search/describe-stop-reason
 */
import { TIE_AFTER_SAMPLES } from './constants.js';
import type { SearchDoneReason } from './types.js';

/**
 * One clause saying why the search stopped, for reports and the run facts.
 *
 * @example
 * describeStopReason({ reason: 'tied-within-band', bandPercent: 2 });
 * // 'the sizes still in the race are tied with the best within 2% (none can beat it by more)'
 * describeStopReason({ reason: 'budget-invocations', bandPercent: 2, defaultBudget: 66 });
 * // 'the default invocation budget ran out: 66, what the six-size list would make (…)'
 */
const describeStopReason = ({
  reason,
  bandPercent,
  defaultBudget,
}: {
  reason: SearchDoneReason | string;
  bandPercent: number;
  /** The list-equivalent default invocation budget, when the search ran under it (the user set none). */
  defaultBudget?: number;
}): string => {
  switch (reason) {
    case 'separated':
      return 'every other size is clearly worse than the best (95% intervals apart)';
    case 'tied-within-band':
      return `the sizes still in the race are tied with the best within ${bandPercent}% (none can beat it by more)`;
    case 'inseparable':
      return `the sizes still in the race cannot be told apart from the best after ${TIE_AFTER_SAMPLES} invocations each, and the sample cap could not settle them`;
    case 'num-reached':
      return 'every contender has its num samples';
    case 'max-samples':
      return 'the contenders reached the sample cap per size without being told apart';
    case 'budget-invocations':
      return defaultBudget === undefined
        ? 'the invocation budget ran out'
        : `the default invocation budget ran out: ${defaultBudget}, what the six-size list would make (maxInvocations / --max-invocations allows more)`;
    case 'budget-cost':
      return 'the cost budget ran out';
    case 'no-viable-size':
      return 'no measured size can be recommended';
    default:
      return reason;
  }
};

export { describeStopReason };
