/**
 * A real result (a tuning on the embedded local Lambda service) matches the
 * result schema the package ships; `report`, `check` and `compare` refuse a
 * result file that does not, naming the first bad field (exit 2).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

const ROOT = new URL('../../../', import.meta.url);
const HANDLER = new URL('examples/functions/noop/index.mjs', ROOT).pathname;

let dir: string;
let realResult: Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'powertune-result-schema-'));
  const run = await runCli(
    ['tune', '--function', HANDLER, '--num', '5', '--power-values', '128,256', '--out', 'result.json'],
    { cwd: dir },
  );
  expect(run.code, run.stderr).toBe(0);
  realResult = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as Record<string, unknown>;
  const bad = structuredClone(realResult) as { sizes: Array<Record<string, unknown>> };
  (bad.sizes[1] as Record<string, unknown>).value = 'two hundred';
  await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('File: schemas/result.schema.json', () => {
  it('accepts the result of a real run on the embedded service', async () => {
    const schema = JSON.parse(await readFile(new URL('schemas/result.schema.json', ROOT), 'utf8')) as object;
    const validate = new Ajv({ strict: true }).compile(schema);
    expect(validate(realResult), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('Commands: report, check, compare given a result that fails the schema', () => {
  it.each([
    ['report', ['report', 'bad.json'], 'RESULT'],
    ['check (the current result)', ['check', 'bad.json', '--baseline', 'result.json'], 'RESULT'],
    ['check (the baseline)', ['check', 'result.json', '--baseline', 'bad.json'], '--baseline'],
    ['compare', ['compare', 'result.json', 'bad.json'], 'B'],
  ])('%s exits 2 naming the file and the first bad field', async (_label, argv, field) => {
    // Act
    const run = await runCli(argv, { cwd: dir });
    // Assess
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `${field}: bad.json does not match the powertune result schema at sizes[1].value: expected a number; got "two hundred"`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
