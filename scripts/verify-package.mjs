#!/usr/bin/env node
/**
 * `npm run verify:package`: proves the package works as users get it from
 * the registry, not as it works in this clone.
 *
 * 1. `npm pack` (its `prepack` builds dist/ and the Step Functions handler
 *    bundles) into a temp folder, and prints the tarball's contents.
 * 2. `publint` and `attw` (are the types right) on the tarball.
 * 3. Installs the tarball into an empty temp project (its dependencies come
 *    from the registry), with aws-cdk-lib, constructs, typescript and
 *    @types/node at the versions of our devDependencies.
 * 4. Checks that every source map in the installed package carries its
 *    sources (the sources themselves are not shipped).
 * 5. Runs `npx powertune --help` and `npx powertune tune --function
 *    ./handler.mjs` on the embedded local Lambda service.
 * 6. Compiles, under `strict`, a TypeScript file that imports every
 *    documented entry point and synthesizes the CDK construct with its
 *    defaults (the handler bundles must be found inside the package), plus
 *    every example of the README's "Library" section, and runs them.
 * 7. Removes the temp folder (also on failure).
 *
 *   node scripts/verify-package.mjs [--keep]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** Subpaths the README documents (`./package.json` is metadata, not code). */
const ENTRY_POINTS = Object.keys(pkg.exports).filter((key) => key !== './package.json');

const log = (line) => process.stdout.write(`verify:package: ${line}\n`);

/** Runs a command; fails the script with its output when it exits non-zero. */
const run = (command, args, { cwd, env = process.env, quiet = false } = {}) => {
  const display = `${command} ${args.join(' ')}`;
  log(`$ ${display}${cwd === undefined || cwd === ROOT ? '' : `   (in ${cwd})`}`);
  const child = spawnSync(command, args, { cwd: cwd ?? ROOT, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (child.error !== undefined) throw new Error(`${display}: ${child.error.message}`);
  if (child.status !== 0) {
    throw new Error(
      `${display} exited with ${child.status ?? child.signal}\n--- stdout\n${child.stdout}\n--- stderr\n${child.stderr}`,
    );
  }
  if (!quiet && child.stdout.trim() !== '') process.stdout.write(`${child.stdout.trimEnd()}\n`);
  return child.stdout;
};

/** Every file under `dir`, relative to it. */
const listFiles = (dir) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((path) => statSync(join(dir, path)).isFile());

/** The ```ts blocks of one README section (from its `## ` heading to the next). */
const readmeExamples = (heading) => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
};

const HANDLER = `export const handler = async (event) => {
  let x = 0;
  for (let i = 0; i < 20_000; i += 1) x += Math.sqrt(i);
  return { ok: true, x, echo: event ?? null };
};
`;

/** Imports every entry point; synthesizes the construct with no props at all. */
const ENTRY_CHECK = `import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { parseReport, validateInput, type TuningResult } from 'powertune';
import { createSdkLambdaPort, runTuning } from 'powertune/tuner';
import { startEmulator } from 'powertune/emulator';
import { buildStateMachineDefinition } from 'powertune/stepfunctions';
import { PowerTuneStateMachine } from 'powertune/cdk';
import { createRequire } from 'node:module';

const assert = (condition: boolean, message: string): void => {
  if (!condition) throw new Error(message);
};
const result: TuningResult | undefined = undefined;
assert(result === undefined && typeof runTuning === 'function' && typeof createSdkLambdaPort === 'function', 'powertune/tuner exports');
assert(typeof startEmulator === 'function', 'powertune/emulator exports');
assert(validateInput({ lambdaARN: 'my-fn', num: 5 }).num === 5, 'validateInput');
assert(parseReport('REPORT RequestId: a\\tDuration: 1.00 ms\\tBilled Duration: 1 ms\\tMemory Size: 128 MB\\tMax Memory Used: 60 MB\\t')?.memorySizeMB === 128, 'parseReport');
assert(Object.keys(buildStateMachineDefinition().States).length > 0, 'buildStateMachineDefinition');
assert(typeof (createRequire(import.meta.url)('powertune/package.json') as { version?: unknown }).version === 'string', 'powertune/package.json');

// The construct with its defaults: the handler bundles must come from the installed package.
const outdir = join(process.cwd(), 'cdk.out.defaults');
const app = new App({ outdir });
const stack = new Stack(app, 'Defaults', { env: { account: '123456789012', region: 'eu-west-1' } });
const tuner = new PowerTuneStateMachine(stack, 'Tuner');
const assembly = app.synth();
assert(assembly.stacks.length === 1 && tuner.stateMachine !== undefined, 'the construct synthesized');
const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
assert(assets.length === 6, \`6 handler assets expected in cdk.out, found \${assets.length}\`);
for (const asset of assets) assert(existsSync(join(outdir, asset, 'index.mjs')), \`\${asset} has no index.mjs\`);
console.log(\`entry points OK; the CDK construct synthesized with its defaults: \${assets.length} handler assets\`);
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    // The examples are checked as users write them; the libraries' own .d.ts are theirs.
    skipLibCheck: true,
    resolveJsonModule: true,
    types: ['node'],
    outDir: 'out',
  },
  include: ['*.ts'],
};

const main = async () => {
  const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
  const work = mkdtempSync(join(tmpdir(), 'powertune-verify-'));
  try {
    // 1. Pack.
    const packOutput = run('npm', ['pack', '--json', '--pack-destination', work], { quiet: true });
    // prepack's own output (the build) may precede the JSON array.
    const packed = JSON.parse(packOutput.slice(packOutput.search(/^\[$/m)));
    const tarball = join(work, packed[0].filename);
    const files = packed[0].files.map((file) => file.path).sort();
    log(`pack contents (${files.length} files, ${packed[0].size} bytes packed, ${packed[0].unpackedSize} unpacked):`);
    for (const file of files) process.stdout.write(`  ${file}\n`);
    const required = [
      'LICENSE',
      'CHANGELOG.md',
      'README.md',
      'package.json',
      pkg.bin.powertune,
      'deploy/sam/template.yml',
      'scripts/ci-gate.sh',
      'schemas/input.schema.json',
      'schemas/result.schema.json',
    ];
    for (const name of ['initialize', 'prepare', 'measure', 'cleanup', 'analyze', 'optimize'])
      required.push(`deploy/sam/.build/${name}/index.mjs`);
    for (const entry of ENTRY_POINTS)
      required.push(pkg.exports[entry].default.replace(/^\.\//, ''), pkg.exports[entry].types.replace(/^\.\//, ''));
    const missing = required.filter((file) => !files.includes(file));
    if (missing.length > 0) throw new Error(`the tarball lacks ${missing.join(', ')}`);

    // 2. Lint the package as published.
    run('npx', ['--no-install', 'publint', '--strict', tarball]);
    run('npx', ['--no-install', 'attw', '--profile', 'esm-only', tarball]);

    // 3. An empty project that installs the tarball.
    const project = join(work, 'project');
    run('mkdir', ['-p', project]);
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'verify-powertune', private: true, type: 'module' }, null, 2)}\n`,
    );
    const dev = pkg.devDependencies;
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        // As the README's Install section says: a dev dependency, so it is not
        // packaged with the user's own function code.
        '--save-dev',
        tarball,
        `aws-cdk-lib@${dev['aws-cdk-lib']}`,
        `constructs@${dev.constructs}`,
        `typescript@${dev.typescript}`,
        `@types/node@${dev['@types/node']}`,
      ],
      { cwd: project },
    );
    const installed = join(project, 'node_modules', 'powertune');

    // 4. Source maps carry their sources.
    const maps = listFiles(installed).filter((file) => file.endsWith('.map'));
    for (const file of maps) {
      const map = JSON.parse(readFileSync(join(installed, file), 'utf8'));
      const sources = map.sources ?? [];
      const contents = map.sourcesContent ?? [];
      if (sources.length !== contents.length || contents.some((content) => typeof content !== 'string')) {
        throw new Error(
          `${file}: a source map without its sources (${sources.length} sources, ${contents.length} contents)`,
        );
      }
    }
    log(`${maps.length} source maps, each with its sources inlined`);

    // 5. The CLI, as `npx` finds it.
    writeFileSync(join(project, 'handler.mjs'), HANDLER);
    const help = run('npx', ['--no-install', 'powertune', '--help'], { cwd: project });
    if (!help.includes(`powertune ${pkg.version}`)) throw new Error(`--help does not show version ${pkg.version}`);
    run(
      'npx',
      ['--no-install', 'powertune', 'tune', '--function', './handler.mjs', '--num', '5', '--power-values', '128,256'],
      {
        cwd: project,
      },
    );

    // 6. Every entry point and every README library example, compiled under strict and run.
    writeFileSync(join(project, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
    writeFileSync(join(project, 'entry-points.ts'), ENTRY_CHECK);
    const examples = readmeExamples('Library');
    if (examples.length < ENTRY_POINTS.length - 1)
      throw new Error(`README "Library" has ${examples.length} examples for ${ENTRY_POINTS.length} entry points`);
    for (const entry of ENTRY_POINTS) {
      const specifier = entry === '.' ? "'powertune'" : `'powertune/${entry.slice(2)}'`;
      if (!examples.some((code) => code.includes(`from ${specifier}`)))
        throw new Error(`README "Library" has no example importing ${specifier}`);
    }
    examples.forEach((code, i) => writeFileSync(join(project, `readme-example-${i + 1}.ts`), code));
    run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: project });
    run('node', ['out/entry-points.js'], { cwd: project });
    for (let i = 1; i <= examples.length; i += 1) run('node', [`out/readme-example-${i}.js`], { cwd: project });

    log(
      `OK: ${packed[0].filename} installs and works (${ENTRY_POINTS.length} entry points, ${examples.length} README examples)`,
    );
  } finally {
    if (values.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
};

main().catch((error) => {
  process.stderr.write(`verify:package: FAILED\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
