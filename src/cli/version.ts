/**
 * The version users see (`powertune --version`, the "please report" line),
 * read from this package's own `package.json` at run time so it can never
 * drift from the published version. `package.json` sits two folders up from
 * both `src/cli/` and the built `dist/cli/`.
 *
 * @module cli/version
 */
import { readFileSync } from 'node:fs';

/** `version` of the package.json two folders above `moduleUrl`. */
const readPackageVersion = (moduleUrl: string): string =>
  (JSON.parse(readFileSync(new URL('../../package.json', moduleUrl), 'utf8')) as { version: string }).version;

/**
 * @example
 * process.stdout.write(`powertune ${VERSION}\n`);
 */
const VERSION: string = readPackageVersion(import.meta.url);

export { readPackageVersion, VERSION };
