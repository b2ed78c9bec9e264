/**
 * Renderers of a fleet run: terminal table, Markdown (for a pull request)
 * and a one-page HTML report with a section per function.
 *
 * @module report/fleet/render-fleet
 */
import { formatMoney } from '../../core/index.js';
import type { FleetFunctionOutcome, FleetResult, MonthlySaving } from '../../core/fleet/index.js';
import { escapeHtml } from '../html/escape-html.js';
import { renderFleetPage } from './render-fleet-page.js';
import { textTable } from './text-table.js';

const saving = (s: MonthlySaving | undefined): string =>
  s === undefined
    ? '—'
    : `${formatMoney(s.value, s.currency)} (${formatMoney(s.low, s.currency)} to ${formatMoney(s.high, s.currency)})`;
const mb = (value: number | undefined): string => (value === undefined ? '—' : String(value));
/** Why a function was skipped or failed (the table); the HTML sections also give a tuned function's sentence. */
const note = (o: FleetFunctionOutcome): string => o.reason ?? '';
const sentence = (o: FleetFunctionOutcome): string => o.reason ?? o.result?.recommendation.sentence ?? '';

const totalLine = (fleet: FleetResult): string =>
  `${fleet.totals.tuned} tuned, ${fleet.totals.skipped} skipped, ${fleet.totals.failed} failed — total monthly saving ${saving(fleet.totals.monthlySaving)}`;

/**
 * The terminal table.
 *
 * @example
 * process.stdout.write(renderFleetTable(fleet));
 */
const renderFleetTable = (fleet: FleetResult): string =>
  [
    textTable({
      headers: [
        'function',
        'region',
        'status',
        '>current MB',
        '>recommended MB',
        '>saving per month (95% interval)',
        'note',
      ],
      rows: fleet.functions.map((o) => [
        o.functionName,
        o.region ?? '—',
        o.status,
        mb(o.currentMemoryMB),
        mb(o.recommendedMemoryMB),
        saving(o.monthlySaving),
        note(o),
      ]),
    }),
    '',
    totalLine(fleet),
    '',
  ].join('\n');

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * Markdown for a pull request description.
 *
 * @example
 * renderFleetMarkdown(fleet);
 */
const renderFleetMarkdown = (fleet: FleetResult): string =>
  [
    '## powertune fleet',
    '',
    `**${cell(totalLine(fleet))}**`,
    '',
    '| Function | Region | Status | Current MB | Recommended MB | Saving per month (95% interval) | Note |',
    '| --- | --- | --- | ---: | ---: | ---: | --- |',
    ...fleet.functions.map(
      (o) =>
        `| ${cell(o.functionName)} | ${o.region ?? '—'} | ${o.status} | ${mb(o.currentMemoryMB)} | ${mb(o.recommendedMemoryMB)} | ${cell(saving(o.monthlySaving))} | ${cell(note(o))} |`,
    ),
    '',
  ].join('\n');

const anchor = (o: FleetFunctionOutcome, i: number): string =>
  `fn-${i}-${o.functionName.replace(/[^A-Za-z0-9_-]/g, '-')}`;

const section = (o: FleetFunctionOutcome, i: number): string => {
  const result = o.result;
  const sizes =
    result === undefined
      ? ''
      : `<table><thead><tr><th class="num">MB</th><th class="num">Avg duration (ms)</th><th class="num">Cost per 1M</th><th>Status</th></tr></thead><tbody>${result.sizes
          .map(
            (s) =>
              `<tr><td class="num">${s.value}${s.value === result.recommendation.power ? ' ▶' : ''}</td><td class="num">${s.averageDuration.toFixed(2)}</td><td class="num">${escapeHtml(formatMoney(s.costPerMillion, result.run.currency))}</td><td>${s.status}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  return `<section id="${anchor(o, i)}"><h2>${escapeHtml(o.functionName)} <small>${escapeHtml(o.region ?? '')}</small> — ${o.status}</h2><p>${escapeHtml(sentence(o))}</p>${sizes}</section>`;
};

/**
 * One page: total saving, every function's current vs recommended size and
 * saving, and a section per function the table links to.
 *
 * @example
 * await writeFile('fleet.html', renderFleetHtml(fleet));
 */
const renderFleetHtml = (fleet: FleetResult): string =>
  renderFleetPage({
    title: 'powertune fleet',
    body: [
      '<h1>powertune fleet</h1>',
      `<p class="total">Total monthly saving: <strong>${escapeHtml(saving(fleet.totals.monthlySaving))}</strong></p>`,
      `<p>${fleet.totals.tuned} tuned, ${fleet.totals.skipped} skipped, ${fleet.totals.failed} failed.</p>`,
      '<table><thead><tr><th>Function</th><th>Region</th><th>Status</th><th class="num">Current MB</th><th class="num">Recommended MB</th><th class="num">Saving per month</th></tr></thead><tbody>',
      ...fleet.functions.map(
        (o, i) =>
          `<tr><td><a href="#${anchor(o, i)}">${escapeHtml(o.functionName)}</a></td><td>${escapeHtml(o.region ?? '—')}</td><td>${o.status}</td><td class="num">${mb(o.currentMemoryMB)}</td><td class="num">${mb(o.recommendedMemoryMB)}</td><td class="num">${escapeHtml(saving(o.monthlySaving))}</td></tr>`,
      ),
      '</tbody></table>',
      ...fleet.functions.map(section),
    ].join('\n'),
  });

export { renderFleetHtml, renderFleetMarkdown, renderFleetTable };
