/**
 * The invocation budget of an adaptive search: the user's `maxInvocations`,
 * else — for a search over the whole range that also picks its sample
 * counts (`--power auto`, whose `num` is `auto` unless set) — what the
 * six-size default list would make at the same depth
 * (`listEquivalentBudget`, 66 by default). No default budget otherwise:
 * over the user's own sizes (`--num auto` with a list) the sample counts
 * are what the user asked to adapt, and with a fixed `num` every size the
 * search visits gets `num` invocations, so the list's budget would end it
 * after its first pass.
 *
 * @module tuner/search-budget
 */
import { listEquivalentBudget } from '../core/index.js';
import type { AdaptiveSearchInput } from '../core/index.js';

/** A search's invocation budget and where it came from. */
interface SearchBudgetChoice {
  maxInvocations: number;
  /** True when the user set none and the list-equivalent default applies. */
  isDefault: boolean;
}

/**
 * The budget `search` runs under with `warmup` warm-ups per size; undefined
 * when it has none.
 *
 * @example
 * searchInvocationBudget({ search: { powerValues: 'auto', num: 'auto', granularityMB: 64 }, warmup: 1 });
 * // { maxInvocations: 66, isDefault: true }
 */
const searchInvocationBudget = ({
  search,
  warmup,
}: {
  search: AdaptiveSearchInput;
  warmup: number;
}): SearchBudgetChoice | undefined => {
  if (search.maxInvocations !== undefined) return { maxInvocations: search.maxInvocations, isDefault: false };
  if (search.powerValues !== 'auto' || search.num !== 'auto') return undefined;
  return { maxInvocations: listEquivalentBudget({ num: search.num, warmupInvocations: warmup }), isDefault: true };
};

export { searchInvocationBudget };
export type { SearchBudgetChoice };
