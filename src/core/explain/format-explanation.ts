/**
 * Locale-free wording for explanations ("2,163 ms", "costs 13.9% less").
 * Memory, money and speed changes come from `core/format`, so they read the
 * same as in the recommendation sentence.
 *
 * @module core/explain/format-explanation
 */
import { MS_PER_SECOND } from '../constants.js';
import { costChangePercent, formatPercent, groupThousands } from '../format/format-numbers.js';

const ONE_DECIMAL = 1;
/** From this duration on, seconds read better than milliseconds. */
const SECONDS_FROM_MS = 10_000;
/** Below this, durations keep one decimal. */
const DECIMAL_MS_BELOW = 100;

/**
 * `"4.2 ms"`, `"2,163 ms"`, `"35.0 s"`.
 *
 * @example
 * formatDuration(35015); // '35.0 s'
 */
const formatDuration = (durationMs: number): string => {
  if (durationMs >= SECONDS_FROM_MS) return `${groupThousands((durationMs / MS_PER_SECOND).toFixed(ONE_DECIMAL))} s`;
  if (durationMs < DECIMAL_MS_BELOW) return `${durationMs.toFixed(ONE_DECIMAL)} ms`;
  return `${groupThousands(Math.round(durationMs))} ms`;
};

/**
 * How `cost` compares with `baselineCost`: `"costs 13.9% less"`, `"costs
 * 23.0% more"`, `"costs the same"` — the recommendation sentence's
 * `describeCostChange` (same threshold, same percentage) in verb form.
 *
 * @example
 * describeCost({ cost: 0.861, baselineCost: 1 }); // 'costs 13.9% less'
 */
const describeCost = ({ cost, baselineCost }: { cost: number; baselineCost: number }): string => {
  const percent = costChangePercent({ cost, baselineCost });
  if (percent === 0) return 'costs the same';
  return `costs ${formatPercent(percent)} ${percent < 0 ? 'less' : 'more'}`;
};

export { describeCost, formatDuration };
