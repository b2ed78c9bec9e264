/**
 * Renderers of a scan: the terminal table and the one-page HTML report.
 *
 * @module report/fleet/render-scan
 */
import { formatMoney } from '../../core/index.js';
import type { ScannedFunction } from '../../core/fleet/index.js';
import { escapeHtml } from '../html/escape-html.js';
import { renderFleetPage } from './render-fleet-page.js';
import { textTable } from './text-table.js';

/** What the renderers need of a scan result. */
interface ScanView {
  days: number;
  regions: Array<{ region: string; status: string; functions: number; error?: string }>;
  functions: ScannedFunction[];
}

const ms = (value: number | undefined): string => (value === undefined ? '—' : value.toFixed(1));

/**
 * The ranked table, a line per failed region, and what the signals mean.
 *
 * @example
 * process.stdout.write(renderScanTable(result));
 */
const renderScanTable = (scan: ScanView): string => {
  const rows = scan.functions.map((f, i) => [
    String(i + 1),
    f.functionName,
    f.region,
    String(f.memoryMB),
    f.architecture,
    String(f.invocations),
    ms(f.durationAvgMs),
    ms(f.durationP95Ms),
    formatMoney(f.monthlyCost, f.cost.currency),
    f.signals.map((s) => s.code).join(', '),
  ]);
  const table = textTable({
    headers: ['>#', 'function', 'region', '>MB', 'arch', '>invocations', '>avg ms', '>p95 ms', '>per month', 'signals'],
    rows,
  });
  const failed = scan.regions.filter((r) => r.error !== undefined).map((r) => `${r.region}: ${r.error ?? ''}`);
  const total = scan.functions.reduce((sum, f) => sum + f.monthlyCost, 0);
  return [
    `${scan.functions.length} functions in ${scan.regions.length} region(s), last ${scan.days} days; about ${formatMoney(total, scan.functions[0]?.cost.currency ?? 'USD')} per month at this traffic.`,
    '',
    table,
    ...(failed.length > 0 ? ['', ...failed] : []),
    '',
    'Signals are reasons to measure, not savings: only `powertune fleet` (or `tune`) tells what a size change saves.',
    '',
  ].join('\n');
};

/**
 * A self-contained HTML page of the scan.
 *
 * @example
 * await writeFile('scan.html', renderScanHtml(result));
 */
const renderScanHtml = (scan: ScanView): string => {
  const rows = scan.functions
    .map(
      (f, i) =>
        `<tr><td class="num">${i + 1}</td><td>${escapeHtml(f.functionName)}</td><td>${escapeHtml(f.region)}</td><td class="num">${f.memoryMB}</td><td>${f.architecture}</td><td class="num">${f.invocations}</td><td class="num">${ms(f.durationAvgMs)}</td><td class="num">${ms(f.durationP95Ms)}</td><td class="num">${escapeHtml(formatMoney(f.monthlyCost, f.cost.currency))}</td><td><ul>${f.signals.map((s) => `<li><code>${s.code}</code> ${escapeHtml(s.message)}</li>`).join('')}</ul></td></tr>`,
    )
    .join('\n');
  const failed = scan.regions.filter((r) => r.error !== undefined);
  return renderFleetPage({
    title: 'powertune scan',
    body: [
      `<h1>Functions by monthly cost</h1>`,
      `<p>${scan.functions.length} functions in ${scan.regions.map((r) => escapeHtml(r.region)).join(', ')}, last ${scan.days} days. Signals are reasons to measure, not savings.</p>`,
      ...failed.map((r) => `<p class="warning">${escapeHtml(r.region)}: ${escapeHtml(r.error ?? '')}</p>`),
      `<table><thead><tr><th>#</th><th>Function</th><th>Region</th><th>MB</th><th>Arch</th><th>Invocations</th><th>Avg ms</th><th>p95 ms</th><th>Per month</th><th>Signals</th></tr></thead><tbody>`,
      rows,
      `</tbody></table>`,
    ].join('\n'),
  });
};

export { renderScanHtml, renderScanTable };
export type { ScanView };
