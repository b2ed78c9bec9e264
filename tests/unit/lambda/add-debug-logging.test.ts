import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDebugLogging } from '../../../src/lambda/index.js';

// A Lambda endpoint on loopback that throttles the first request of each
// operation once, then answers: enough to see each attempt of each call.
let server: Server;
let endpoint: string;
const seen = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const key = `${request.method} ${request.url}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    request.resume();
    if (count === 1) {
      response.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
      response.end(JSON.stringify({ message: 'Rate exceeded' }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      request.method === 'POST'
        ? JSON.stringify({ echoed: 'top-secret-response' })
        : JSON.stringify({ FunctionName: 'fn', MemorySize: 256 }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Function: addDebugLogging', () => {
  it('logs every attempt of every call with operation, region, attempt, time and status — and no key, payload or response', async () => {
    // Prepare
    const lines: string[] = [];
    const client = new LambdaClient({
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDDEBUGTEST', secretAccessKey: 'debug-secret-key' },
      maxAttempts: 3,
    });
    addDebugLogging({ client, log: (line) => lines.push(line) });
    // Act
    await client.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }));
    await client.send(
      new InvokeCommand({ FunctionName: 'fn', Payload: Buffer.from('{"card":"4111-secret-payload"}') }),
    );
    client.destroy();
    // Assess
    expect(lines.map((line) => line.replace(/in \d+ ms/, 'in N ms'))).toEqual([
      '[debug] Lambda.GetFunctionConfiguration region=eu-west-1 attempt=1 → TooManyRequestsException (HTTP 429) in N ms',
      '[debug] Lambda.GetFunctionConfiguration region=eu-west-1 attempt=2 → HTTP 200 in N ms',
      '[debug] Lambda.Invoke region=eu-west-1 attempt=1 → TooManyRequestsException (HTTP 429) in N ms',
      '[debug] Lambda.Invoke region=eu-west-1 attempt=2 → HTTP 200 in N ms',
    ]);
    expect(lines.join('\n')).not.toMatch(/AKIDDEBUGTEST|debug-secret-key|4111-secret-payload|top-secret-response/);
  });
});
