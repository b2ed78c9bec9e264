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
 * pt-<runId>-<power>`). Only a version created new carries it: when
 * PublishVersion returns an existing version, that one keeps its own.
 *
 * @example
 * runVersionDescription('pt-lx1abc-1024'); // 'powertune run pt-lx1abc-1024'
 */
const runVersionDescription = (aliasName: string): string =>
  `${RUN_VERSION_DESCRIPTION_PREFIX}${aliasName}`.slice(0, LAMBDA_LIMITS.descriptionMaxLength);

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

export { findRunVersions, runVersionDescription };
