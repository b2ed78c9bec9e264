/**
 * Drives the emulator's `fetch` handler without a socket: a fake clock, the
 * fake execution backend, and small helpers to call routes and read replies.
 */

import { createZip } from '../../src/emulator/zip.js';
import { createLambdaService } from '../../src/emulator/create-lambda-service.js';
import type { LambdaService, LambdaServiceOptions } from '../../src/emulator/types.js';
import { FakeExecutionBackend } from './fake-execution-backend.js';
import type { FakeExecutionBackendOptions } from './fake-execution-backend.js';

const BASE = 'http://lambda.test';
const ROLE = 'arn:aws:iam::123456789012:role/powertune-test';

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when empty). */
  body: Record<string, unknown> | undefined;
}

interface Harness {
  service: LambdaService;
  backend: FakeExecutionBackend;
  clock: { now(): number; advance(ms: number): void };
  call(
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> },
  ): Promise<Reply>;
  /** CreateFunction with sensible defaults, then lets the Pending state pass. */
  createFunction(name: string, overrides?: Record<string, unknown>): Promise<Reply>;
  /** Lets asynchronous updates complete. */
  settle(): void;
}

const UPDATE_DELAY_MS = 100;

function zipOf(source: string): string {
  return createZip([{ path: 'index.mjs', data: Buffer.from(source) }]).toString('base64');
}

function createHarness({
  backend: backendOptions,
  ...options
}: Partial<Omit<LambdaServiceOptions, 'backend'>> & { backend?: FakeExecutionBackendOptions } = {}): Harness {
  let now = Date.UTC(2025, 0, 1);
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
  const backend = new FakeExecutionBackend(backendOptions);
  const service = createLambdaService({
    backend,
    clock,
    updateDelayMs: UPDATE_DELAY_MS,
    logger: { info: () => undefined, warn: () => undefined },
    ...options,
  });
  const call: Harness['call'] = async (method, path, { body, rawBody, headers = {} } = {}) => {
    const init: RequestInit = { method, headers };
    if (rawBody !== undefined) init.body = typeof rawBody === 'string' ? rawBody : new Uint8Array(rawBody);
    else if (body !== undefined) init.body = JSON.stringify(body);
    const response = await service.fetch(new Request(`${BASE}${path}`, init));
    const text = await response.text();
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  };
  const settle = (): void => clock.advance(UPDATE_DELAY_MS);
  const createFunction: Harness['createFunction'] = async (name, overrides = {}) => {
    const reply = await call('POST', '/2015-03-31/functions', {
      body: {
        FunctionName: name,
        Role: ROLE,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zipOf(`export const handler = async () => '${name}';`) },
        ...overrides,
      },
    });
    settle();
    return reply;
  };
  return { service, backend, clock, call, createFunction, settle };
}

export { createHarness, ROLE, UPDATE_DELAY_MS, zipOf };
export type { Harness, Reply };
