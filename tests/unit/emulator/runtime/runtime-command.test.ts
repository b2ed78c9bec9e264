import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { BootstrapNotFoundError, UnsupportedRuntimeError } from '../../../../src/emulator/runtime/errors.js';
import {
  isSupportedRuntime,
  resolveBootstrap,
  resolveRuntimeCommand,
} from '../../../../src/emulator/runtime/runtime-command.js';

const binDir = mkdtempSync(join(tmpdir(), 'pt-bin-'));

afterAll(() => {
  rmSync(binDir, { recursive: true, force: true });
});

describe('Function: isSupportedRuntime', () => {
  it.each([
    ['nodejs20.x', true],
    ['nodejs22.x', true],
    ['python3.12', true],
    ['python3.9', true],
    ['java21', false],
    ['provided.al2023', false],
    ['nodejs', false],
  ])('answers %s → %s', (runtime, expected) => {
    expect(isSupportedRuntime(runtime)).toBe(expected);
  });
});

describe('Function: resolveRuntimeCommand', () => {
  it('runs Node.js runtimes with this Node.js, the shipped bootstrap and a heap sized from memory', () => {
    const command = resolveRuntimeCommand({ runtime: 'nodejs22.x', memorySizeMB: 1024 });

    expect(command.command).toBe(process.execPath);
    expect(command.args[0]).toBe('--max-old-space-size=921');
    expect(command.args[1]).toMatch(/bootstrap\/node-bootstrap\.mjs$/);
    expect(command.executionEnv).toBe('AWS_Lambda_nodejs22.x');
  });

  it('prefers python3.<minor> on PATH, else python3', () => {
    // Prepare
    mkdirSync(join(binDir, 'a'), { recursive: true });
    for (const name of ['python3.12', 'python3']) {
      writeFileSync(join(binDir, 'a', name), '#!/bin/sh\n');
      chmodSync(join(binDir, 'a', name), 0o755);
    }

    // Act
    const exact = resolveRuntimeCommand({ runtime: 'python3.12', memorySizeMB: 128, hostPath: join(binDir, 'a') });
    const fallback = resolveRuntimeCommand({ runtime: 'python3.13', memorySizeMB: 128, hostPath: join(binDir, 'a') });

    // Assess
    expect(exact.command).toBe(join(binDir, 'a', 'python3.12'));
    expect(fallback.command).toBe(join(binDir, 'a', 'python3'));
    expect(fallback.args).toEqual(['-u', expect.stringMatching(/bootstrap\/python-bootstrap\.py$/)]);
  });

  it('runs the real interpreter behind a version-manager shim, which needs the host environment', () => {
    // Prepare: a shim that, like pyenv's, answers sys.executable with the real binary.
    mkdirSync(join(binDir, 'shims'), { recursive: true });
    writeFileSync(join(binDir, 'shims', 'python3'), '#!/bin/sh\necho /opt/pythons/3.12/bin/python3.12\n');
    chmodSync(join(binDir, 'shims', 'python3'), 0o755);

    // Act
    const command = resolveRuntimeCommand({
      runtime: 'python3.12',
      memorySizeMB: 128,
      hostPath: join(binDir, 'shims'),
    });

    // Assess
    expect(command.command).toBe('/opt/pythons/3.12/bin/python3.12');
  });

  it('refuses a runtime it cannot run, naming the ones it can', () => {
    expect(() => resolveRuntimeCommand({ runtime: 'java21', memorySizeMB: 128 })).toThrow(UnsupportedRuntimeError);
    expect(() => resolveRuntimeCommand({ runtime: 'java21', memorySizeMB: 128 })).toThrow(/nodejs\*\.x .* python3\.\*/);
  });
});

describe('Function: resolveBootstrap', () => {
  it('tells where it looked when the bootstrap is missing (a build that did not copy it)', () => {
    expect(() => resolveBootstrap('node', [join(binDir, 'nowhere')])).toThrow(BootstrapNotFoundError);
  });
});
