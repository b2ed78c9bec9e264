/**
 * Turns what the user typed (`my-fn`, `my-fn:prod`, a full or qualified ARN)
 * plus `--region` / `--endpoint-url` and the environment into the identifier
 * every Lambda call uses.
 *
 * @module lambda/resolve-target
 */
import { parseFunctionTarget } from '../core/index.js';
import { ENDPOINT_ENV_VARS, LATEST, REGION_ENV_VARS } from './constants.js';
import type { ResolvedTarget } from './types.js';

type Env = Record<string, string | undefined>;

const firstSet = (env: Env, names: readonly string[]): string | undefined => {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
};

/**
 * The endpoint to use: the explicit one, else `AWS_ENDPOINT_URL_LAMBDA`,
 * else `AWS_ENDPOINT_URL` (the AWS SDKs' service-specific endpoint
 * variables), else undefined (the real AWS endpoint of the region).
 *
 * @example
 * resolveEndpoint({ env: { AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:9001' } }); // 'http://127.0.0.1:9001'
 */
const resolveEndpoint = ({ endpoint, env = process.env }: { endpoint?: string; env?: Env }): string | undefined =>
  endpoint !== undefined && endpoint.trim() !== '' ? endpoint.trim() : firstSet(env, ENDPOINT_ENV_VARS);

/**
 * Resolves a tuning target. The region comes from the ARN when there is
 * one (it is authoritative: the function lives there), else `region`, else
 * `AWS_REGION` / `AWS_DEFAULT_REGION`; when none is set it stays undefined
 * and the SDK's default chain (`~/.aws/config`) decides.
 *
 * Throws the core's `InputError` (exit code 2) for a malformed ARN or name.
 *
 * @example
 * resolveTarget({ lambdaARN: 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn:prod' });
 * // { functionName: 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn', displayName: 'my-fn', qualifier: 'prod', region: 'eu-west-1', … }
 */
const resolveTarget = ({
  lambdaARN,
  region,
  endpoint,
  env = process.env,
  field = 'lambdaARN',
}: {
  lambdaARN: string;
  region?: string;
  endpoint?: string;
  env?: Env;
  field?: string;
}): ResolvedTarget => {
  const parsed = parseFunctionTarget(lambdaARN, { ...(region !== undefined ? { region } : {}), field });
  const resolvedRegion = parsed.region ?? region ?? firstSet(env, REGION_ENV_VARS);
  const hasArnParts = parsed.accountId !== undefined && parsed.region !== undefined;
  const functionName = hasArnParts
    ? `arn:${parsed.partition ?? 'aws'}:lambda:${parsed.region}:${parsed.accountId}:function:${parsed.functionName}`
    : parsed.functionName;
  const resolvedEndpoint = resolveEndpoint({ ...(endpoint !== undefined ? { endpoint } : {}), env });
  return {
    functionName,
    displayName: parsed.functionName,
    ...(parsed.qualifier !== undefined && parsed.qualifier !== LATEST ? { qualifier: parsed.qualifier } : {}),
    ...(resolvedRegion !== undefined ? { region: resolvedRegion } : {}),
    ...(parsed.accountId !== undefined ? { accountId: parsed.accountId } : {}),
    ...(parsed.partition !== undefined ? { partition: parsed.partition } : {}),
    ...(resolvedEndpoint !== undefined ? { endpoint: resolvedEndpoint } : {}),
  };
};

export { resolveEndpoint, resolveTarget };
