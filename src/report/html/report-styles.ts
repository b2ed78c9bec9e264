/**
 * The report's stylesheet: light and dark schemes through CSS variables
 * (the chart reads its colours from the same variables), system fonts only
 * so that nothing is fetched.
 *
 * @module report/html/report-styles
 */

const REPORT_STYLES = `
:root {
  color-scheme: light dark;
  --font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  --bg: #f4f6fb;
  --surface: #ffffff;
  --surface-2: #f8f9fc;
  --border: #e2e6ef;
  --text: #141a2a;
  --muted: #5b6478;
  --accent: #4f46e5;
  --accent-soft: #eef0ff;
  --on-accent: #ffffff;
  --good: #0f7b4f;
  --good-soft: #e3f6ec;
  --bad: #c0262d;
  --bad-soft: #fde8e8;
  --warn: #9a5b00;
  --warn-soft: #fff3d6;
  --hero-from: #4338ca;
  --hero-to: #0e7490;
  --c-duration: #4f46e5;
  --c-cost: #d97706;
  --c-band: rgba(79, 70, 229, 0.14);
  --c-b-duration: #0d9488;
  --c-b-cost: #db2777;
  --c-fail: #dc2626;
  --c-recommend: #059669;
  --c-grid: rgba(20, 26, 42, 0.08);
  --c-muted: #5b6478;
  --c-tooltip-bg: rgba(17, 24, 39, 0.94);
  --c-tooltip-fg: #f9fafb;
  --shadow: 0 1px 2px rgba(16, 24, 40, 0.05), 0 8px 24px rgba(16, 24, 40, 0.06);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0b0f19;
    --surface: #121826;
    --surface-2: #182032;
    --border: #263149;
    --text: #e6e9f2;
    --muted: #98a2b8;
    --accent: #8b93ff;
    --accent-soft: #1d2344;
    --on-accent: #0b0f19;
    --good: #4ade80;
    --good-soft: #10291c;
    --bad: #f87171;
    --bad-soft: #341518;
    --warn: #fbbf24;
    --warn-soft: #33270c;
    --hero-from: #312e81;
    --hero-to: #134e4a;
    --c-duration: #8b93ff;
    --c-cost: #fbbf24;
    --c-band: rgba(139, 147, 255, 0.2);
    --c-b-duration: #2dd4bf;
    --c-b-cost: #f472b6;
    --c-fail: #f87171;
    --c-recommend: #34d399;
    --c-grid: rgba(230, 233, 242, 0.09);
    --c-muted: #98a2b8;
    --c-tooltip-bg: rgba(243, 244, 246, 0.96);
    --c-tooltip-fg: #111827;
    --shadow: 0 1px 2px rgba(0, 0, 0, 0.4), 0 8px 24px rgba(0, 0, 0, 0.35);
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body {
  margin: 0;
  font-family: var(--font);
  font-size: 15px;
  line-height: 1.5;
  color: var(--text);
  background: var(--bg);
  -webkit-font-smoothing: antialiased;
}
.page { max-width: 1240px; margin: 0 auto; padding: 32px 24px 48px; }
.masthead { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 8px 24px; margin-bottom: 20px; }
.eyebrow { margin: 0 0 4px; font-size: 12px; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; color: var(--accent); }
h1 { margin: 0; font-size: 28px; line-height: 1.2; letter-spacing: -0.01em; }
h2 { margin: 0 0 4px; font-size: 17px; letter-spacing: -0.005em; }
.subtitle { margin: 6px 0 0; color: var(--muted); }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
.chip { padding: 3px 10px; border: 1px solid var(--border); border-radius: 999px; background: var(--surface); color: var(--muted); font-size: 13px; }
.hero {
  display: grid; grid-template-columns: minmax(220px, 300px) 1fr; gap: 24px; align-items: center;
  padding: 28px; border-radius: 18px; color: #fff;
  background: linear-gradient(120deg, var(--hero-from), var(--hero-to));
  box-shadow: var(--shadow); margin-bottom: 20px;
}
.hero-label { margin: 0; font-size: 13px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; opacity: 0.85; }
.hero-value { margin: 2px 0 0; font-size: 56px; font-weight: 800; line-height: 1; letter-spacing: -0.03em; font-variant-numeric: tabular-nums; }
.hero-value small { font-size: 24px; font-weight: 600; opacity: 0.85; margin-left: 4px; }
.hero-strategy { margin: 8px 0 0; font-size: 13px; opacity: 0.85; }
.explanation { margin: -6px 0 16px; font-size: 15px; line-height: 1.45; color: #fff; opacity: 0.92; }
.tie-band { margin: -6px 0 16px; font-size: 15px; line-height: 1.45; color: #fff; font-weight: 600; }
.sentence { margin: 0 0 16px; font-size: 22px; font-weight: 650; line-height: 1.35; letter-spacing: -0.01em; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin: 0; }
.kpi { padding: 10px 14px; border-radius: 12px; background: rgba(255, 255, 255, 0.13); border: 1px solid rgba(255, 255, 255, 0.18); }
.kpi dt { font-size: 12px; opacity: 0.85; }
.kpi dd { margin: 2px 0 0; font-size: 19px; font-weight: 700; font-variant-numeric: tabular-nums; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: 16px; padding: 22px 24px; box-shadow: var(--shadow); margin-bottom: 20px; }
.card-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 4px 16px; margin-bottom: 14px; }
.hint { margin: 0; color: var(--muted); font-size: 13px; }
.chart-box { position: relative; height: 440px; }
.chart-box canvas { max-width: 100%; }
.table-wrap { overflow-x: auto; }
.table-wrap:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
table { width: 100%; border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; padding: 0 0 10px; color: var(--muted); font-size: 13px; }
caption strong { display: block; color: var(--text); font-size: 17px; margin-bottom: 2px; }
thead th { border-top: 1px solid var(--border); white-space: normal; vertical-align: bottom; line-height: 1.3; position: sticky; top: 0; background: var(--surface-2); color: var(--muted); font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; }
th, td { padding: 9px 8px; text-align: right; white-space: nowrap; border-bottom: 1px solid var(--border); }
th:first-child, td:first-child { text-align: left; }
tbody tr:last-child th, tbody tr:last-child td { border-bottom: 0; }
tbody th { font-weight: 700; }
tbody tr:hover { background: var(--surface-2); }
tr.recommended { background: var(--good-soft); }
tr.recommended:hover { background: var(--good-soft); }
tr.recommended th { box-shadow: inset 4px 0 0 var(--good); }
tr.failed { background: var(--bad-soft); }
tr.failed th { box-shadow: inset 4px 0 0 var(--bad); }
td.errors { white-space: normal; min-width: 130px; }
tbody th .badges { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
tbody th .badge { font-size: 11px; padding: 1px 7px; }
td.reason-cell { text-align: left; white-space: normal; color: var(--bad); font-weight: 600; }
.better { color: var(--good); font-weight: 600; }
.worse { color: var(--bad); font-weight: 600; }
.badge { display: inline-block; padding: 2px 8px; border-radius: 999px; font-size: 12px; font-weight: 700; }
.badge-good { background: var(--good); color: var(--surface); }
.badge-bad { background: var(--bad); color: var(--surface); }
.badge-muted { background: var(--surface-2); color: var(--muted); border: 1px solid var(--border); }
.badge-warn { background: var(--warn-soft); color: var(--warn); }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 14px 24px; margin: 14px 0 0; }
.facts dt { color: var(--muted); font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; }
.facts dd { margin: 2px 0 0; font-weight: 600; overflow-wrap: anywhere; }
.sentences { margin: 0; padding-left: 20px; }
.sentences li { margin: 6px 0; }
a { color: var(--accent); }
.footer { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 8px 24px; color: var(--muted); font-size: 13px; padding: 4px 4px 0; }
.footer a { overflow-wrap: anywhere; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
@media (max-width: 760px) {
  .hero { grid-template-columns: 1fr; }
  .hero-value { font-size: 44px; }
  .chart-box { height: 340px; }
}
@media print {
  body { background: #fff; }
  .card, .hero { box-shadow: none; break-inside: avoid; }
}
`;

export { REPORT_STYLES };
