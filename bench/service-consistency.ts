/**
 * Does the local Lambda service give the same numbers whatever the path?
 * The same six-size `prime-sieve` tune, run through the three ways a user
 * reaches the service:
 * - `embedded`: `powertune tune --function examples/functions/prime-sieve/index.mjs`;
 * - `endpoint`: `powertune tune --endpoint-url …` against a standalone
 *   `powertune emulator` (its own process), as the README shows;
 * - `parallel`: the embedded path with `--parallel` (all invocations of a
 *   size at once: admission control must keep them uncontended).
 *
 * `withBusyCore` runs any of this with one host core kept busy by another
 * process (a `node` spin loop), the way other work on a shared machine does.
 *
 * Runs the built CLI (`dist/bin/powertune.js`): `npm run bench` builds first.
 *
 * @module bench/service-consistency
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type TunePath = 'embedded' | 'endpoint' | 'parallel';

interface PathRun {
  path: TunePath;
  run: number;
  power?: number;
  tiedWith?: number[];
  tieBand?: { percent: number; lowMB: number; highMB: number; metric: string };
  backend?: string;
  invocations?: number;
  wallMs: number;
  error?: string;
  /** Where the result JSON was kept (`keepResultsIn`). */
  resultFile?: string;
}

const CLI = fileURLToPath(new URL('../dist/bin/powertune.js', import.meta.url));
const SIEVE = fileURLToPath(new URL('../examples/functions/prime-sieve/index.mjs', import.meta.url));
const SIX_SIZES = '128,256,512,1024,1536,3008';
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
const EMULATOR_START_TIMEOUT_MS = 60_000;
const TUNE_TIMEOUT_MS = 15 * 60_000;

/** Credentials and region for the standalone service (it checks none); nothing of the shell's AWS_* leaks in. */
const cleanEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NO_COLOR: '1',
  };
};

const runCli = ({
  args,
  cwd,
}: {
  args: string[];
  cwd: string;
}): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGINT'), TUNE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });

/** Starts `powertune emulator` with prime-sieve deployed; resolves with its endpoint and a stop function. */
const startStandaloneEmulator = async ({
  work,
}: {
  work: string;
}): Promise<{ endpoint: string; stop: () => Promise<void> }> => {
  const functions = join(work, 'functions');
  mkdirSync(join(functions, 'prime-sieve'), { recursive: true });
  copyFileSync(SIEVE, join(functions, 'prime-sieve', 'index.mjs'));
  const child: ChildProcess = spawn(process.execPath, [CLI, 'emulator', '--port', '0', '--functions', functions], {
    cwd: work,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`powertune emulator did not start within ${EMULATOR_START_TIMEOUT_MS} ms: ${seen}`)),
      EMULATOR_START_TIMEOUT_MS,
    );
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk;
      const match = LISTENING.exec(seen);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (seen += chunk));
    child.on('close', (code) =>
      reject(new Error(`powertune emulator exited (${code ?? 'signal'}) before listening: ${seen}`)),
    );
  });
  return {
    endpoint,
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
};

/** What a tune's result JSON answered: the size, its tie band, the backend and the invocations made. */
type TuneAnswer = Pick<PathRun, 'power' | 'tiedWith' | 'tieBand' | 'backend' | 'invocations'>;

/**
 * Reads the answer from a tune's `--json` output (throws on unreadable JSON).
 *
 * @example
 * readTuneAnswer(stdout).power; // 1536
 */
const readTuneAnswer = (stdout: string): TuneAnswer => {
  const result = JSON.parse(stdout) as {
    power: number;
    recommendation?: { tiedWith?: number[]; tieBand?: PathRun['tieBand'] };
    run?: { backend?: string; totalInvocations?: number };
  };
  return {
    power: result.power,
    ...(result.run?.totalInvocations === undefined ? {} : { invocations: result.run.totalInvocations }),
    ...(result.recommendation?.tiedWith === undefined ? {} : { tiedWith: result.recommendation.tiedWith }),
    ...(result.recommendation?.tieBand === undefined ? {} : { tieBand: result.recommendation.tieBand }),
    ...(result.run?.backend === undefined ? {} : { backend: result.run.backend }),
  };
};

/** One six-size tune of prime-sieve through `path`; the recommendation and tie band from its JSON. */
const tuneOnce = async ({
  path,
  run,
  num,
  endpoint,
  work,
  keepResultsIn,
}: {
  path: TunePath;
  run: number;
  num: number;
  endpoint?: string;
  work: string;
  keepResultsIn?: string;
}): Promise<PathRun> => {
  const target =
    path === 'endpoint'
      ? ['--endpoint-url', endpoint ?? '', '--function', 'prime-sieve', '--region', 'us-east-1']
      : ['--function', SIEVE];
  const args = [
    'tune',
    ...target,
    '--power-values',
    SIX_SIZES,
    '--num',
    String(num),
    '--json',
    '--state-dir',
    join(work, 'state'),
    ...(path === 'parallel' ? ['--parallel'] : []),
  ];
  const started = performance.now();
  const { code, stdout, stderr } = await runCli({ args, cwd: work });
  const wallMs = performance.now() - started;
  if (code !== 0)
    return { path, run, wallMs, error: `exit ${code ?? 'signal'}: ${stderr.trim().split('\n').slice(-2).join(' ')}` };
  try {
    const answer = readTuneAnswer(stdout);
    const resultFile = keepResultsIn === undefined ? undefined : join(keepResultsIn, `${path}-${run}.json`);
    if (resultFile !== undefined) writeFileSync(resultFile, stdout);
    return { path, run, wallMs, ...answer, ...(resultFile === undefined ? {} : { resultFile }) };
  } catch (error) {
    return { path, run, wallMs, error: `unreadable JSON: ${(error as Error).message}` };
  }
};

/**
 * Runs the three paths `runs` times each, interleaved (embedded, endpoint,
 * parallel, embedded, …) so the host's drift hits every path alike.
 *
 * @example
 * const rows = await runPathConsistencyBench({ runs: 5, num: 10 });
 */
const runPathConsistencyBench = async ({
  runs,
  num,
  paths = ['embedded', 'endpoint', 'parallel'],
  keepResultsIn,
}: {
  runs: number;
  num: number;
  paths?: TunePath[];
  /** A folder to keep each run's result JSON in (`<path>-<run>.json`). */
  keepResultsIn?: string;
}): Promise<PathRun[]> => {
  const work = mkdtempSync(join(tmpdir(), 'powertune-bench-paths-'));
  let emulator: { endpoint: string; stop: () => Promise<void> } | undefined;
  try {
    if (paths.includes('endpoint')) emulator = await startStandaloneEmulator({ work });
    const rows: PathRun[] = [];
    for (let run = 1; run <= runs; run += 1) {
      for (const path of paths) {
        process.stderr.write(`bench:   ${path} run ${run}/${runs}…\n`);
        rows.push(
          await tuneOnce({
            path,
            run,
            num,
            work,
            ...(emulator === undefined ? {} : { endpoint: emulator.endpoint }),
            ...(keepResultsIn === undefined ? {} : { keepResultsIn }),
          }),
        );
      }
    }
    return rows;
  } finally {
    await emulator?.stop();
    rmSync(work, { recursive: true, force: true });
  }
};

/** `512 MB` or `512 MB (tie 512–1,536 MB)`. */
const formatAnswer = (row: PathRun): string => {
  if (row.error !== undefined) return `failed (${row.error})`;
  const band =
    row.tieBand === undefined
      ? ''
      : ` (tie ${row.tieBand.lowMB}–${row.tieBand.highMB} MB, ${row.tieBand.percent}% ${row.tieBand.metric})`;
  const tied =
    row.tieBand === undefined && row.tiedWith !== undefined && row.tiedWith.length > 0
      ? ` (tied with ${row.tiedWith.join(', ')})`
      : '';
  return `${row.power ?? '?'} MB${band}${tied}`;
};

/** The answer two runs must share: the tie band when there is one, else the size. */
const answerKey = (row: PathRun): string =>
  row.error !== undefined
    ? 'failed'
    : row.tieBand !== undefined
      ? `${row.tieBand.lowMB}-${row.tieBand.highMB}`
      : String(row.power);

/** Markdown table: one row per run, one column per path, and whether all agree. */
const formatPathTable = (rows: PathRun[]): string => {
  const paths = [...new Set(rows.map((row) => row.path))];
  const runs = [...new Set(rows.map((row) => row.run))];
  const lines = [`| run | ${paths.join(' | ')} |`, `| ---: | ${paths.map(() => '---').join(' | ')} |`];
  for (const run of runs)
    lines.push(
      `| ${run} | ${paths.map((path) => formatAnswer(rows.find((row) => row.run === run && row.path === path) as PathRun)).join(' | ')} |`,
    );
  const mostCommon = (keys: string[]): { key: string; count: number } | undefined =>
    [...new Set(keys)]
      .map((key) => ({ key, count: keys.filter((k) => k === key).length }))
      .sort((a, b) => b.count - a.count)[0];
  const modal = mostCommon(rows.map(answerKey));
  const modalPower = mostCommon(rows.map((row) => (row.error === undefined ? String(row.power) : 'failed')));
  const backends = [...new Set(rows.map((row) => row.backend).filter((b): b is string => b !== undefined))];
  return [
    ...lines,
    '',
    `Same recommendation: ${modalPower?.count ?? 0} of ${rows.length} runs recommend ${modalPower?.key ?? '-'} MB; same tie band (or size, without one): ${modal?.count ?? 0} of ${rows.length} give \`${modal?.key ?? '-'}\`. Backends recorded: ${backends.length === 0 ? 'none' : backends.map((b) => `\`${b}\``).join(', ')}.`,
  ].join('\n');
};

/**
 * Runs `body` while another process keeps one host core busy, then stops it.
 *
 * @example
 * const loaded = await withBusyCore(() => runCpuFidelityBench());
 */
const withBusyCore = async <T>(body: () => Promise<T>): Promise<T> => {
  const spinner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => spinner.on('close', () => resolve()));
  try {
    return await body();
  } finally {
    spinner.kill('SIGKILL');
    await exited;
  }
};

export { formatPathTable, readTuneAnswer, runCli, runPathConsistencyBench, SIX_SIZES, withBusyCore };
export type { PathRun, TuneAnswer, TunePath };
