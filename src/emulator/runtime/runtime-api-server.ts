/**
 * The Lambda Runtime API of one execution environment, on 127.0.0.1 and an
 * ephemeral port (`AWS_LAMBDA_RUNTIME_API`). One server per environment keeps
 * concurrent environments apart and lets any runtime client — ours or AWS's
 * runtime interface clients — talk to it unchanged.
 *
 * Routes (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html):
 * - `GET  /2018-06-01/runtime/invocation/next` — long-poll for the next event;
 * - `POST /2018-06-01/runtime/invocation/{id}/response`;
 * - `POST /2018-06-01/runtime/invocation/{id}/error` (`Lambda-Runtime-Function-Error-Type`);
 * - `POST /2018-06-01/runtime/init/error`.
 *
 * @module emulator/runtime/runtime-api-server
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { MAX_RESPONSE_BYTES, RUNTIME_API_VERSION, RUNTIME_HEADERS } from './constants.js';

/** An event handed to the runtime on `/next`. */
interface RuntimeEvent {
  requestId: string;
  payload: Buffer;
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId: string;
  /** Client context JSON (already decoded from the Invoke API's base64). */
  clientContext?: string;
}

/** What the runtime posted back. */
interface RuntimePost {
  kind: 'response' | 'error' | 'init-error';
  requestId?: string;
  body: Buffer;
  /** True when the body exceeded the 6 MB response limit (then `body` is empty). */
  tooLarge: boolean;
  errorType?: string;
  /** Cumulative CPU time of the runtime process in µs, when the bootstrap reports it. */
  cpuTimeUs?: number;
  /** The same when the event had arrived (responses and errors), when reported. */
  eventCpuTimeUs?: number;
  /** `performance.now()` when the whole body had arrived. */
  receivedAt: number;
}

interface RuntimeApiListener {
  /** The runtime asks for work (first call = init finished). */
  onNext(args: { cpuTimeUs?: number; at: number }): void;
  onPost(post: RuntimePost): void;
}

const PREFIX = `/${RUNTIME_API_VERSION}/runtime`;
const INVOCATION_ROUTE = new RegExp(`^${PREFIX}/invocation/([^/]+)/(response|error)$`);

const HTTP = { ok: 200, accepted: 202, badRequest: 400, notFound: 404, tooLarge: 413, internalError: 500 } as const;

const cpuHeader = (request: IncomingMessage, name: string = RUNTIME_HEADERS.cpuTimeUs): number | undefined => {
  const value = request.headers[name];
  const parsed = typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
};

const errorTypeHeader = (request: IncomingMessage): string | undefined => {
  const value = request.headers[RUNTIME_HEADERS.functionErrorType];
  return typeof value === 'string' ? value : undefined;
};

const reply = (response: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
};

const readBody = (request: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(
        size > MAX_RESPONSE_BYTES
          ? { body: Buffer.alloc(0), tooLarge: true }
          : { body: Buffer.concat(chunks), tooLarge: false },
      ),
    );
    request.on('error', reject);
  });

/**
 * One environment's Runtime API. `deliver()` answers the pending (or next)
 * `/next` long-poll with an event; posts are passed to the listener.
 *
 * @example
 * const api = new RuntimeApiServer({ onNext: () => {}, onPost: (p) => console.log(p.kind) });
 * const address = await api.listen(); // '127.0.0.1:40123'
 * api.deliver({ requestId: 'r1', payload: Buffer.from('{}'), deadlineMs: Date.now() + 3000, invokedFunctionArn: arn, traceId: 'Root=…' });
 */
class RuntimeApiServer {
  readonly #listener: RuntimeApiListener;
  readonly #server: Server;
  #pendingNext: ServerResponse | undefined;
  #queued: RuntimeEvent | undefined;
  /** Request ids the runtime may still post for. */
  readonly #open = new Set<string>();

  constructor(listener: RuntimeApiListener) {
    this.#listener = listener;
    this.#server = createServer((request, response) => {
      this.#route(request, response).catch(() => {
        if (!response.headersSent)
          reply(response, HTTP.internalError, { errorMessage: 'Internal error', errorType: 'ServiceException' });
      });
    });
    this.#server.keepAliveTimeout = 0;
    this.#server.requestTimeout = 0;
    this.#server.headersTimeout = 0;
  }

  /** Binds 127.0.0.1 on an ephemeral port; resolves `host:port`. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.#server.address() as AddressInfo;
    return `127.0.0.1:${port}`;
  }

  /** Hands an event to the runtime (now, or on its next `/next`). */
  deliver(event: RuntimeEvent): void {
    this.#open.add(event.requestId);
    const pending = this.#pendingNext;
    if (pending === undefined) {
      this.#queued = event;
      return;
    }
    this.#pendingNext = undefined;
    this.#sendEvent(pending, event);
  }

  /** Closes the server and every connection. */
  async close(): Promise<void> {
    this.#pendingNext?.destroy();
    this.#pendingNext = undefined;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #sendEvent(response: ServerResponse, event: RuntimeEvent): void {
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': event.payload.length,
      [RUNTIME_HEADERS.requestId]: event.requestId,
      [RUNTIME_HEADERS.deadlineMs]: String(event.deadlineMs),
      [RUNTIME_HEADERS.invokedFunctionArn]: event.invokedFunctionArn,
      [RUNTIME_HEADERS.traceId]: event.traceId,
    };
    if (event.clientContext !== undefined) headers[RUNTIME_HEADERS.clientContext] = event.clientContext;
    response.writeHead(HTTP.ok, headers);
    response.end(event.payload);
  }

  async #route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (request.method === 'GET' && path === `${PREFIX}/invocation/next`) {
      this.#listener.onNext({ cpuTimeUs: cpuHeader(request), at: performance.now() });
      const queued = this.#queued;
      if (queued !== undefined) {
        this.#queued = undefined;
        this.#sendEvent(response, queued);
      } else {
        this.#pendingNext = response;
        response.on('close', () => {
          if (this.#pendingNext === response) this.#pendingNext = undefined;
        });
      }
      return;
    }
    if (request.method === 'POST' && path === `${PREFIX}/init/error`) {
      const { body, tooLarge } = await readBody(request);
      reply(response, HTTP.accepted, { status: 'OK' });
      this.#listener.onPost({
        kind: 'init-error',
        body,
        tooLarge,
        errorType: errorTypeHeader(request),
        cpuTimeUs: cpuHeader(request),
        receivedAt: performance.now(),
      });
      return;
    }
    const match = request.method === 'POST' ? INVOCATION_ROUTE.exec(path) : null;
    if (match !== null) {
      const requestId = decodeURIComponent(match[1] ?? '');
      const kind = match[2] === 'response' ? 'response' : 'error';
      const { body, tooLarge } = await readBody(request);
      const receivedAt = performance.now();
      if (!this.#open.delete(requestId)) {
        reply(response, HTTP.badRequest, {
          errorMessage: `Invalid request ID: ${requestId}`,
          errorType: 'InvalidRequestID',
        });
        return;
      }
      if (tooLarge && kind === 'response') {
        reply(response, HTTP.tooLarge, {
          errorMessage: `Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
          errorType: 'RequestEntityTooLarge',
        });
      } else {
        reply(response, HTTP.accepted, { status: 'OK' });
      }
      const eventCpuTimeUs = cpuHeader(request, RUNTIME_HEADERS.eventCpuTimeUs);
      this.#listener.onPost({
        kind,
        requestId,
        body,
        tooLarge,
        errorType: errorTypeHeader(request),
        cpuTimeUs: cpuHeader(request),
        receivedAt,
        ...(eventCpuTimeUs === undefined ? {} : { eventCpuTimeUs }),
      });
      return;
    }
    reply(response, HTTP.notFound, { errorMessage: `No route ${request.method ?? ''} ${path}`, errorType: 'NotFound' });
  }
}

export { RuntimeApiServer };
export type { RuntimeApiListener, RuntimeEvent, RuntimePost };
