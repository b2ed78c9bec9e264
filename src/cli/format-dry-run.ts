/**
 * Human text for a dry run: what was checked, and what the full run would
 * invoke and cost.
 *
 * @module cli/format-dry-run
 */
import { formatMemory, formatMoney } from '../core/index.js';
import type { DryRunResult } from '../tuner/index.js';

/** "1 warm-up + 10 counted per size, 1 cold start each". */
const describePerSize = (plan: DryRunResult['plan']): string => {
  const warmups =
    plan.warmupsPerSize === 0 ? '' : `${plan.warmupsPerSize} warm-up${plan.warmupsPerSize === 1 ? '' : 's'} + `;
  const cold = plan.coldStartsPerSize === 1 ? '1 cold start' : `${plan.coldStartsPerSize} cold starts`;
  return `${warmups}${plan.countedPerSize} counted per size, ${cold} each`;
};

/**
 * Formats a dry run for the terminal.
 *
 * @example
 * process.stdout.write(formatDryRun(dryRun));
 */
const formatDryRun = (dryRun: DryRunResult): string => {
  const { invocation, plan, estimate } = dryRun;
  const report = invocation.report;
  const outcome =
    invocation.error === undefined
      ? `ok${report === undefined ? '' : ` in ${report.durationMs.toFixed(2)} ms (billed ${report.billedDurationMs} ms${report.initDurationMs === undefined ? '' : `, cold start ${report.initDurationMs.toFixed(2)} ms`})`}`
      : `function error ${invocation.error.type}: ${invocation.error.message}`;
  const lines = [
    `Dry run — nothing was published or changed.`,
    `  function:   ${dryRun.functionName} (${dryRun.qualifier}, ${formatMemory(dryRun.memoryMB)}, ${dryRun.architecture}, ${dryRun.region})`,
    `  invocation: ${outcome}`,
    `  full run:   ${plan.invocations} invocations over ${plan.powerValues.length} sizes (${describePerSize(plan)})` +
      `${plan.processorInvocations > 0 ? ` + ${plan.processorInvocations} processor invocations` : ''}; ${plan.versions} versions published and deleted`,
  ];
  if (plan.search !== undefined) {
    lines.push(
      plan.search.maxInvocations === undefined
        ? `  search:     that is its first pass; it refines until the intervals decide${plan.search.maxSamplesPerSize === undefined ? '' : ` (up to ${plan.search.maxSamplesPerSize} counted per size)`} — set --max-invocations to cap it`
        : `  search:     that is its first pass; it refines up to its budget of ${plan.search.maxInvocations} invocations in total${plan.search.defaultBudget === true ? ' (the default: what the six-size list would make; --max-invocations to change it)' : ''}`,
    );
  }
  const scope = estimate.scope === 'first-pass' ? ' for the first pass' : '';
  const init = estimate.initBilledMs > 0 ? `, cold starts with ${estimate.initBilledMs} ms of billed INIT` : '';
  lines.push(
    `  estimate:   ${formatMoney(estimate.assumingProportionalSpeedup, estimate.currency)} (if it speeds up with memory) to ${formatMoney(estimate.assumingConstantDuration, estimate.currency)} (if it does not)${scope}${init}`,
  );
  if (estimate.note !== undefined) lines.push(`  note:       ${estimate.note}`);
  return `${lines.join('\n')}\n`;
};

export { formatDryRun };
