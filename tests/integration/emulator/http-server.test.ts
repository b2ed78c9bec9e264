import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNodeListener, startEmulator } from '../../../src/emulator/http-server.js';
import { EmulatorStartError } from '../../../src/emulator/errors.js';
import { createZip } from '../../../src/emulator/zip.js';
import { FakeExecutionBackend } from '../../helpers/fake-execution-backend.js';

function recordingLogger(): {
  info: string[];
  warn: string[];
  logger: { info(m: string): void; warn(m: string): void };
} {
  const info: string[] = [];
  const warn: string[] = [];
  return { info, warn, logger: { info: (m) => void info.push(m), warn: (m) => void warn.push(m) } };
}

describe('Function: startEmulator', () => {
  it('listens on 127.0.0.1 by default, announces the CPU mode, and serves the Lambda API', async () => {
    // Prepare
    const { info, warn, logger } = recordingLogger();
    const emulator = await startEmulator({ backend: new FakeExecutionBackend(), logger });
    try {
      // Act
      const response = await fetch(`${emulator.endpoint}/2015-03-31/functions/missing`);

      // Assess
      expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(response.status).toBe(404);
      expect(response.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
      expect(info.join('\n')).toContain(
        `powertune emulator listening on ${emulator.endpoint} (CPU: virtual-time: durations scaled by CPU time, 2 host cores)`,
      );
      expect(warn).toEqual([]);
      expect(emulator.cpu).toMatchObject({ mode: 'virtual-time', model: 'virtual-time', hostCores: 2 });
    } finally {
      await emulator.stop();
    }
  });

  it('stops the server, the backend and removes unzipped code; stop() twice is harmless', async () => {
    // Prepare
    const backend = new FakeExecutionBackend();
    const emulator = await startEmulator({ backend, updateDelayMs: 0, logger: recordingLogger().logger });
    const zip = createZip([{ path: 'index.mjs', data: Buffer.from('x') }]).toString('base64');
    await fetch(`${emulator.endpoint}/2015-03-31/functions`, {
      method: 'POST',
      body: JSON.stringify({
        FunctionName: 'f',
        Role: 'arn:aws:iam::123456789012:role/r',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: zip },
      }),
    });
    await fetch(`${emulator.endpoint}/2015-03-31/functions/f/invocations`, { method: 'POST', body: '{}' });
    const codeDir = backend.requests[0]!.fn.codeDir;

    // Act
    await Promise.all([emulator.stop(), emulator.stop()]);

    // Assess
    expect(backend.stopped).toBe(true);
    expect(existsSync(codeDir)).toBe(false);
    await expect(fetch(`${emulator.endpoint}/2015-03-31/functions`)).rejects.toThrow();
  });

  it('warns before listening on a non-loopback address, and throws EmulatorStartError (stopping the backend) when it cannot bind', async () => {
    // Prepare: 192.0.2.1 is TEST-NET-1, never assigned to this machine; a function logger gets every line
    const lines: string[] = [];
    const backend = new FakeExecutionBackend();

    // Act
    const error = await startEmulator({ backend, host: '192.0.2.1', logger: (line) => void lines.push(line) }).catch(
      (caught: unknown) => caught,
    );

    // Assess
    expect(lines.join('\n')).toMatch(/^warning: the emulator is listening on 192\.0\.2\.1, not on loopback/);
    expect(error).toBeInstanceOf(EmulatorStartError);
    expect((error as EmulatorStartError).host).toBe('192.0.2.1');
    expect(backend.stopped).toBe(true);
  });

  it('throws EmulatorStartError naming the port when it is taken', async () => {
    const first = await startEmulator({ backend: new FakeExecutionBackend(), logger: recordingLogger().logger });
    try {
      const error = await startEmulator({
        backend: new FakeExecutionBackend(),
        port: first.port,
        logger: recordingLogger().logger,
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(EmulatorStartError);
      expect((error as Error).message).toContain(`127.0.0.1:${first.port}`);
    } finally {
      await first.stop();
    }
  });
});

describe('Function: createNodeListener', () => {
  it('returns 413 RequestTooLargeException without buffering a body over the limit', async () => {
    // Prepare
    let called = 0;
    const server = createServer(
      createNodeListener({
        fetch: async () => {
          called += 1;
          return new Response('ok');
        },
        maxBodyBytes: 1000,
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // Act
      const response = await fetch(`http://127.0.0.1:${port}/x`, { method: 'POST', body: 'a'.repeat(2000) });

      // Assess
      expect(response.status).toBe(413);
      expect(response.headers.get('x-amzn-errortype')).toBe('RequestTooLargeException');
      expect(called).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('passes method, path, query, headers and body through to the handler', async () => {
    let seen: { method: string; url: string; header: string | null; body: string } | undefined;
    const server = createServer(
      createNodeListener({
        fetch: async (request) => {
          seen = {
            method: request.method,
            url: request.url,
            header: request.headers.get('x-amz-log-type'),
            body: await request.text(),
          };
          return new Response(null, { status: 204, headers: { 'x-amz-executed-version': '3' } });
        },
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/2015-03-31/functions/f/invocations?Qualifier=live`, {
        method: 'POST',
        headers: { 'X-Amz-Log-Type': 'Tail' },
        body: '{"a":1}',
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('x-amz-executed-version')).toBe('3');
      expect(seen).toEqual({
        method: 'POST',
        url: `http://127.0.0.1:${port}/2015-03-31/functions/f/invocations?Qualifier=live`,
        header: 'Tail',
        body: '{"a":1}',
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('Function: startEmulator (keep-alive)', () => {
  it("keeps an idle keep-alive connection open past Node's 5 s default, so a reusing SDK client never meets a reset socket", async () => {
    // Prepare
    const emulator = await startEmulator({
      backend: new FakeExecutionBackend(),
      announce: false,
      logger: () => undefined,
    });
    const { Agent, get } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const localPort = (): Promise<number> =>
      new Promise((resolve, reject) => {
        get(`${emulator.endpoint}/2015-03-31/functions`, { agent }, (res) => {
          // Read the port now: after 'end' the socket goes back to the agent.
          const port = res.socket.localPort ?? -1;
          res.resume();
          res.on('end', () => resolve(port));
        }).on('error', reject);
      });
    try {
      // Act: one request, 7 s idle (Node closes idle sockets after 5 s plus a grace period), another request
      const first = await localPort();
      await new Promise((resolve) => setTimeout(resolve, 7_000));
      const second = await localPort();
      // Assess: the same socket served both (the server did not close it while idle)
      expect(second).toBe(first);
    } finally {
      agent.destroy();
      await emulator.stop();
    }
  }, 15_000);
});
