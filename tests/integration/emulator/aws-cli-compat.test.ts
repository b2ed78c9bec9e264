/**
 * Drives the main routes of the emulator with the AWS CLI (`--endpoint-url`),
 * when the CLI is installed. Skipped with a visible notice otherwise.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { createZip } from '../../../src/emulator/zip.js';
import { FakeExecutionBackend } from '../../helpers/fake-execution-backend.js';

const run = promisify(execFile);

const hasAws = ((): boolean => {
  try {
    execFileSync('sh', ['-c', 'command -v aws'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasAws)
  console.warn(
    '[notice] AWS CLI not found (`command -v aws` failed): skipping the AWS CLI compatibility test of the emulator',
  );

const ROLE = 'arn:aws:iam::123456789012:role/powertune-test';
/** The CLI executable; behind a pyenv shim, the real script (the shim costs ~0.5 s per call). */
const awsBinary = ((): string => {
  if (!hasAws) return 'aws';
  try {
    return (
      execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || 'aws'
    );
  } catch {
    return 'aws';
  }
})();
/** AWS CLI v2 base64-decodes blob arguments unless told otherwise; v1 takes them raw and has no such option. */
const rawPayloadFlags = ((): string[] => {
  if (!hasAws) return [];
  const version = execFileSync(awsBinary, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return version.startsWith('aws-cli/1.') ? [] : ['--cli-binary-format', 'raw-in-base64-out'];
})();
let emulator: RunningEmulator;
let work: string;

async function aws(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      awsBinary,
      ['lambda', ...args, '--endpoint-url', emulator.endpoint, '--output', 'json'],
      {
        cwd: work,
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'x',
          AWS_SECRET_ACCESS_KEY: 'x',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(work, 'no-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-credentials'),
          AWS_MAX_ATTEMPTS: '1',
          AWS_PAGER: '',
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function awsJson(args: string[]): Promise<Record<string, unknown>> {
  const result = await aws(args);
  if (result.code !== 0) throw new Error(`aws lambda ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  if (!hasAws) return;
  work = mkdtempSync(join(tmpdir(), 'powertune-aws-cli-'));
  writeFileSync(
    join(work, 'function.zip'),
    createZip([{ path: 'index.mjs', data: Buffer.from('export const handler = async (e) => e;') }]),
  );
  emulator = await startEmulator({
    backend: new FakeExecutionBackend({
      respond: (request) => ({
        payload: JSON.stringify({ echo: JSON.parse(request.payload.toString()), memory: request.fn.memorySizeMB }),
      }),
    }),
    updateDelayMs: 50,
    logger: { info: () => undefined, warn: () => undefined },
  });
});

afterAll(async () => {
  await emulator?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('Function: startEmulator — AWS CLI compatibility', () => {
  it.skipIf(!hasAws)(
    'serves create, update, wait, publish, alias, invoke with Tail, errors and delete',
    async () => {
      // create-function from a zip file
      const created = await awsJson([
        'create-function',
        '--function-name',
        'cli',
        '--runtime',
        'nodejs22.x',
        '--handler',
        'index.handler',
        '--role',
        ROLE,
        '--zip-file',
        'fileb://function.zip',
      ]);
      expect(created).toMatchObject({ FunctionName: 'cli', Version: '$LATEST' });

      // update-function-configuration, then the v2 waiter
      await new Promise((resolve) => setTimeout(resolve, 100));
      const updated = await awsJson([
        'update-function-configuration',
        '--function-name',
        'cli',
        '--memory-size',
        '512',
      ]);
      expect(updated).toMatchObject({ MemorySize: 512, LastUpdateStatus: 'InProgress' });
      expect((await aws(['wait', 'function-updated-v2', '--function-name', 'cli'])).code).toBe(0);

      // publish-version, create-alias, get-function-configuration with qualifier
      const version = await awsJson(['publish-version', '--function-name', 'cli']);
      expect(version.Version).toBe('1');
      const alias = await awsJson([
        'create-alias',
        '--function-name',
        'cli',
        '--name',
        'live',
        '--function-version',
        '1',
      ]);
      expect(alias.AliasArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:cli:live');

      // invoke through the alias with a raw JSON payload and the log tail
      const invoked = await awsJson([
        'invoke',
        '--function-name',
        'cli',
        '--qualifier',
        'live',
        ...rawPayloadFlags,
        '--payload',
        '{"n":7}',
        '--log-type',
        'Tail',
        'out.json',
      ]);
      expect(invoked).toMatchObject({ StatusCode: 200, ExecutedVersion: '1' });
      expect(Buffer.from(String(invoked.LogResult), 'base64').toString()).toMatch(
        /REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 512 MB/,
      );
      expect(JSON.parse(readFileSync(join(work, 'out.json'), 'utf8'))).toEqual({ echo: { n: 7 }, memory: 512 });

      // an error (deleting a version an alias references) and a listing; independent, so in parallel
      const [conflict, versions] = await Promise.all([
        aws(['delete-function', '--function-name', 'cli', '--qualifier', '1']),
        awsJson(['list-versions-by-function', '--function-name', 'cli']),
      ]);
      expect(conflict.code).not.toBe(0);
      expect(conflict.stderr).toContain('ResourceConflictException');
      expect(conflict.stderr).toContain('Unable to delete version because the following aliases reference it: [live]');

      // clean up, and a not-found error
      expect((versions.Versions as Array<{ Version: string }>).map((v) => v.Version)).toEqual(['$LATEST', '1']);
      expect((await aws(['delete-alias', '--function-name', 'cli', '--name', 'live'])).code).toBe(0);
      expect((await aws(['delete-function', '--function-name', 'cli'])).code).toBe(0);
      const missing = await aws(['get-function', '--function-name', 'cli']);
      expect(missing.stderr).toContain('ResourceNotFoundException');
      expect(emulator.service.state().functions).toEqual([]);
    },
    60_000,
  );
});
