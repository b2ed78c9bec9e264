/**
 * Human text for a dry run: what was checked, and what the full run would
 * invoke and cost.
 *
 * @module cli/format-dry-run
 */
import { formatMemory, formatMoney } from '../core/index.js';
import type { DryRunResult } from '../tuner/index.js';

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
    `  full run:   ${plan.invocations} invocations over ${plan.powerValues.length} sizes (${plan.invocationsPerSize} per size incl. warm-up)` +
      `${plan.processorInvocations > 0 ? ` + ${plan.processorInvocations} processor invocations` : ''}; ${plan.versions} versions published and deleted`,
    `  estimate:   ${formatMoney(estimate.assumingProportionalSpeedup, estimate.currency)} (if it speeds up with memory) to ${formatMoney(estimate.assumingConstantDuration, estimate.currency)} (if it does not)`,
  ];
  if (estimate.note !== undefined) lines.push(`  note:       ${estimate.note}`);
  return `${lines.join('\n')}\n`;
};

export { formatDryRun };
