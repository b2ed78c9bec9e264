/**
 * Vitest global setup: the example projects in examples/projects/ keep a
 * committed lockfile and no node_modules. Where one is missing, install it
 * inside that example's own folder (`npm ci --prefix`), never at the
 * repository root. CI installs them in .ci/run first, so this only acts on a
 * fresh developer checkout.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const EXAMPLES = resolve('examples/projects');

const setup = (): void => {
  if (!existsSync(EXAMPLES)) return;
  for (const name of readdirSync(EXAMPLES).sort()) {
    const dir = join(EXAMPLES, name);
    if (!existsSync(join(dir, 'package-lock.json')) || existsSync(join(dir, 'node_modules'))) continue;
    execFileSync('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'inherit' });
  }
};

export default setup;
