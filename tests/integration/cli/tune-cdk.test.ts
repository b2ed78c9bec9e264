import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

// The CDK example app is synthesized here with the repository's aws-cdk-lib;
// tuning then reads only the cloud assembly (template + asset folders).
const work = mkdtempSync(join(tmpdir(), 'powertune-cdk-'));
const outdir = join(work, 'cdk.out');
const TEMPLATE = join(outdir, 'PowertuneExample.template.json');

beforeAll(async () => {
  const { buildApp } = (await import(resolve('examples/projects/cdk/app.mjs'))) as {
    buildApp: (options: { outdir: string }) => { synth(): unknown };
  };
  buildApp({ outdir }).synth();
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Command: powertune tune --template cdk.out/<Stack>.template.json', () => {
  it('tunes a CDK function by its construct ID, with its code from the asset folder and its environment', async () => {
    // The handler fails at init without GREETING, which only the stack sets.
    const run = await runCli(
      ['tune', '--template', TEMPLATE, '--function', 'Hello', '--num', '5', '--power-values', '128,256', '--json'],
      { cwd: work },
    );
    expect(run.stderr).not.toMatch(/failed|error|warning/i);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { power: number }).power).toBeGreaterThan(0);
  }, 120_000);

  it('finds the code through the assets manifest when the template has no asset metadata', async () => {
    // Prepare: a template as `cdk synth` writes it with asset metadata turned off
    const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as {
      Resources: Record<string, { Metadata?: unknown }>;
    };
    for (const resource of Object.values(template.Resources)) delete resource.Metadata;
    writeFileSync(join(outdir, 'NoMetadata.template.json'), JSON.stringify(template));
    // Act
    const run = await runCli(
      [
        'tune',
        '--template',
        join(outdir, 'NoMetadata.template.json'),
        '--function',
        'Hello',
        '--num',
        '5',
        '--power-values',
        '128',
      ],
      { cwd: work },
    );
    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /packaged Hello[0-9A-F]{8} from cdk\.out\/NoMetadata\.template\.json: cdk\.out\/asset\.[0-9a-f]+\/index\.mjs/,
    );
  }, 120_000);
});
