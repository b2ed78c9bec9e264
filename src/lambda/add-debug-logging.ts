/**
 * `--debug` for AWS calls: an SDK middleware that logs every attempt of
 * every call — operation, region, attempt, time taken and HTTP status —
 * and nothing else: no headers (credentials, signatures), no bodies
 * (payloads, environment values), no function responses.
 *
 * @module lambda/add-debug-logging
 */

/** Any SDK v3 client (typed loosely: each client's middleware stack has its own generics). */
interface AnySdkClient {
  config: object;
  middlewareStack: object;
}

/** The slice of an SDK v3 client this module touches. */
interface DebuggableClient {
  config: { region: unknown };
  middlewareStack: {
    addRelativeTo: (
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: Record<string, unknown>,
      ) => (args: unknown) => Promise<unknown>,
      options: { relation: 'before' | 'after'; toMiddleware: string; name: string; override?: boolean },
    ) => void;
  };
}

interface RawRequest {
  request?: { headers?: Record<string, string> };
}
interface RawResponse {
  response?: { statusCode?: number };
}
interface RawError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

const regionOf = async (client: DebuggableClient): Promise<string> => {
  const { region } = client.config;
  try {
    const value: unknown = typeof region === 'function' ? await (region as () => Promise<unknown>)() : region;
    return typeof value === 'string' ? value : '?';
  } catch {
    return '?';
  }
};

/**
 * Adds the logging middleware after the SDK's retry middleware, so each
 * attempt (retries included) is one line.
 *
 * @example
 * addDebugLogging({ client: new LambdaClient({}), log: (line) => process.stderr.write(`${line}\n`) });
 * // [debug] Lambda.Invoke region=eu-west-1 attempt=1 → HTTP 200 in 84 ms
 */
const addDebugLogging = ({
  client: sdkClient,
  log,
  now = () => performance.now(),
}: {
  client: AnySdkClient;
  log: (line: string) => void;
  now?: () => number;
}): void => {
  const client = sdkClient as DebuggableClient;
  client.middlewareStack.addRelativeTo(
    (next, context) => async (args) => {
      const service = String(context.clientName ?? 'AWS').replace(/Client$/, '');
      const operation = String(context.commandName ?? '?').replace(/Command$/, '');
      const attempt =
        /attempt=(\d+)/.exec((args as RawRequest).request?.headers?.['amz-sdk-request'] ?? '')?.[1] ?? '1';
      const region = await regionOf(client);
      const started = now();
      const line = (outcome: string): void =>
        log(
          `[debug] ${service}.${operation} region=${region} attempt=${attempt} → ${outcome} in ${Math.round(now() - started)} ms`,
        );
      try {
        const output = await next(args);
        line(`HTTP ${(output as RawResponse).response?.statusCode ?? '?'}`);
        return output;
      } catch (error) {
        const raw = error as RawError;
        const status = raw.$metadata?.httpStatusCode ?? raw.$response?.statusCode;
        const code = typeof raw.code === 'string' && raw.code !== raw.name ? ` ${raw.code}` : '';
        line(`${raw.name ?? 'error'}${code}${status === undefined ? '' : ` (HTTP ${status})`}`);
        throw error;
      }
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'powertuneDebugLogging', override: true },
  );
};

export { addDebugLogging };
