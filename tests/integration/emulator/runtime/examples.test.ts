import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createExecutionBackend } from '../../../../src/emulator/runtime/index.js';
import type { ExecutionBackend, InvokeResult } from '../../../../src/emulator/runtime/index.js';
import { snapshot } from './function-fixtures.js';

const examples = fileURLToPath(new URL('../../../../examples/functions/', import.meta.url));

const hasNumpy = ((): boolean => {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let backend: ExecutionBackend;

beforeAll(async () => {
  backend = await createExecutionBackend();
});

afterAll(async () => {
  await backend.stop();
});

const run = async (
  name: string,
  event: unknown,
  runtime = 'nodejs20.x',
  handler = 'index.handler',
): Promise<InvokeResult> => {
  const result = await backend.invoke({
    fn: snapshot({
      codeDir: `${examples}${name}`,
      runtime,
      handler,
      functionName: name,
      functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    }),
    payload: Buffer.from(JSON.stringify(event)),
    requestId: randomUUID(),
  });
  expect(result.functionError, result.payload.toString()).toBeUndefined();
  return result;
};

const answer = (result: InvokeResult): Record<string, unknown> =>
  JSON.parse(result.payload.toString()) as Record<string, unknown>;

describe("Examples: the article's six patterns", () => {
  it.each([
    ['noop', {}, { statusCode: 200 }],
    ['prime-sieve', { limit: 1_000_000, rounds: 1 }, { limit: 1_000_000, rounds: 1, primes: 78_498 }],
    ['prime-sieve', {}, { limit: 5_000_000, rounds: 3, primes: 348_513 }],
    ['prime-sieve-parallel', { limit: 1_000_000, threads: 3 }, { limit: 1_000_000, threads: 3, primes: 78_498 }],
    ['network-call', { latencyMs: 5 }, { latencyMs: 5, quote: 'The network is the computer.' }],
    ['db-queries', { latencyMs: 2 }, { queries: 3, rows: 3 }],
    ['large-download', { sizeMB: 4, connections: 3 }, { sizeMB: 4, connections: 3, bytes: 4 * 1024 * 1024 }],
  ])('runs %s with %j and answers correctly', async (name, event, expected) => {
    expect(answer(await run(name, event))).toEqual(expected);
  });

  it('inverts a matrix in plain JavaScript (the inverse of the identity-like result has a finite trace)', async () => {
    const result = answer(await run('matrix-inversion', { size: 40 }));

    expect(result.size).toBe(40);
    expect(Number.isFinite(result.trace)).toBe(true);
  });

  it('waits about the configured latency in the network-bound examples (three queries take three latencies)', async () => {
    await run('db-queries', { latencyMs: 40 });
    const result = await run('db-queries', { latencyMs: 40 });

    expect(result.report.durationMs).toBeGreaterThanOrEqual(120);
  });

  it(
    hasNumpy
      ? 'inverts a matrix with numpy in Python'
      : 'answers "skipped" for the numpy example when the host has no numpy (numpy absent: notice)',
    async () => {
      const result = answer(await run('matrix-inversion-numpy', { size: 50 }, 'python3.12', 'index.handler'));

      if (hasNumpy) {
        expect(result.size).toBe(50);
        expect(Number.isFinite(result.trace)).toBe(true);
      } else {
        expect(result.skipped).toMatch(/numpy is not installed/);
      }
    },
  );
});
