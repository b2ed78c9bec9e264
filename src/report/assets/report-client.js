/* global document, window, getComputedStyle */
/**
 * Browser side of the HTML report: reads the chart spec from the inert
 * `<script type="application/json" id="powertune-data">` block and draws it
 * with a tree-shaken Chart.js 4. Bundled (with Chart.js) into
 * `chart-bundle.generated.ts` by `scripts/build-chart-bundle.mjs`; never
 * loaded from source. Every label shown to the user is preformatted on the
 * server (see `ChartSpec` in `../types.ts`), so formatting lives in one place.
 */
import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend, Filler);

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

const MEMORY_STEPS = [128, 256, 512, 1024, 2048, 4096];
const MAX_X_TICKS = 10;

/** A round step in MB so that the axis has at most ten labels. */
const memoryStep = (max) => MEMORY_STEPS.find((step) => max / step <= MAX_X_TICKS) ?? 4096;

/** Ticks like 200 ms, 1 s, 1.5 min; the log axis keeps only 1-2-5 values. */
const durationTick = (value, log) => {
  if (log) {
    const mantissa = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
    if (![1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6)) return '';
  }
  if (value >= 60000) return `${+(value / 60000).toFixed(1)} min`;
  if (value >= 1000) return `${+(value / 1000).toFixed(2)} s`;
  return `${+value.toFixed(2)} ms`;
};

/** Shades each run's tie band (sizes statistically the same for the strategy) behind the lines. */
const tieBandPlugin = {
  id: 'powertuneTieBand',
  beforeDatasetsDraw(chart, _args, options) {
    const { ctx, chartArea, scales } = chart;
    (options.bands ?? []).forEach((band) => {
      const left = scales.x.getPixelForValue(band.lowMB);
      const right = scales.x.getPixelForValue(band.highMB);
      if (!Number.isFinite(left) || !Number.isFinite(right)) return;
      ctx.save();
      ctx.fillStyle = band.color;
      ctx.globalAlpha = 0.14;
      ctx.fillRect(left - 6, chartArea.top, right - left + 12, chartArea.bottom - chartArea.top);
      ctx.globalAlpha = 1;
      ctx.fillStyle = band.color;
      ctx.font = `600 11px ${css('--font') || 'sans-serif'}`;
      ctx.textBaseline = 'bottom';
      ctx.fillText(band.label, left - 4, chartArea.bottom - 4);
      ctx.restore();
    });
  },
};

/** Draws the dashed "recommended" rule and its label for every run (none when no size meets the constraints). */
const recommendedPlugin = {
  id: 'powertuneRecommended',
  afterDatasetsDraw(chart, _args, options) {
    const { ctx, chartArea, scales } = chart;
    const marks = (options.marks ?? []).filter((mark) => mark.x !== null);
    marks.forEach((mark, i) => {
      const x = scales.x.getPixelForValue(mark.x);
      if (!Number.isFinite(x)) return;
      ctx.save();
      ctx.strokeStyle = mark.color;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = `600 12px ${css('--font') || 'sans-serif'}`;
      const text = mark.label;
      const width = ctx.measureText(text).width + 16;
      const height = 22;
      const left = Math.min(Math.max(x - width / 2, chartArea.left), chartArea.right - width);
      const top = chartArea.top + 6 + i * (height + 4);
      ctx.fillStyle = mark.color;
      ctx.beginPath();
      ctx.roundRect(left, top, width, height, 11);
      ctx.fill();
      ctx.fillStyle = css('--on-accent') || '#fff';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, left + 8, top + height / 2 + 0.5);
      ctx.restore();
    });
  },
};

const point = (p, y) => ({ x: p.x, y, p });

/** Datasets for one run; `single` adds the spread band. */
const runDatasets = (run, colors, single) => {
  const sets = [];
  const recommendedRadius = (ctx) => (ctx.raw && ctx.raw.x === run.recommended ? 8 : 4);
  if (single) {
    sets.push(
      {
        label: 'p95',
        role: 'band-upper',
        data: run.points.map((p) => point(p, p.p95)),
        yAxisID: 'y',
        borderWidth: 0,
        pointRadius: 0,
        pointHitRadius: 0,
        fill: false,
        order: 3,
      },
      {
        label: 'p50–p95 spread',
        role: 'band-lower',
        data: run.points.map((p) => point(p, p.p50)),
        yAxisID: 'y',
        borderWidth: 0,
        pointRadius: 0,
        pointHitRadius: 0,
        backgroundColor: colors.band,
        fill: '-1',
        order: 3,
      },
    );
  }
  sets.push(
    {
      label: single ? 'Duration (avg)' : `${run.label} · duration`,
      role: 'duration',
      data: run.points.map((p) => point(p, p.avg)),
      yAxisID: 'y',
      borderColor: colors.duration,
      backgroundColor: colors.duration,
      pointBackgroundColor: colors.duration,
      borderWidth: 2.5,
      pointRadius: recommendedRadius,
      pointHoverRadius: 9,
      // Straight segments: a curve between measured sizes would invent values no size was measured at.
      tension: 0,
      order: 1,
    },
    {
      label: single ? 'Cost per 1M invocations' : `${run.label} · cost per 1M`,
      role: 'cost',
      data: run.points.map((p) => point(p, p.perMillion)),
      yAxisID: 'y1',
      borderColor: colors.cost,
      backgroundColor: colors.cost,
      pointBackgroundColor: colors.cost,
      pointStyle: 'rectRounded',
      borderDash: single ? [] : [6, 4],
      borderWidth: 2.5,
      pointRadius: recommendedRadius,
      pointHoverRadius: 9,
      // Straight segments: a curve between measured sizes would invent values no size was measured at.
      tension: 0,
      order: 2,
    },
  );
  if (run.failed.length > 0) {
    sets.push({
      label: single ? 'Failed size' : `${run.label} · failed size`,
      role: 'failed',
      data: run.failed.map((f) => ({ x: f.x, y: 0.04, f })),
      yAxisID: 'yFail',
      showLine: false,
      pointStyle: 'crossRot',
      pointRadius: 9,
      pointHoverRadius: 11,
      borderWidth: 3,
      borderColor: colors.fail,
      backgroundColor: colors.fail,
      order: 0,
    });
  }
  return sets;
};

const tooltipLabel = (ctx) => {
  const ds = ctx.dataset;
  const raw = ctx.raw;
  const prefix = ds.runLabel ? `${ds.runLabel}: ` : '';
  switch (ds.role) {
    case 'duration':
      return `${prefix}duration ${raw.p.labels.avg} (p50 ${raw.p.labels.p50}, p95 ${raw.p.labels.p95})`;
    case 'cost':
      return `${prefix}cost ${raw.p.labels.cost} per invocation · ${raw.p.labels.perMillion} per 1M`;
    case 'failed':
      return `${prefix}failed: ${raw.f.reason}`;
    default:
      return '';
  }
};

const buildConfig = (spec) => {
  const single = spec.kind === 'single';
  const palette = [
    { duration: css('--c-duration'), cost: css('--c-cost'), band: css('--c-band') },
    { duration: css('--c-b-duration'), cost: css('--c-b-cost'), band: css('--c-band') },
  ];
  const fail = css('--c-fail');
  const grid = css('--c-grid');
  const text = css('--c-muted');
  const font = css('--font');
  const datasets = spec.runs.flatMap((run, i) =>
    runDatasets(run, { ...palette[i % palette.length], fail }, single).map((ds) => ({
      ...ds,
      runLabel: single ? '' : run.label,
    })),
  );
  const maxX = Math.max(...spec.runs.flatMap((r) => [...r.points.map((p) => p.x), ...r.failed.map((f) => f.x)]));
  const step = memoryStep(maxX);
  const log = spec.durationScale === 'logarithmic';
  Chart.defaults.font.family = font || Chart.defaults.font.family;
  Chart.defaults.color = text;
  return {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      layout: { padding: { top: 8 } },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: Math.ceil((maxX * 1.04) / step) * step,
          title: { display: true, text: 'Memory (MB)', color: text },
          ticks: { stepSize: step, color: text },
          grid: { color: grid },
        },
        y: {
          type: log ? 'logarithmic' : 'linear',
          position: 'left',
          beginAtZero: !log,
          title: { display: true, text: log ? 'Duration (log scale)' : 'Duration', color: palette[0].duration },
          ticks: { color: text, callback: (v) => durationTick(Number(v), log), autoSkip: !log },
          grid: { color: grid },
        },
        y1: {
          type: 'linear',
          position: 'right',
          beginAtZero: false,
          grace: '8%',
          title: { display: true, text: `Cost per 1M invocations (${spec.currency.code})`, color: palette[0].cost },
          ticks: { color: text, callback: (v) => `${spec.currency.symbol}${Number(v).toLocaleString('en-US', { maximumFractionDigits: 2 })}` },
          grid: { drawOnChartArea: false },
        },
        yFail: { type: 'linear', display: false, min: 0, max: 1 },
      },
      plugins: {
        legend: {
          position: 'bottom',
          labels: {
            usePointStyle: true,
            padding: 18,
            color: text,
            filter: (item, data) => data.datasets[item.datasetIndex].role !== 'band-upper',
          },
        },
        tooltip: {
          filter: (item) => ['duration', 'cost', 'failed'].includes(item.dataset.role),
          callbacks: {
            title: (items) => (items.length > 0 ? `${items[0].parsed.x.toLocaleString('en-US')} MB` : ''),
            label: tooltipLabel,
          },
          padding: 12,
          boxPadding: 4,
          backgroundColor: css('--c-tooltip-bg'),
          titleColor: css('--c-tooltip-fg'),
          bodyColor: css('--c-tooltip-fg'),
          borderColor: grid,
          borderWidth: 1,
        },
        powertuneTieBand: {
          bands: spec.runs
            .filter((run) => run.tieBand !== null && run.tieBand !== undefined)
            .map((run) => ({
              lowMB: run.tieBand.lowMB,
              highMB: run.tieBand.highMB,
              color: css('--c-recommend'),
              label: `tied (${run.tieBand.percent}% band)`,
            })),
        },
        powertuneRecommended: {
          marks: spec.runs.map((run, i) => ({
            x: run.recommended,
            color: css(i === 0 ? '--c-recommend' : '--c-b-duration'),
            label: single ? `Recommended · ${run.recommended.toLocaleString('en-US')} MB` : `${run.label} best · ${run.recommended.toLocaleString('en-US')} MB`,
          })),
        },
      },
    },
    plugins: [tieBandPlugin, recommendedPlugin],
  };
};

const draw = () => {
  const holder = document.getElementById('powertune-data');
  const canvas = document.getElementById('powertune-chart');
  if (!holder || !canvas) return;
  const spec = JSON.parse(holder.textContent);
  const existing = Chart.getChart(canvas);
  if (existing) existing.destroy();
  const chart = new Chart(canvas, buildConfig(spec));
  canvas.setAttribute('data-ready', 'true');
  return chart;
};

window.Chart = Chart;
draw();
if (window.matchMedia) {
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', draw);
}
