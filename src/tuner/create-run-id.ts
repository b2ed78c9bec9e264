/**
 * Run ids: short, sortable by start time, unique enough to name aliases.
 *
 * @module tuner/create-run-id
 */
import { BASE36, RUN_ID_RANDOM_CHARS, RUN_ID_TIME_CHARS, RUN_PREFIX } from './constants.js';

/**
 * Creates a run id: 9 base36 characters of the start time in milliseconds
 * (so ids sort by time) and 4 random base36 characters. Only `[0-9a-z]`,
 * so `pt-<runId>-<power>` is always a valid alias name (≤128 chars,
 * `[a-zA-Z0-9-_]`, not all digits).
 *
 * @example
 * createRunId({ now: new Date('2026-01-01T00:00:00Z'), random: () => 0.5 }); // '0mjuohs00iiii'
 */
const createRunId = ({ now = new Date(), random = Math.random }: { now?: Date; random?: () => number } = {}): string => {
  const time = now.getTime().toString(BASE36).padStart(RUN_ID_TIME_CHARS, '0');
  let suffix = '';
  for (let i = 0; i < RUN_ID_RANDOM_CHARS; i += 1) suffix += Math.floor(random() * BASE36).toString(BASE36);
  return `${time}${suffix}`;
};

/**
 * The alias-name prefix of a run: `pt-<runId>-`.
 *
 * @example
 * aliasPrefixOf('0mjuohs00iiii'); // 'pt-0mjuohs00iiii-'
 */
const aliasPrefixOf = (runId: string): string => `${RUN_PREFIX}-${runId}-`;

/**
 * The name of a size's alias: `<prefix><power>`, or `<prefix><power>-<index>`
 * for the one-version-per-invocation aliases of `onlyColdStarts`.
 *
 * @example
 * aliasNameOf({ aliasPrefix: 'pt-0mjuohs00iiii-', power: 512 });           // 'pt-0mjuohs00iiii-512'
 * aliasNameOf({ aliasPrefix: 'pt-0mjuohs00iiii-', power: 512, index: 3 }); // 'pt-0mjuohs00iiii-512-3'
 */
const aliasNameOf = ({ aliasPrefix, power, index }: { aliasPrefix: string; power: number; index?: number }): string =>
  index === undefined ? `${aliasPrefix}${power}` : `${aliasPrefix}${power}-${index}`;

export { aliasNameOf, aliasPrefixOf, createRunId };
