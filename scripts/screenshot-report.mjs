#!/usr/bin/env node
/**
 * Screenshots an HTML report with the OS's Chromium (for the README).
 *
 *   node scripts/screenshot-report.mjs powertune-report.html docs/report.png [light|dark]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [input, output, scheme = 'light'] = process.argv.slice(2);
if (input === undefined || output === undefined) {
  console.error('usage: node scripts/screenshot-report.mjs REPORT.html OUT.png [light|dark]');
  process.exit(2);
}
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p !== undefined && existsSync(p),
);
if (executablePath === undefined) {
  console.error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({
    viewport: { width: 1200, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: scheme === 'dark' ? 'dark' : 'light',
  });
  await page.goto(pathToFileURL(resolve(input)).href);
  await page.waitForTimeout(500);
  await page.screenshot({ path: output, fullPage: true });
} finally {
  await browser.close();
}
