/**
 * Opens generated reports in the OS's Chromium (playwright-core, no download)
 * from a file:// URL: no console errors, no network request, a drawn chart
 * with both series, a tooltip on hover, and screenshots in test-artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium as playwright } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderComparisonHtml, renderHtmlReport } from '../../../src/report/index.js';
import { loadResult } from '../../fixtures/results/load-result.js';

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => path !== undefined && path !== '' && existsSync(path),
);
if (chromium === undefined) console.warn('SKIPPED: Chromium not found — install with apt-get install -y chromium');

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const VIEWPORT = { width: 1280, height: 900 };

interface Opened {
  page: Page;
  url: string;
  requests: string[];
  errors: string[];
}

/** The little of the page's globals the tests read (tsconfig has no DOM lib). */
interface CanvasLike {
  width: number;
  height: number;
  getContext: (
    type: '2d',
  ) => { getImageData: (x: number, y: number, w: number, h: number) => { data: Uint8ClampedArray } } | null;
  getBoundingClientRect: () => { left: number; top: number };
}
interface ChartLike {
  data: { datasets: Array<{ label: string; role: string; data: unknown[] }> };
  getDatasetMeta: (index: number) => { data: Array<{ x: number; y: number }> };
  tooltip: { opacity: number; title: string[]; body: Array<{ lines: string[] }> };
}
interface PageGlobals {
  document: { getElementById: (id: string) => CanvasLike | null; body: unknown };
  Chart: { getChart: (canvas: CanvasLike) => ChartLike };
  getComputedStyle: (element: unknown) => { backgroundColor: string };
}

interface ChartState {
  datasets: Array<{ label: string; role: string; points: number }>;
  inkedPixels: number;
  totalPixels: number;
}

describe.skipIf(chromium === undefined)('HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await playwright.launch({ executablePath: chromium, args: LAUNCH_ARGS });
    dir = mkdtempSync(join(tmpdir(), 'powertune-report-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const open = async ({
    name,
    html,
    colorScheme,
  }: {
    name: string;
    html: string;
    colorScheme: 'light' | 'dark';
  }): Promise<Opened> => {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: VIEWPORT, colorScheme });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('#powertune-chart[data-ready="true"]', { timeout: 10_000 });
    return { page, url, requests, errors };
  };

  const chartState = (page: Page): Promise<ChartState> =>
    page.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      const canvas = page.document.getElementById('powertune-chart')!;
      const chart = page.Chart.getChart(canvas);
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) inked += 1;
      return {
        datasets: chart.data.datasets.map((d) => ({ label: d.label, role: d.role, points: d.data.length })),
        inkedPixels: inked,
        totalPixels: canvas.width * canvas.height,
      };
    });

  /** Moves the mouse onto a point of a dataset and returns the tooltip's lines. */
  const hover = async (page: Page, role: string, index: number): Promise<string[]> => {
    const target = await page.evaluate(
      ({ role: wanted, index: i }) => {
        const page = globalThis as unknown as PageGlobals;
        const canvas = page.document.getElementById('powertune-chart')!;
        const chart = page.Chart.getChart(canvas);
        const datasetIndex = chart.data.datasets.findIndex((d) => d.role === wanted);
        const element = chart.getDatasetMeta(datasetIndex).data[i]!;
        const box = canvas.getBoundingClientRect();
        return { x: box.left + element.x, y: box.top + element.y };
      },
      { role, index },
    );
    await page.mouse.move(target.x, target.y);
    await page.waitForFunction(() => {
      const page = globalThis as unknown as PageGlobals;
      const chart = page.Chart.getChart(page.document.getElementById('powertune-chart')!);
      return chart.tooltip.opacity > 0 && chart.tooltip.body.length > 0;
    });
    return page.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      const chart = page.Chart.getChart(page.document.getElementById('powertune-chart')!);
      return [...chart.tooltip.title, ...chart.tooltip.body.flatMap((b) => b.lines)];
    });
  };

  it('opens offline with no console error, no request but its own file, and draws both series', async () => {
    // Prepare
    const result = loadResult('cpu-bound');
    const html = renderHtmlReport(result, { includeFunctionName: true, generatedAt: new Date('2026-11-28T12:00:00Z') });

    // Act
    const { page, url, requests, errors } = await open({ name: 'report', html, colorScheme: 'light' });
    const state = await chartState(page);
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.close();

    // Assess
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(state.inkedPixels / state.totalPixels).toBeGreaterThan(0.02);
    const roles = state.datasets.map((d) => d.role);
    expect(roles).toEqual(expect.arrayContaining(['duration', 'cost', 'failed', 'band-lower', 'band-upper']));
    const okSizes = result.sizes.filter((s) => s.status === 'ok').length;
    expect(state.datasets.find((d) => d.role === 'duration')?.points).toBe(okSizes);
    expect(state.datasets.find((d) => d.role === 'cost')?.points).toBe(okSizes);
  });

  it('shows duration and cost values when hovering a point, and the reason on a failed size', async () => {
    const result = loadResult('x86_64');
    const { page } = await open({ name: 'hover', html: renderHtmlReport(result), colorScheme: 'light' });
    const best = result.sizes.find((s) => s.value === 1536)!;

    const lines = await hover(page, 'duration', 3);
    await page.close();

    expect(lines[0]).toBe('1,536 MB');
    expect(lines.some((l) => l.includes(`duration ${best.averageDuration.toFixed(2)} ms`))).toBe(true);
    expect(lines.some((l) => l.includes('$8.60 per 1M'))).toBe(true);

    const failedPage = await open({
      name: 'hover-failed',
      html: renderHtmlReport(loadResult('cpu-bound')),
      colorScheme: 'light',
    });
    const failedLines = await hover(failedPage.page, 'failed', 0);
    await failedPage.page.close();
    expect(failedLines.join('\n')).toContain('failed: Sandbox.Timedout: Task timed out after 15.00 seconds');
  });

  it('draws with the dark colour scheme when the system asks for it', async () => {
    const html = renderHtmlReport(loadResult('cpu-bound'), {
      includeFunctionName: true,
      generatedAt: new Date('2026-11-28T12:00:00Z'),
    });
    const { page, errors } = await open({ name: 'report-dark', html, colorScheme: 'dark' });
    const background = await page.evaluate(() => {
      const globals = globalThis as unknown as PageGlobals;
      return globals.getComputedStyle(globals.document.body).backgroundColor;
    });
    const state = await chartState(page);
    await page.screenshot({ path: join(ARTIFACTS, 'report-dark.png'), fullPage: true });
    await page.close();

    expect(errors).toEqual([]);
    const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b).toBeLessThan(120);
    expect(state.inkedPixels / state.totalPixels).toBeGreaterThan(0.02);
  });

  it('opens the comparison offline with both runs drawn and hover values for each', async () => {
    const html = renderComparisonHtml({
      a: loadResult('x86_64'),
      b: loadResult('arm64'),
      generatedAt: new Date('2026-11-28T12:00:00Z'),
    });
    const { page, url, requests, errors } = await open({ name: 'compare', html, colorScheme: 'light' });
    const state = await chartState(page);
    const lines = await hover(page, 'duration', 1);
    await page.screenshot({ path: join(ARTIFACTS, 'compare.png'), fullPage: true });
    await page.close();

    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(state.datasets.filter((d) => d.role === 'duration').map((d) => d.label)).toEqual([
      'x86_64 · duration',
      'arm64 · duration',
    ]);
    expect(state.datasets.filter((d) => d.role === 'cost')).toHaveLength(2);
    expect(lines[0]).toBe('512 MB');
    expect(lines.some((l) => l.startsWith('x86_64: duration'))).toBe(true);
    expect(lines.some((l) => l.startsWith('arm64: duration'))).toBe(true);
  });
});
