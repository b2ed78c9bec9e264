/**
 * The `node:http` adapter of the emulator: binds a `fetch` handler to a
 * port (127.0.0.1 by default) and starts the whole emulator — execution
 * backend, Lambda API, server — with `startEmulator()`.
 *
 * @module emulator/http-server
 */
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LAMBDA_LIMITS, SERVER_DEFAULTS } from './constants.js';
import { createLambdaService } from './create-lambda-service.js';
import { EmulatorStartError, RequestTooLargeError, ServiceError } from './errors.js';
import type { ExecutionBackend } from './runtime/types.js';
import { toEmulatorLogger } from './to-emulator-logger.js';
import type { RunningEmulator, StartEmulatorOptions } from './types.js';

interface NodeListenerOptions {
  fetch: (request: Request) => Promise<Response>;
  /** Larger bodies get 413 RequestTooLargeException without being buffered (default 69905067 bytes). */
  maxBodyBytes?: number;
}

const NO_BODY_METHODS = new Set(['GET', 'HEAD']);

async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  if (body !== undefined) headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

function rejectTooLarge(req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): void {
  const error = new RequestTooLargeError({
    limitBytes: maxBodyBytes,
    operation: `${req.method ?? 'HTTP'} ${req.url ?? ''}`,
  });
  res.setHeader('connection', 'close');
  void sendResponse(res, error.toWebResponse('request-too-large')).finally(() => req.resume());
}

/**
 * Adapts a `fetch(Request) → Response` handler to `node:http`.
 *
 * @example
 * createServer(createNodeListener({ fetch: service.fetch })).listen(9001, '127.0.0.1');
 */
function createNodeListener({
  fetch,
  maxBodyBytes = LAMBDA_LIMITS.requestBodyBytes,
}: NodeListenerOptions): RequestListener {
  return (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxBodyBytes) {
      rejectTooLarge(req, res, maxBodyBytes);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let rejected = false;
    req.on('data', (chunk: Buffer) => {
      if (rejected) return;
      received += chunk.length;
      if (received > maxBodyBytes) {
        rejected = true;
        chunks.length = 0;
        rejectTooLarge(req, res, maxBodyBytes);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (rejected) return;
      const headers = new Headers();
      for (let index = 0; index + 1 < req.rawHeaders.length; index += 2)
        headers.append(req.rawHeaders[index] ?? '', req.rawHeaders[index + 1] ?? '');
      const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
      const init: RequestInit = { method, headers };
      if (!NO_BODY_METHODS.has(method) && received > 0) init.body = new Uint8Array(Buffer.concat(chunks));
      void (async () => {
        let response: Response;
        try {
          response = await fetch(new Request(url, init));
        } catch (error) {
          response = new ServiceError({
            message: `The emulator failed to handle ${method} ${req.url ?? ''}: ${(error as Error).message}`,
            cause: error,
          }).toWebResponse('internal');
        }
        await sendResponse(res, response).catch(() => res.destroy());
      })();
    });
    req.on('error', () => res.destroy());
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

async function defaultBackend(
  options: StartEmulatorOptions,
  info: (message: string) => void,
): Promise<ExecutionBackend> {
  const { createExecutionBackend } = await import('./runtime/index.js');
  const cpuModel = options.cpuModel ?? options.cpuMode;
  return createExecutionBackend({
    logger: info,
    ...(cpuModel === undefined ? {} : { cpuModel }),
    ...(options.hostCores === undefined ? {} : { hostCores: options.hostCores }),
    ...(options.billInitDuration === undefined ? {} : { billInitDuration: options.billInitDuration }),
    ...options.backendOptions,
  });
}

/**
 * Starts the emulator: execution backend, Lambda API and HTTP server on
 * 127.0.0.1 (another host only when asked, with a warning).
 *
 * @example
 * const emulator = await startEmulator({ port: 0 });
 * const lambda = new LambdaClient({ endpoint: emulator.endpoint, region: 'us-east-1' });
 * await emulator.stop();
 */
async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const {
    port = SERVER_DEFAULTS.port,
    host = SERVER_DEFAULTS.host,
    announce = true,
    maxBodyBytes,
    backend: given,
    ...serviceOptions
  } = options;
  const logger = toEmulatorLogger(options.logger);
  if (!isLoopback(host)) {
    logger.warn(
      `the emulator is listening on ${host}, not on loopback: anyone who can reach this address can create and run code on this machine. Use --host 127.0.0.1 unless you mean it.`,
    );
  }
  const backend = given ?? (await defaultBackend(options, (message) => logger.info(message)));
  const {
    cpuMode: _cpuMode,
    cpuModel: _cpuModel,
    billInitDuration: _billInitDuration,
    hostCores: _hostCores,
    backendOptions: _backendOptions,
    ...rest
  } = serviceOptions;
  const service = createLambdaService({ ...rest, backend, logger });
  const server = createServer(
    createNodeListener({
      fetch: (request) => service.fetch(request),
      ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
    }),
  );
  server.keepAliveTimeout = SERVER_DEFAULTS.keepAliveTimeoutMs;
  server.headersTimeout = SERVER_DEFAULTS.headersTimeoutMs;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (cause) {
    await service.close().catch(() => undefined);
    await backend.stop().catch(() => undefined);
    throw new EmulatorStartError({ host, port, cause });
  }
  const bound = (server.address() as AddressInfo).port;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  if (announce) logger.info(`powertune emulator listening on ${endpoint} (CPU: ${backend.cpu.description})`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await backend.stop();
      await service.close();
    })();
    return stopping;
  };
  return { endpoint, port: bound, host, service, backend, cpu: backend.cpu, stop };
}

export { createNodeListener, startEmulator };
export type { NodeListenerOptions };
