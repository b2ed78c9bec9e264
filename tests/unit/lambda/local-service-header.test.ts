import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSdkLambdaPort } from '../../../src/lambda/index.js';

const LOG = Buffer.from(
  'START RequestId: r1 Version: 1\nEND RequestId: r1\nREPORT RequestId: r1\tDuration: 10.00 ms\tBilled Duration: 10 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n',
).toString('base64');

let server: Server | undefined;

/** A one-route Invoke endpoint on 127.0.0.1 that answers with these extra headers. */
const startInvokeEndpoint = async (headers: Record<string, string>): Promise<string> => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-amz-log-result': LOG,
        'x-amz-executed-version': '1',
        ...headers,
      });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
};

afterEach(async () => {
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

const portFor = (endpoint: string): ReturnType<typeof createSdkLambdaPort> =>
  createSdkLambdaPort({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    env: {},
  });

describe('Function: createSdkLambdaPort — local service headers on Invoke', () => {
  it('returns what the local service says in x-powertune-emulator and x-powertune-admission-wait-ms', async () => {
    // Prepare
    const endpoint = await startInvokeEndpoint({
      'x-powertune-emulator': 'virtual-time (durations scaled by CPU time), 2 host cores',
      'x-powertune-admission-wait-ms': '12.5',
    });
    // Act
    const outcome = await portFor(endpoint).invoke({ functionName: 'fn', qualifier: 'pt-x-128' });
    // Assess
    expect(outcome.payload).toBe('{"ok":true}');
    expect(outcome.localService).toEqual({
      description: 'virtual-time (durations scaled by CPU time), 2 host cores',
      admissionWaitMs: 12.5,
    });
  });

  it('leaves localService out when the answer carries no such header, as from AWS', async () => {
    // Prepare
    const endpoint = await startInvokeEndpoint({});
    // Act
    const outcome = await portFor(endpoint).invoke({ functionName: 'fn' });
    // Assess
    expect(outcome.log).toContain('REPORT RequestId: r1');
    expect(outcome.localService).toBeUndefined();
  });
});
