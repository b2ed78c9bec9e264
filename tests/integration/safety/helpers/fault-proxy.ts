/**
 * A loopback HTTP proxy in front of the emulator that answers chosen Lambda
 * operations with chosen errors (5xx, 403 AccessDenied, 429) and counts what
 * it did — faults the emulator's own injection does not offer (it only
 * throttles the control plane).
 */
import { createServer, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An error the proxy answers with instead of forwarding. */
interface InjectedError {
  status: number;
  /** Lambda error type (`x-amzn-ErrorType` header), e.g. `ServiceException`. */
  type: string;
  message: string;
}

/**
 * Decides per request: `undefined` forwards it to the emulator. May be
 * async, to do something else (e.g. change the function) before forwarding.
 */
type FaultRule = (call: {
  operation: string;
  method: string;
  path: string;
  count: number;
}) => InjectedError | undefined | Promise<InjectedError | undefined>;

interface FaultProxy {
  endpoint: string;
  /** Replaces the rule (default: forward everything). */
  setRule(rule: FaultRule | undefined): void;
  /** Requests seen per operation. */
  readonly seen: Record<string, number>;
  /** Injected errors per operation and status, e.g. `{ 'PublishVersion 500': 3 }`. */
  readonly injected: Record<string, number>;
  /** Forwarded responses per operation and status, e.g. `{ 'Invoke 429': 3, 'Invoke 200': 10 }`. */
  readonly responses: Record<string, number>;
  stop(): Promise<void>;
}

const FUNCTIONS = '/2015-03-31/functions';

/** Names the Lambda API operation of a request (the routes powertune uses). */
const lambdaOperationOf = (method: string, url: string): string => {
  const path = (url.split('?')[0] ?? '').replace(/\/+$/, '');
  if (!path.startsWith(`${FUNCTIONS}/`)) return `${method} ${path}`;
  const parts = path.slice(FUNCTIONS.length + 1).split('/');
  const [, sub, name] = parts;
  if (sub === undefined) return method === 'DELETE' ? 'DeleteFunction' : 'GetFunction';
  if (sub === 'configuration') return method === 'PUT' ? 'UpdateFunctionConfiguration' : 'GetFunctionConfiguration';
  if (sub === 'invocations') return 'Invoke';
  if (sub === 'versions') return method === 'POST' ? 'PublishVersion' : 'ListVersionsByFunction';
  if (sub === 'aliases' && name === undefined) return method === 'POST' ? 'CreateAlias' : 'ListAliases';
  if (sub === 'aliases') return method === 'PUT' ? 'UpdateAlias' : method === 'DELETE' ? 'DeleteAlias' : 'GetAlias';
  return `${method} ${sub}`;
};

/** Starts the proxy on 127.0.0.1 (free port) in front of `target`. */
const startFaultProxy = async ({ target }: { target: string }): Promise<FaultProxy> => {
  const upstream = new URL(target);
  let rule: FaultRule | undefined;
  const seen: Record<string, number> = {};
  const injected: Record<string, number> = {};
  const responses: Record<string, number> = {};
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const operation = lambdaOperationOf(method, url);
    seen[operation] = (seen[operation] ?? 0) + 1;
    req.pause();
    const fault = await rule?.({ operation, method, path: url, count: seen[operation] ?? 0 });
    if (fault !== undefined) {
      injected[`${operation} ${fault.status}`] = (injected[`${operation} ${fault.status}`] ?? 0) + 1;
      req.resume();
      const body = JSON.stringify({ Type: fault.status >= 500 ? 'Service' : 'User', message: fault.message });
      res.writeHead(fault.status, {
        'content-type': 'application/json',
        'x-amzn-errortype': fault.type,
        'x-amzn-requestid': `proxy-${Date.now()}`,
      });
      res.end(body);
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path: url,
        headers: { ...req.headers, host: upstream.host },
      },
      (reply) => {
        const key = `${operation} ${reply.statusCode ?? 0}`;
        responses[key] = (responses[key] ?? 0) + 1;
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
    req.resume();
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    setRule: (next) => {
      rule = next;
    },
    seen,
    injected,
    responses,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
};

export { lambdaOperationOf, startFaultProxy };
export type { FaultProxy, FaultRule, InjectedError };
