import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/index.js';
import { runCli } from '../../helpers/run-cli.js';

// Real small projects in examples/projects/, tuned end to end on the
// embedded service: each handler fails when its dependency, module or
// environment variable did not arrive, so a green run proves they did.
const EXAMPLES = resolve('examples/projects');
const work = mkdtempSync(join(tmpdir(), 'powertune-project-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const QUICK = ['--num', '5', '--power-values', '128,256', '--json'];
const initCheckLeftovers = (): string[] =>
  readdirSync(tmpdir()).filter((name) => name.startsWith('powertune-init-check-'));

// Each test starts the embedded service (which calibrates its CPU model) on a shared, busy machine.
const SLOW = { timeout: 120_000 };

describe('Command: powertune tune --function (the project you have)', SLOW, () => {
  it('tunes a Node.js ESM project with npm dependencies, a shared module and a data file', async () => {
    // Act
    const run = await runCli(['tune', '--function', join(EXAMPLES, 'node-esm/src/handler.mjs'), ...QUICK], {
      cwd: work,
    });
    // Assess
    expect(run.stderr).not.toMatch(/failed|error|warning/i);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as TuningResult;
    expect(result.sizes.every((s) => s.status === 'ok')).toBe(true);
    expect(result.run.packaging).toBe('node_modules');
  });

  it('says which packaging a run measured', async () => {
    const run = await runCli(
      ['tune', '--function', join(EXAMPLES, 'node-esm/src/handler.mjs'), '--num', '5', '--power-values', '128'],
      { cwd: work },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /packaged .*node-esm\/src\/handler\.mjs: code root .*node-esm, node_modules with 2 production packages .* \[node_modules\]/,
    );
  });

  it('tunes a TypeScript handler that imports a local .ts module and an npm package, bundled or not', async () => {
    for (const extra of [[], ['--bundle']]) {
      const run = await runCli(
        ['tune', '--function', join(EXAMPLES, 'typescript/src/handler.ts'), ...QUICK, ...extra],
        { cwd: work },
      );
      expect(run.stderr).not.toMatch(/failed|error|warning/i);
      expect(run.code).toBe(0);
    }
  });

  it('tunes a Python function with a package installed next to it and its environment variable', async () => {
    const run = await runCli(
      ['tune', '--function', join(EXAMPLES, 'python/app.py'), '--env', 'GREETING=hello', ...QUICK],
      { cwd: work },
    );
    expect(run.stderr).not.toMatch(/failed|error|warning/i);
    expect(run.code).toBe(0);
  });

  it('stops before any size when the handler cannot start, prints the error once with file and line, and exits 1', async () => {
    // Act: the Python example reads GREETING at init
    const run = await runCli(
      ['tune', '--function', join(EXAMPLES, 'python/app.py'), '--num', '5', '--power-values', '128,256,512'],
      { cwd: EXAMPLES },
    );
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /--function: the handler cannot start \(KeyError: 'GREETING'\)\n {2}at python\/app\.py:7\n/,
    );
    expect(run.stderr.match(/GREETING/g)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/local Lambda service on|MB failed/);
    expect(initCheckLeftovers()).toEqual([]);
  });

  it('reports a JavaScript syntax error with file and line, exit 1, nothing measured', async () => {
    const dir = join(work, 'syntax-js');
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.mjs'), 'export const handler = async () => {\n  return 1 +;\n};\n');
    const run = await runCli(['tune', '--function', 'syntax-js/index.mjs', '--num', '5'], { cwd: work });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /the handler cannot start \(Runtime\.UserCodeSyntaxError: SyntaxError: Unexpected token/,
    );
    expect(run.stderr).toMatch(/at syntax-js\/index\.mjs:2:13: Unexpected ";"/);
    expect(run.stderr).not.toMatch(/local Lambda service on/);
  });

  it('reports a TypeScript syntax error as file:line:col, exit 1, before any size is measured', async () => {
    const dir = join(work, 'syntax-ts');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'handler.ts'),
      'export const handler = async (): Promise<number> => {\n  const x: number = ;\n  return x;\n};\n',
    );
    const run = await runCli(['tune', '--function', 'syntax-ts/handler.ts', '--num', '5'], { cwd: work });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the handler does not build: syntax-ts\/handler\.ts:2:21: Unexpected ";"/);
    expect(run.stderr).not.toMatch(/local Lambda service on/);
  });

  it('fails the project whose npm dependency is not installed, naming it (nothing is installed at tune time)', async () => {
    const copy = join(work, 'node-esm-without-ms');
    cpSync(join(EXAMPLES, 'node-esm'), copy, { recursive: true });
    rmSync(join(copy, 'node_modules/ms'), { recursive: true });
    const run = await runCli(['tune', '--function', join(copy, 'src/handler.mjs'), '--num', '5'], { cwd: work });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/depends on "ms", which is not installed/);
  });
});

describe('Command: powertune tune --template (SAM)', SLOW, () => {
  const template = join(EXAMPLES, 'sam/template.yaml');

  it("lists the template's functions without --function", async () => {
    const run = await runCli(['tune', '--template', 'sam/template.yaml'], { cwd: EXAMPLES });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Functions in sam\/template\.yaml:\n {2}LogicalId +Type +Runtime +Handler +Code\n {2}HelloFunction +AWS::Serverless::Function +nodejs22\.x +app\.handler +hello\/\n {2}InlineFunction .*\(inline\)\n/,
    );
    expect(run.stdout).not.toMatch(/Uploads/);
  });

  it('tunes a function with Globals, a parameter override and a local layer under /opt', async () => {
    // The handler needs the layer's module and STAGE/GREETING from Globals at init.
    const run = await runCli(
      ['tune', '--template', template, '--function', 'HelloFunction', '--parameter-overrides', 'Stage=prod', ...QUICK],
      { cwd: work },
    );
    expect(run.stderr).not.toMatch(/failed|error|warning/i);
    expect(run.code).toBe(0);
  });

  it('tunes the inline function', async () => {
    const run = await runCli(
      ['tune', '--template', template, '--function', 'InlineFunction', '--num', '5', '--power-values', '128,256'],
      { cwd: work },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /packaged InlineFunction: inline code from .*template\.yaml as nodejs22\.x index\.handler \[inline\]/,
    );
  });
});

describe('Command: powertune tune — bad project input (exit 2, nothing deployed)', SLOW, () => {
  const handler = join(EXAMPLES, 'node-esm/src/handler.mjs');
  writeFileSync(join(work, 'bad.env'), 'GOOD=1\nthis line is wrong\n');
  writeFileSync(join(work, 'secret.env'), 'TOKEN="s3cret\n');
  writeFileSync(
    join(work, 'unresolvable.yaml'),
    'Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      InlineCode: "exports.handler = async () => 1;"\n      Environment:\n        Variables:\n          TABLE: !GetAtt T.Arn\n',
  );
  writeFileSync(
    join(work, 'java.yaml'),
    'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { Runtime: java21, Handler: a.B::handle, CodeUri: java/ }\n',
  );

  it.each([
    [
      'a missing code root',
      ['--function', handler, '--code-root', 'nowhere'],
      /--code-root: expected an existing folder; got ".*nowhere" \(no such folder\)/,
    ],
    [
      'a missing handler file',
      ['--function', './gone/handler.mjs'],
      /--function: expected an existing handler file; got ".\/gone\/handler\.mjs" \(no such file\)/,
    ],
    [
      '--env without "="',
      ['--function', handler, '--env', 'DEBUG'],
      /--env: expected KEY=VALUE; got "DEBUG" without "="/,
    ],
    [
      'an env file with a bad line',
      ['--function', handler, '--env-file', 'bad.env'],
      /--env-file: bad\.env:2: expected KEY=VALUE \(dotenv syntax\)/,
    ],
    [
      'an env file that does not exist',
      ['--function', handler, '--env-file', 'none.env'],
      /--env-file: expected a readable dotenv file; got "none\.env"/,
    ],
    ['--timeout 0', ['--function', handler, '--timeout', '0'], /--timeout: expected whole seconds in 1\.\.900/],
    ['--timeout 901', ['--function', handler, '--timeout', '901'], /--timeout: expected whole seconds in 1\.\.900/],
    [
      'an export that does not exist',
      ['--function', `${handler}:nothere`],
      /--function: the handler cannot start \(Runtime\.HandlerNotFound: handler\.nothere is undefined or not exported\)/,
    ],
    [
      'a missing template file',
      ['--template', 'missing.yaml', '--function', 'Fn'],
      /--template: expected a SAM\/CloudFormation template or cdk\.out\/<Stack>\.template\.json; got "missing\.yaml" \(no such file\)/,
    ],
    [
      'a template without that logical ID',
      ['--template', join(EXAMPLES, 'sam/template.yaml'), '--function', 'Nope'],
      /has no resource "Nope"; its functions are: HelloFunction, InlineFunction/,
    ],
    [
      'a resource that is not a function',
      ['--template', join(EXAMPLES, 'sam/template.yaml'), '--function', 'Uploads'],
      /Uploads has type AWS::S3::Bucket, not a function/,
    ],
    [
      'an unresolvable intrinsic',
      ['--template', 'unresolvable.yaml', '--function', 'Fn'],
      /cannot resolve a value of Fn without deploying:\n {2}Resources\.Fn\.Properties\.Environment\.Variables\.TABLE: Fn::GetAtt/,
    ],
    [
      'a runtime the service cannot run',
      ['--template', 'java.yaml', '--function', 'Fn'],
      /Fn uses runtime java21, which the local Lambda service cannot run; deploy it and tune it on AWS with --function <its ARN>/,
    ],
    [
      '--parameter-overrides without --template',
      ['--function', handler, '--parameter-overrides', 'A=1'],
      /--parameter-overrides: applies only with --template/,
    ],
    [
      'a project flag with a deployed function',
      ['--function', 'my-function', '--env', 'A=1'],
      /--env: applies only to a local handler/,
    ],
  ])('refuses %s', async (_name, argv, message) => {
    // Act
    const run = await runCli(['tune', ...argv, '--num', '5'], { cwd: work });
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/local Lambda service on|unexpected error/);
  });

  it('never prints an environment value, even from a bad env file', async () => {
    const run = await runCli(['tune', '--function', handler, '--env-file', 'secret.env', '--num', '5'], { cwd: work });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('s3cret');
  });
});
