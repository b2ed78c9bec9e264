#!/usr/bin/env node
/**
 * Bundles the six Step Functions handlers with esbuild, one directory per
 * handler (`<outdir>/<name>/index.mjs`, handler `index.handler`), with the
 * same settings as the SAM template's esbuild metadata. Used by the CDK
 * construct (its default asset directory) and the offline e2e test.
 *
 *   node scripts/bundle-handlers.mjs [--outdir deploy/sam/.build] [--minify]
 */
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HANDLERS = ['initialize', 'prepare', 'measure', 'cleanup', 'analyze', 'optimize'];
// ESM bundles of CommonJS dependencies (the AWS SDK) need `require`.
const BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Bundles every handler into `outdir`.
 *
 * @param {{ outdir?: string, minify?: boolean }} [options]
 * @returns {Promise<Record<string, string>>} handler name → its directory
 */
const bundleHandlers = async ({ outdir = join(ROOT, 'deploy/sam/.build'), minify = false } = {}) => {
  await rm(outdir, { recursive: true, force: true });
  const dirs = {};
  await Promise.all(
    HANDLERS.map(async (name) => {
      const dir = join(outdir, name);
      await mkdir(dir, { recursive: true });
      await build({
        entryPoints: [join(ROOT, 'src/stepfunctions/handlers', `${name}.ts`)],
        outfile: join(dir, 'index.mjs'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'es2022',
        sourcemap: true,
        minify,
        banner: { js: BANNER },
        logLevel: 'warning',
      });
      dirs[name] = dir;
    }),
  );
  return dirs;
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({
    options: { outdir: { type: 'string' }, minify: { type: 'boolean', default: false } },
  });
  const dirs = await bundleHandlers({
    ...(values.outdir ? { outdir: resolve(values.outdir) } : {}),
    minify: values.minify,
  });
  for (const [name, dir] of Object.entries(dirs)) process.stdout.write(`${name}: ${dir}/index.mjs\n`);
}

export { bundleHandlers, HANDLERS };
