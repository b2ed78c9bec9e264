/**
 * Run ids: short, sortable by start time, unique enough to name aliases
 * (the names themselves are built in core/run-naming.ts).
 *
 * @module tuner/create-run-id
 */
import { BASE36, RUN_ID_RANDOM_CHARS, RUN_ID_TIME_CHARS } from './constants.js';

/**
 * Creates a run id: 9 base36 characters of the start time in milliseconds
 * (so ids sort by time) and 4 random base36 characters. Only `[0-9a-z]`,
 * so `pt-<runId>-<power>` is always a valid alias name (≤128 chars,
 * `[a-zA-Z0-9-_]`, not all digits).
 *
 * @example
 * createRunId({ now: new Date('2026-01-01T00:00:00Z'), random: () => 0.5 }); // '0mjuohs00iiii'
 */
const createRunId = ({
  now = new Date(),
  random = Math.random,
}: { now?: Date; random?: () => number } = {}): string => {
  const time = now.getTime().toString(BASE36).padStart(RUN_ID_TIME_CHARS, '0');
  let suffix = '';
  for (let i = 0; i < RUN_ID_RANDOM_CHARS; i += 1) suffix += Math.floor(random() * BASE36).toString(BASE36);
  return `${time}${suffix}`;
};

export { createRunId };
