/**
 * Lambda's runtime rules on the embedded service, for code the project
 * reader packaged: paths as Lambda shows them (/var/task, /opt), source-mapped
 * TypeScript stack traces, the working directory, and nodejs24.x refusing
 * callback-style handlers.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployHandlerFile, startEmulator, zipWithLayers } from '../../../src/emulator/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { loadLocalFunction } from '../../../src/project/index.js';
import type { FunctionDefinition } from '../../../src/project/index.js';

let emulator: RunningEmulator;
let work: string;

const write = (path: string, text: string): void => {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), text);
};

const deploy = async (definition: FunctionDefinition, runtime = definition.runtime): Promise<void> => {
  await deployHandlerFile({
    service: emulator.service,
    endpoint: emulator.endpoint,
    functionName: definition.name,
    runtime,
    handler: definition.handler,
    zip: zipWithLayers({ files: definition.files, layers: definition.layers }),
    environment: definition.environment,
    timeout: 10,
  });
};

const invoke = async (
  name: string,
  payload: unknown = {},
): Promise<{ error: string | null; body: Record<string, unknown> }> => {
  const response = await emulator.service.fetch(
    new Request(`${emulator.endpoint}/2015-03-31/functions/${name}/invocations`, {
      method: 'POST',
      body: JSON.stringify(payload),
    }),
  );
  return {
    error: response.headers.get('x-amz-function-error'),
    body: (await response.json()) as Record<string, unknown>,
  };
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'powertune-rules-'));
  emulator = await startEmulator({
    updateDelayMs: 20,
    logger: { info: () => undefined, warn: () => undefined },
    backendOptions: { handleSignals: false },
  });
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('Runtime rules for packaged projects', { timeout: 60_000 }, () => {
  it('shows /var/task paths and the TypeScript line in a stack trace, and runs in the code root', async () => {
    // Prepare
    write('ts/package.json', JSON.stringify({ type: 'module' }));
    write(
      'ts/src/handler.ts',
      [
        "import { boom } from './fail.js';",
        'export const handler = async (event: { fail?: boolean }): Promise<string> => {',
        '  if (event.fail === true) boom();',
        '  return process.cwd();',
        '};',
      ].join('\n'),
    );
    write(
      'ts/src/fail.ts',
      [
        '// a comment that shifts the lines',
        'export const boom = (): never => {',
        "  throw new Error('boom from ts');",
        '};',
      ].join('\n'),
    );
    const fn = await loadLocalFunction({ file: join(work, 'ts/src/handler.ts'), name: 'ts-rules', cwd: work });
    await deploy(fn);
    // Act
    const ok = await invoke('ts-rules');
    const failed = await invoke('ts-rules', { fail: true });
    // Assess
    expect(ok.error).toBeNull();
    // The working directory is the (real) code folder, so relative file reads work.
    expect(String(ok.body)).toMatch(/powertune-emulator-code-[^/]+\/[0-9a-f]{64}$/);
    expect(failed.error).toBe('Unhandled');
    const stack = (failed.body.stackTrace as string[]).join('\n');
    expect(stack).toMatch(/\/var\/task\/src\/fail\.ts:3:9/);
    expect(stack).toMatch(/\/var\/task\/src\/handler\.ts:3:/);
    expect(stack).not.toContain(work);
  });

  it('refuses a callback-style handler on nodejs24.x at init, and runs it on nodejs22.x', async () => {
    write('cb/index.mjs', 'export const handler = (event, context, callback) => callback(null, "called back");\n');
    const fn = await loadLocalFunction({ file: join(work, 'cb/index.mjs'), name: 'cb-22', cwd: work });
    await deploy(fn, 'nodejs22.x');
    await deploy({ ...fn, name: 'cb-24' }, 'nodejs24.x');
    expect(await invoke('cb-22')).toEqual({ error: null, body: 'called back' as unknown as Record<string, unknown> });
    const refused = await invoke('cb-24');
    expect(refused.error).toBe('Unhandled');
    expect(refused.body.errorType).toBe('Runtime.CallbackHandlerDeprecated');
    expect(refused.body.errorMessage).toMatch(
      /^ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node\.js 24\./,
    );
  });

  it("puts a layer's modules under /opt for require(), and shows /opt in its stack frames", async () => {
    write('layered/index.js', "const { fail } = require('opt-helper');\nexports.handler = async () => fail();\n");
    const fn = await loadLocalFunction({ file: join(work, 'layered/index.js'), name: 'layered', cwd: work });
    const layerFiles = [
      {
        path: 'nodejs/node_modules/opt-helper/index.js',
        data: Buffer.from("exports.fail = () => { throw new Error('from the layer'); };\n"),
      },
    ];
    await deploy({ ...fn, layers: [{ name: 'helper', files: layerFiles }] });
    const result = await invoke('layered');
    expect(result.body.errorMessage).toBe('from the layer');
    expect((result.body.stackTrace as string[]).join('\n')).toMatch(
      /\/opt\/nodejs\/node_modules\/opt-helper\/index\.js:1:/,
    );
  });
});
