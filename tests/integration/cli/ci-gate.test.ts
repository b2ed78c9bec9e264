/**
 * The GitHub Action (action.yml) runs scripts/ci-gate.sh; this runs that
 * script's commands against two saved results, without GitHub: with no
 * token it prints the comment it would post; with a token it posts it to the
 * API URL it is given (here a server on 127.0.0.1).
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = new URL('../../../', import.meta.url).pathname;
const SCRIPT = join(ROOT, 'scripts/ci-gate.sh');
const fixture = (name: string): string => join(ROOT, 'tests/fixtures/results', `${name}.json`);
/** The CLI from the sources (no build needed), as the action's `powertune` input would name it. */
const POWERTUNE = `node --import ${createRequire(import.meta.url).resolve('tsx')} ${join(ROOT, 'src/bin/powertune.ts')}`;

interface GateRun {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;

const runGate = (env: Record<string, string>): Promise<GateRun> =>
  new Promise((resolve) => {
    execFile(
      'bash',
      [SCRIPT],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: dir, POWERTUNE, PT_OUT_DIR: join(dir, 'out'), ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
      },
    );
  });

/** The x86_64 fixture with every size twice as slow and dear: a regression `check` must catch. */
const STAT_FIELDS = ['mean', 'trimmedMean', 'min', 'max', 'p50', 'p90', 'p95', 'p99', 'stddev'] as const;
const writeRegressed = async (path: string): Promise<void> => {
  const result = JSON.parse(await readFile(fixture('x86_64'), 'utf8')) as { sizes: Array<Record<string, unknown>> };
  for (const size of result.sizes) {
    for (const key of ['averageDuration', 'averagePrice', 'totalCost', 'costPerMillion'])
      size[key] = (size[key] as number) * 2;
    for (const series of [size.duration, size.billedDuration] as Array<Record<string, unknown>>) {
      for (const key of STAT_FIELDS) series[key] = (series[key] as number) * 2;
      series.ci95 = (series.ci95 as number[]).map((bound) => bound * 2);
    }
  }
  await writeFile(path, JSON.stringify(result));
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'powertune-ci-gate-'));
  await writeRegressed(join(dir, 'regressed.json'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('File: action.yml', () => {
  it('is a composite action whose gate step runs scripts/ci-gate.sh with its inputs', async () => {
    // Act
    const action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as {
      runs: { using: string; steps: Array<{ id?: string; run?: string; env?: Record<string, string> }> };
      inputs: Record<string, unknown>;
    };
    // Assess
    expect(action.runs.using).toBe('composite');
    const gate = action.runs.steps.find((step) => step.id === 'gate');
    expect(gate?.run).toBe('bash "$GITHUB_ACTION_PATH/scripts/ci-gate.sh"');
    expect(Object.keys(gate?.env ?? {})).toEqual(
      expect.arrayContaining(['POWERTUNE', 'PT_FUNCTION', 'PT_BASELINE', 'PT_BASE_REF', 'GITHUB_TOKEN']),
    );
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['function', 'baseline', 'github-token']));
  });
});

describe('File: scripts/ci-gate.sh', () => {
  it('passes two comparable results, and without a token prints the comment it would post', async () => {
    // Act
    const run = await runGate({ PT_CURRENT: fixture('x86_64'), PT_BASELINE: fixture('x86_64') });
    // Assess
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('no GITHUB_TOKEN, GITHUB_REPOSITORY or pull request number: not posting');
    expect(run.stdout).toContain('### ✅ powertune check passed');
    expect(run.stdout).toContain('check passed at 1,024 MB');
    // The Markdown report follows the check.
    expect(run.stdout).toMatch(/\| *Memory *\|/);
    expect(await readFile(join(dir, 'out', 'comment.md'), 'utf8')).toBe(run.stdout);
  });

  it('fails (exit 1) on a regression and says why in the comment', async () => {
    const run = await runGate({ PT_CURRENT: join(dir, 'regressed.json'), PT_BASELINE: fixture('x86_64') });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('### ❌ powertune check failed');
    expect(run.stdout).toContain('✗ average duration at 1,024 MB +100.0%: beyond the 40.0% limit');
  });

  it('posts the comment on the pull request with the token, and writes the step summary and outputs', async () => {
    // Prepare
    const requests: Array<{ method?: string; url?: string; auth?: string; body: string }> = [];
    const server: Server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push({ method: request.method, url: request.url, auth: request.headers.authorization, body });
        response.writeHead(201, { 'content-type': 'application/json' }).end('{"id":1}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // Act
      const run = await runGate({
        PT_CURRENT: fixture('x86_64'),
        PT_BASELINE: fixture('x86_64'),
        GITHUB_TOKEN: 'test-token',
        GITHUB_REPOSITORY: 'octo/app',
        GITHUB_API_URL: `http://127.0.0.1:${port}`,
        PT_PR_NUMBER: '7',
        GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
        GITHUB_OUTPUT: join(dir, 'output.txt'),
      });
      // Assess
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('posted the report on pull request #7');
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({
        method: 'POST',
        url: '/repos/octo/app/issues/7/comments',
        auth: 'Bearer test-token',
      });
      const comment = await readFile(join(dir, 'out', 'comment.md'), 'utf8');
      expect(JSON.parse(requests[0]?.body ?? '{}')).toEqual({ body: comment });
      expect(await readFile(join(dir, 'summary.md'), 'utf8')).toBe(comment);
      expect(await readFile(join(dir, 'output.txt'), 'utf8')).toContain('passed=true\n');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('tunes the handler here and at the base ref on the embedded service, then checks one against the other', async () => {
    // Prepare: a repository whose main branch has the handler; the working tree changes it.
    const repo = join(dir, 'repo');
    const git = (...args: string[]): Promise<string> =>
      new Promise((resolve, reject) => {
        execFile('git', ['-C', repo, ...args], { env: { PATH: process.env.PATH ?? '', HOME: dir } }, (error, stdout) =>
          error === null ? resolve(stdout) : reject(error),
        );
      });
    await mkdir(join(repo, 'src'), { recursive: true });
    await writeFile(join(repo, 'src', 'handler.mjs'), 'export const handler = async () => ({ ok: 1 });\n');
    await git('init', '--quiet', '--initial-branch=main');
    await git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
    await git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'handler');
    await writeFile(join(repo, 'src', 'handler.mjs'), 'export const handler = async () => ({ ok: 2 });\n');
    // Act
    const run = await new Promise<GateRun>((resolve) => {
      execFile(
        'bash',
        [SCRIPT],
        {
          cwd: repo,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: dir,
            POWERTUNE,
            PT_OUT_DIR: join(dir, 'out-ref'),
            PT_FUNCTION: 'src/handler.mjs',
            PT_BASE_REF: 'main',
            PT_NUM: '5',
            PT_POWER_VALUES: '128,256',
          },
          timeout: 120_000,
        },
        (error, stdout, stderr) =>
          resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
      );
    });
    // Assess: both tunings ran and were compared (pass or fail is the machine's business, not this test's).
    expect([0, 1], run.stderr).toContain(run.code);
    const current = JSON.parse(await readFile(join(dir, 'out-ref', 'current.json'), 'utf8')) as {
      sizes: Array<{ value: number }>;
    };
    const baseline = JSON.parse(await readFile(join(dir, 'out-ref', 'baseline.json'), 'utf8')) as {
      sizes: Array<{ value: number }>;
    };
    expect(current.sizes.map((size) => size.value)).toEqual([128, 256]);
    expect(baseline.sizes.map((size) => size.value)).toEqual([128, 256]);
    expect(run.stdout).toMatch(/### (✅|❌) powertune check (passed|failed)/);
    // The temporary worktree of the base ref is gone.
    expect((await git('worktree', 'list')).trim().split('\n')).toHaveLength(1);
  }, 150_000);

  it.each([
    [
      { PT_CURRENT: fixture('x86_64') },
      'PT_BASELINE or PT_BASE_REF: expected a baseline result file or a git ref to tune; got neither',
    ],
    [
      { PT_CURRENT: fixture('x86_64'), PT_BASELINE: 'missing.json' },
      "PT_BASELINE: no such file: missing.json (commit a result from 'powertune tune --out FILE', or set PT_BASE_REF instead)",
    ],
    [
      { PT_BASELINE: fixture('x86_64') },
      'PT_FUNCTION: expected the handler file to tune (e.g. src/handler.mjs); got nothing',
    ],
  ])('exits 2 with one message for bad settings %o', async (env, message) => {
    const run = await runGate(env);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`powertune ci-gate: ${message}\n`);
  });
});
