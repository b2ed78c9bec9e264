/**
 * Locale-free wording for explanations ("costs 13.9% less"). Durations,
 * memory, money and speed changes come from `core/format`, so they read the
 * same as in the recommendation sentence.
 *
 * @module core/explain/format-explanation
 */
import { costChangePercent, formatPercent } from '../format/format-numbers.js';

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

export { describeCost };
