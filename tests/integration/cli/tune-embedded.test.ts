import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/index.js';
import { runCli } from '../../helpers/run-cli.js';

// The quick start, end to end: `powertune tune --function ./handler.mjs`
// starts the embedded Lambda service, deploys the file, tunes it through the
// AWS SDK, prints the result and stops everything again.
const work = mkdtempSync(join(tmpdir(), 'powertune-cli-'));
const NOOP = resolve('examples/functions/noop/index.mjs');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Command: powertune tune (embedded emulator)', () => {
  it('tunes a local handler file and prints only the result JSON with --json', async () => {
    // Act
    const run = await runCli(
      [
        'tune',
        '--function',
        NOOP,
        '--num',
        '5',
        '--power-values',
        '128,512',
        '--json',
        '--out',
        'result.json',
        '--report',
        'report.html',
      ],
      { cwd: work },
    );
    // Assess
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as TuningResult;
    expect([128, 512]).toContain(result.power);
    expect(result.stats.map((s) => s.value)).toEqual([128, 512]);
    expect(result.sizes.every((s) => s.status === 'ok' && s.invocations === 5)).toBe(true);
    expect(result.cost).toBeGreaterThan(0);
    expect(result.duration).toBeGreaterThan(0);
    expect(result.stateMachine.executionCost).toBe(0);
    expect(result.stateMachine.lambdaCost).toBeGreaterThan(0);
    expect(result.stateMachine.visualization).toMatch(
      /^https:\/\/lambda-power-tuning\.show\/#[A-Za-z0-9+/=]+;[A-Za-z0-9+/=]+;[A-Za-z0-9+/=]+$/,
    );
    expect(result.recommendation.sentence).toMatch(new RegExp(`^${result.power} MB`));
    expect(result.run.backend).toMatch(/^emulator/);
    // --out and --report wrote their files
    expect(JSON.parse(readFileSync(join(work, 'result.json'), 'utf8')).power).toBe(result.power);
    const html = readFileSync(join(work, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('Content-Security-Policy');
  });

  it('prints the table and the recommendation sentence for humans', async () => {
    const run = await runCli(['tune', '--function', NOOP, '--num', '5', '--power-values', '128,256'], { cwd: work });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/128 MB/);
    expect(run.stdout).toMatch(/256 MB/);
    expect(run.stdout).toMatch(/Recommended: (128|256) MB \(cost\)/);
    expect(run.stdout).toMatch(/lambda-power-tuning\.show/);
    expect(run.stderr).toMatch(/cleaned up: 2 aliases, 2 versions deleted; \$LATEST restored/);
  });

  it('dry-runs: invokes once and estimates the full run without publishing anything', async () => {
    const run = await runCli(['tune', '--function', NOOP, '--dry-run', '--num', '20', '--power-values', '128,1024'], {
      cwd: work,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Dry run — nothing was published or changed\./);
    expect(run.stdout).toMatch(/full run: +\d+ invocations over 2 sizes/);
    expect(run.stdout).toMatch(/estimate: +\$/);
  });

  it('leaves no journal behind for the embedded service (its functions vanish with it)', () => {
    expect(existsSync(join(work, '.powertune', 'runs'))).toBe(false);
  });
});
