/**
 * Finds the versions a run published. PublishVersion returns the new version
 * number only in its response, so a run killed between that response and its
 * journal line would leak the version; the marker in the version's
 * description (built and read in core/run-naming.ts) lets `powertune
 * cleanup` find it.
 *
 * @module lambda/find-run-versions
 */
import { parseRunVersionDescription } from '../core/index.js';
import type { LambdaPort } from './types.js';

/**
 * The numbers of the versions whose description says the run with this
 * alias prefix published them.
 *
 * @example
 * await findRunVersions({ port, functionName: 'my-fn', aliasPrefix: 'pt-lx1abc-' }); // ['8', '9']
 */
const findRunVersions = async ({
  port,
  functionName,
  aliasPrefix,
}: {
  port: LambdaPort;
  functionName: string;
  aliasPrefix: string;
}): Promise<string[]> => {
  if (aliasPrefix === '') return [];
  const versions = await port.listVersions({ functionName });
  return versions
    .filter((v) => parseRunVersionDescription(v.description)?.aliasPrefix === aliasPrefix)
    .map((v) => v.version);
};

export { findRunVersions };
