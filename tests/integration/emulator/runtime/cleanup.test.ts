import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createExecutionBackend } from '../../../../src/emulator/runtime/index.js';
import { childrenOf, cpuGroupsOf, isAlive, removeFixtures, snapshot, writeFixtures } from './function-fixtures.js';

let root: string;

beforeAll(() => {
  root = writeFixtures();
});

afterAll(() => {
  removeFixtures(root);
});

const pidOf = (payload: Buffer): number => (JSON.parse(payload.toString()) as { pid: number }).pid;

/** Waits (bounded) until a condition holds. */
const eventually = async (condition: () => boolean, timeoutMs = 5000): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await sleep(25);
  }
  return condition();
};

describe('Function: createExecutionBackend — nothing left behind', () => {
  it('stop() kills every environment, busy or idle, and removes every CPU group', async () => {
    // Prepare
    const backend = await createExecutionBackend();
    const fn = snapshot({ codeDir: join(root, 'esm'), handler: 'index.pid' });
    const idle = pidOf((await backend.invoke({ fn, payload: Buffer.from('{}'), requestId: randomUUID() })).payload);
    const busy = backend.invoke({
      fn: { ...fn, handler: 'index.sleep' },
      payload: Buffer.from('{"ms":30000}'),
      requestId: randomUUID(),
    });
    await sleep(800);
    expect(childrenOf(process.pid).length).toBeGreaterThanOrEqual(2);

    // Act
    await backend.stop();
    const busyResult = await busy;

    // Assess
    expect(isAlive(idle)).toBe(false);
    expect(childrenOf(process.pid)).toEqual([]);
    expect(busyResult.functionError).toBe('Unhandled');
    expect(cpuGroupsOf(process.pid)).toEqual([]);
    await expect(backend.invoke({ fn, payload: Buffer.from('{}'), requestId: randomUUID() })).rejects.toThrow(
      /stopped/,
    );
  });

  it('removes the environment and its CPU group after a handler crash', async () => {
    const backend = await createExecutionBackend();
    const fn = snapshot({ codeDir: join(root, 'esm'), handler: 'index.crash' });

    const result = await backend.invoke({ fn, payload: Buffer.from('{}'), requestId: randomUUID() });

    expect(result.functionError).toBe('Unhandled');
    expect(await eventually(() => childrenOf(process.pid).length === 0)).toBe(true);
    if (backend.cpu.mode === 'cgroup-v1') {
      const [group] = cpuGroupsOf(process.pid);
      const environmentGroups = readdirSync(join('/sys/fs/cgroup/cpu', group ?? '')).filter((name) =>
        name.startsWith('env-'),
      );
      expect(
        await eventually(() =>
          environmentGroups.every((name) => !existsSync(join('/sys/fs/cgroup/cpu', group ?? '', name))),
        ),
      ).toBe(true);
    }
    await backend.stop();
    expect(cpuGroupsOf(process.pid)).toEqual([]);
  });

  it('stops idle environments after maxIdleMsPerEnvironment', async () => {
    const backend = await createExecutionBackend({ maxIdleMsPerEnvironment: 200 });
    const fn = snapshot({ codeDir: join(root, 'esm'), handler: 'index.pid' });
    const pid = pidOf((await backend.invoke({ fn, payload: Buffer.from('{}'), requestId: randomUUID() })).payload);

    const reaped = await eventually(() => !isAlive(pid), 3000);
    const next = await backend.invoke({ fn, payload: Buffer.from('{}'), requestId: randomUUID() });
    await backend.stop();

    expect(reaped).toBe(true);
    expect(next.report.initDurationMs).toBeDefined();
  });

  it('kills every environment and removes its CPU groups when the host process gets SIGTERM', async () => {
    // Prepare
    const script = fileURLToPath(new URL('./fixtures/host-process.mts', import.meta.url));
    const host = spawn(process.execPath, ['--import', 'tsx', script, join(root, 'esm')], {
      cwd: fileURLToPath(new URL('../../../../', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const firstLine = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: host.stdout });
      lines.once('line', resolve);
      host.once('exit', (code) => reject(new Error(`host exited early with ${String(code)}`)));
    });
    const { hostPid, pids, mode } = JSON.parse(firstLine) as { hostPid: number; pids: number[]; mode: string };
    const everyEnvironment = [...pids, ...childrenOf(hostPid)];
    expect(everyEnvironment.length).toBeGreaterThanOrEqual(3);
    if (mode === 'cgroup-v1') expect(cpuGroupsOf(hostPid)).toHaveLength(1);

    // Act
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      host.once('exit', (_code, signal) => resolve(signal)),
    );
    host.kill('SIGTERM');
    const signal = await exited;

    // Assess
    expect(signal).toBe('SIGTERM');
    expect(await eventually(() => everyEnvironment.every((pid) => !isAlive(pid)))).toBe(true);
    expect(cpuGroupsOf(hostPid)).toEqual([]);
  });
});
