/**
 * Marks the versions a run publishes, and finds them again. PublishVersion
 * returns the new version number only in its response, so a run killed
 * between that response and its journal line would leak the version; the
 * marker in the version's description lets `powertune cleanup` find it.
 *
 * @module lambda/find-run-versions
 */
import { LAMBDA_LIMITS, RUN_VERSION_DESCRIPTION_PREFIX } from './constants.js';
import type { LambdaPort } from './types.js';

/**
 * The description a run gives each version it publishes (`powertune run
 * pt-<runId>-<power>`), with the memory `$LATEST` had before the run when
 * known — so a run that finds another run's size on `$LATEST` (one in
 * progress, or one that crashed) can still restore the true original. Only
 * a version created new carries it: when PublishVersion returns an existing
 * version, that one keeps its own.
 *
 * @example
 * runVersionDescription('pt-lx1abc-1024');       // 'powertune run pt-lx1abc-1024'
 * runVersionDescription('pt-lx1abc-1024', 512);  // 'powertune run pt-lx1abc-1024 (original 512 MB)'
 */
const runVersionDescription = (aliasName: string, originalMemoryMB?: number): string =>
  `${RUN_VERSION_DESCRIPTION_PREFIX}${aliasName}${originalMemoryMB === undefined ? '' : ` (original ${originalMemoryMB} MB)`}`.slice(0, LAMBDA_LIMITS.descriptionMaxLength);

const RECORDED_ORIGINAL = /^powertune run (pt-[a-z0-9]+-)\d+(?:-\d+)? \(original (\d+) MB\)$/u;

/**
 * What a run's version description records: the run's alias prefix and the
 * memory `$LATEST` had before that run. `undefined` for any other description.
 *
 * @example
 * readRunVersionDescription('powertune run pt-lx1abc-1024 (original 512 MB)'); // { aliasPrefix: 'pt-lx1abc-', originalMemoryMB: 512 }
 */
const readRunVersionDescription = (description: string): { aliasPrefix: string; originalMemoryMB: number } | undefined => {
  const match = RECORDED_ORIGINAL.exec(description);
  return match === null ? undefined : { aliasPrefix: match[1] as string, originalMemoryMB: Number(match[2]) };
};

/**
 * The numbers of the versions whose description says the run with this
 * alias prefix published them.
 *
 * @example
 * await findRunVersions({ port, functionName: 'my-fn', aliasPrefix: 'pt-lx1abc-' }); // ['8', '9']
 */
const findRunVersions = async ({ port, functionName, aliasPrefix }: { port: LambdaPort; functionName: string; aliasPrefix: string }): Promise<string[]> => {
  if (aliasPrefix === '') return [];
  const marker = runVersionDescription(aliasPrefix);
  const versions = await port.listVersions({ functionName });
  return versions.filter((v) => v.description.startsWith(marker)).map((v) => v.version);
};

export { findRunVersions, readRunVersionDescription, runVersionDescription };
