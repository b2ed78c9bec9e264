/**
 * The function a command works on and a Lambda port pointed at it: the
 * region from the ARN, else the flag, else the environment; the endpoint
 * from the flag, else `AWS_ENDPOINT_URL_LAMBDA` / `AWS_ENDPOINT_URL`.
 *
 * @module cli/open-target-port
 */
import { createSdkLambdaPort, resolveTarget } from '../lambda/index.js';
import type { LambdaPort, ResolvedTarget } from '../lambda/index.js';

type PortCredentials = NonNullable<Parameters<typeof createSdkLambdaPort>[0]>['credentials'];

/**
 * Resolves `lambdaARN` and opens the SDK port for it.
 *
 * @throws {InputError} for a malformed name or ARN, naming `field` (exit code 2)
 * @example
 * const { target, lambda } = openTargetPort({ lambdaARN: 'my-fn', region: 'eu-west-1', env: process.env });
 */
const openTargetPort = ({
  lambdaARN,
  region,
  endpoint,
  profile,
  credentials,
  env,
  field,
  debugLog,
}: {
  lambdaARN: string;
  region?: string | undefined;
  endpoint?: string | undefined;
  profile?: string | undefined;
  credentials?: PortCredentials;
  env: Record<string, string | undefined>;
  field?: string;
  /** `--debug`: one line per AWS call attempt. */
  debugLog?: ((line: string) => void) | undefined;
}): { target: ResolvedTarget; lambda: LambdaPort } => {
  const target = resolveTarget({
    lambdaARN,
    ...(region === undefined ? {} : { region }),
    ...(endpoint === undefined ? {} : { endpoint }),
    env,
    ...(field === undefined ? {} : { field }),
  });
  const lambda = createSdkLambdaPort({
    ...(target.region === undefined ? {} : { region: target.region }),
    ...(profile === undefined ? {} : { profile }),
    ...(target.endpoint === undefined ? {} : { endpoint: target.endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(debugLog === undefined ? {} : { debugLog }),
    env,
  });
  return { target, lambda };
};

export { openTargetPort };
