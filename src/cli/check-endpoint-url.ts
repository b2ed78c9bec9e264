/**
 * `--endpoint-url` (or `AWS_ENDPOINT_URL_LAMBDA` / `AWS_ENDPOINT_URL`) must
 * be an http(s) URL: checked before the first call, not found mid-run as a
 * `TypeError: Invalid URL`.
 *
 * @module cli/check-endpoint-url
 */
import { UsageError } from './errors.js';

/** The environment variables the SDK reads an endpoint from, in order. */
const ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL_LAMBDA', 'AWS_ENDPOINT_URL'] as const;

const isHttpUrl = (text: string): boolean => {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/**
 * Throws a `UsageError` naming the flag (or the variable) when the endpoint
 * the run would use is not an http(s) URL.
 *
 * @example
 * checkEndpointUrl({ flag: 'http://127.0.0.1:9001', env: process.env }); // ok
 * checkEndpointUrl({ flag: 'notaurl', env: {} }); // throws "--endpoint-url: expected an http(s) URL …"
 */
const checkEndpointUrl = ({
  flag,
  env,
}: {
  flag: string | undefined;
  env: Record<string, string | undefined>;
}): void => {
  const sources: Array<[string, string | undefined]> = [
    ['--endpoint-url', flag],
    ...ENDPOINT_VARIABLES.map((name): [string, string | undefined] => [name, env[name]]),
  ];
  const used = sources.find(([, value]) => value !== undefined && value.trim() !== '');
  if (used === undefined) return;
  const [field, value = ''] = used;
  if (isHttpUrl(value.trim())) return;
  throw new UsageError({
    field,
    message: `${field}: expected an http(s) URL such as http://127.0.0.1:9001 (a running "powertune emulator") or https://lambda.eu-west-1.amazonaws.com; got ${JSON.stringify(value)}`,
  });
};

export { checkEndpointUrl };
