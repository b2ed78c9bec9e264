/**
 * "Did you mean" suggestions for misspelt option names.
 *
 * @module core/input/suggest-option
 */

/** Names older docs used (reference issues #10, #93, #167) → today's name. */
const LEGACY_NAMES: Readonly<Record<string, string>> = {
  enableparallel: 'parallelInvocation',
  parallel: 'parallelInvocation',
  balanceweight: 'balancedWeight',
  powervalue: 'powerValues',
  lambdaarn: 'lambdaARN',
  functionarn: 'lambdaARN',
  function: 'lambdaARN',
  functionname: 'lambdaARN',
};

/** Largest edit distance still worth suggesting, as a share of the name length. */
const MAX_DISTANCE_SHARE = 1 / 3;
const MIN_MAX_DISTANCE = 2;

/**
 * Levenshtein edit distance (insertions, deletions, substitutions).
 *
 * @example
 * levenshtein('balanceWeight', 'balancedWeight'); // 1
 */
const levenshtein = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
};

/**
 * The candidate closest to `name` by case-insensitive edit distance, or
 * `undefined` when none is within a third of the name's length (at least 2
 * edits). For flags, commands and option names.
 *
 * @example
 * suggestClosest('tunee', ['tune', 'report']); // 'tune'
 */
const suggestClosest = (name: string, candidates: readonly string[]): string | undefined => {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = levenshtein(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(MIN_MAX_DISTANCE, Math.floor(name.length * MAX_DISTANCE_SHARE));
  return bestDistance <= limit ? best : undefined;
};

/**
 * The known option closest to `name`: first the names older docs used
 * (`enableParallel` → `parallelInvocation`), then `suggestClosest`.
 *
 * @example
 * suggestOption('enableParallel', ['parallelInvocation', 'num']); // 'parallelInvocation'
 */
const suggestOption = (name: string, known: readonly string[]): string | undefined => {
  const legacy = LEGACY_NAMES[name.toLowerCase()];
  if (legacy !== undefined && known.includes(legacy)) return legacy;
  return suggestClosest(name, known);
};

export { levenshtein, suggestClosest, suggestOption };
