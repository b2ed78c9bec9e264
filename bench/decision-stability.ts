/**
 * Decisions a user acts on, measured on the local service:
 * - `powertune check` between results of an unchanged function: every pair
 *   of the embedded path's `prime-sieve` results (the earlier run as the
 *   baseline) must pass; a run doing twice the work (the sieve's limit
 *   doubled) must fail against each of them;
 * - `--power auto` (several runs) against the six-size list: invocations
 *   used and the answers, on a flat cost curve (`prime-sieve`: single-threaded, CPU-bound),
 *   a steep one (`network-call`: it waits, so cost grows with memory) and a
 *   no-op.
 *
 * Runs the built CLI (`dist/bin/powertune.js`): `npm run bench` builds first.
 *
 * @module bench/decision-stability
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { median } from './emulator-cpu-fidelity.js';
import { readTuneAnswer, runCli, SIX_SIZES } from './service-consistency.js';

interface CheckPair {
  baseline: string;
  current: string;
  passed: boolean;
  /** The check's one-line verdicts. */
  summary: string;
}

interface SearchRow {
  curve: string;
  example: string;
  listInvocations?: number;
  listAnswer: string;
  /** One entry per `--power auto` run. */
  auto: Array<{ invocations?: number; answer: string }>;
}

const EXAMPLES = fileURLToPath(new URL('../examples/functions/', import.meta.url));
/** Compute only, one thread: a cost curve flat within 2% from 128 to 1,536 MB on the local service. */
const CPU_LOOP = fileURLToPath(new URL('./functions/cpu-loop/index.mjs', import.meta.url));
/** The sieve runs 3 rounds by default (`examples/functions/prime-sieve`); six rounds are twice the work. */
const TWICE_THE_WORK = JSON.stringify({ rounds: 6 });

/** `powertune check CURRENT --baseline BASELINE --json`: passed, and the verdict lines. */
const checkPair = async ({
  baseline,
  current,
  work,
}: {
  baseline: string;
  current: string;
  work: string;
}): Promise<CheckPair> => {
  const { code, stdout, stderr } = await runCli({
    args: ['check', current, '--baseline', baseline, '--json'],
    cwd: work,
  });
  try {
    const check = JSON.parse(stdout) as { passed: boolean; summary: string };
    return { baseline, current, passed: check.passed && code === 0, summary: check.summary };
  } catch {
    return { baseline, current, passed: false, summary: `exit ${code ?? 'signal'}: ${stderr.trim()}` };
  }
};

/** One tune of an example with `extra` flags; the result file, its answer and invocations. */
const tuneExample = async ({
  example,
  extra,
  work,
  name,
}: {
  /** A folder of `examples/functions/`, or a handler file's path. */
  example: string;
  extra: string[];
  work: string;
  name: string;
}): Promise<{ file?: string; answer: string; invocations?: number }> => {
  const { code, stdout, stderr } = await runCli({
    args: [
      'tune',
      '--function',
      example.endsWith('.mjs') ? example : join(EXAMPLES, example, 'index.mjs'),
      '--json',
      '--state-dir',
      join(work, 'state'),
      ...extra,
    ],
    cwd: work,
  });
  if (code !== 0) return { answer: `failed (exit ${code ?? 'signal'}: ${stderr.trim().split('\n').at(-1) ?? ''})` };
  const file = join(work, `${name}.json`);
  writeFileSync(file, stdout);
  const { power, tieBand: band, invocations } = readTuneAnswer(stdout);
  return {
    file,
    answer: `${power ?? '?'} MB${band === undefined ? '' : ` (tie ${band.lowMB}–${band.highMB} MB)`}`,
    ...(invocations === undefined ? {} : { invocations }),
  };
};

/**
 * `check` on every pair of `results` (earlier as baseline), then a run of
 * twice the work against each of them.
 *
 * @example
 * const { unchanged, slower } = await runCheckBench({ results: ['embedded-1.json', 'embedded-2.json'], num: 10 });
 */
const runCheckBench = async ({
  results,
  num,
}: {
  results: string[];
  num: number;
}): Promise<{ unchanged: CheckPair[]; slower: CheckPair[] }> => {
  const work = mkdtempSync(join(tmpdir(), 'powertune-bench-check-'));
  try {
    const unchanged: CheckPair[] = [];
    for (let i = 0; i < results.length; i += 1)
      for (let j = i + 1; j < results.length; j += 1)
        unchanged.push(await checkPair({ baseline: results[i] as string, current: results[j] as string, work }));
    const slow = await tuneExample({
      example: 'prime-sieve',
      extra: ['--power-values', SIX_SIZES, '--num', String(num), '--payload', TWICE_THE_WORK],
      work,
      name: 'twice-the-work',
    });
    const slower: CheckPair[] = [];
    if (slow.file !== undefined)
      for (const baseline of results) slower.push(await checkPair({ baseline, current: slow.file, work }));
    return { unchanged, slower };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

/**
 * `--power auto` (`runs` times) against the six-size list (`num`
 * invocations per size) on three curves.
 *
 * @example
 * const rows = await runSearchBench({ num: 10, runs: 5 });
 */
const runSearchBench = async ({ num, runs }: { num: number; runs: number }): Promise<SearchRow[]> => {
  const work = mkdtempSync(join(tmpdir(), 'powertune-bench-search-'));
  const curves: Array<{ curve: string; example: string; label: string; extra: string[] }> = [
    {
      curve: 'flat within 2% (compute only, one thread)',
      example: CPU_LOOP,
      label: 'bench/functions/cpu-loop',
      extra: ['--code-root', dirname(CPU_LOOP)],
    },
    {
      curve: 'nearly flat (one thread, three sieves of a 5 MB array)',
      example: 'prime-sieve',
      label: 'prime-sieve',
      extra: [],
    },
    { curve: 'steep (waits on the network: cost ∝ memory)', example: 'network-call', label: 'network-call', extra: [] },
    { curve: 'no-op', example: 'noop', label: 'noop', extra: [] },
  ];
  try {
    const rows: SearchRow[] = [];
    for (const { curve, example, label, extra } of curves) {
      process.stderr.write(`bench:   ${label}: six sizes, then --power auto…\n`);
      const key = label.split('/').at(-1) ?? label;
      const list = await tuneExample({
        example,
        extra: ['--power-values', SIX_SIZES, '--num', String(num), ...extra],
        work,
        name: `${key}-list`,
      });
      const auto: SearchRow['auto'] = [];
      for (let run = 1; run <= runs; run += 1) {
        const one = await tuneExample({
          example,
          extra: ['--power', 'auto', ...extra],
          work,
          name: `${key}-auto-${run}`,
        });
        auto.push({ answer: one.answer, ...(one.invocations === undefined ? {} : { invocations: one.invocations }) });
      }
      rows.push({
        curve,
        example: label,
        listAnswer: list.answer,
        auto,
        ...(list.invocations === undefined ? {} : { listInvocations: list.invocations }),
      });
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

const fileName = (path: string): string => path.split('/').at(-1) ?? path;

/** Markdown for the check bench. */
const formatCheckSection = ({ unchanged, slower }: { unchanged: CheckPair[]; slower: CheckPair[] }): string => {
  const verdictLines = (pair: CheckPair): string =>
    pair.summary
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .join('; ');
  return [
    `Unchanged function: ${unchanged.filter((p) => p.passed).length} of ${unchanged.length} pairs pass.`,
    '',
    '| baseline | current | passed | verdicts |',
    '| --- | --- | --- | --- |',
    ...unchanged.map(
      (p) =>
        `| ${fileName(p.baseline)} | ${fileName(p.current)} | ${p.passed ? 'yes' : '**no**'} | ${verdictLines(p)} |`,
    ),
    '',
    `Twice the work (six rounds of the sieve instead of three) against each unchanged result: ${slower.filter((p) => !p.passed).length} of ${slower.length} fail.`,
    '',
    ...slower.slice(0, 1).map((p) => `Example verdicts: ${verdictLines(p)}`),
  ].join('\n');
};

/** Markdown for the search bench. */
const formatSearchSection = (rows: SearchRow[], num: number): string => {
  const counts = (row: SearchRow): number[] =>
    row.auto.flatMap((run) => (run.invocations === undefined ? [] : [run.invocations]));
  return [
    `| curve | example | six sizes × ${num}: invocations | answer | \`--power auto\`: invocations per run (median) | answers |`,
    '| --- | --- | ---: | --- | --- | --- |',
    ...rows.map((r) => {
      const values = counts(r);
      const middle = values.length === 0 ? '-' : String(median(values));
      return `| ${r.curve} | \`${r.example}\` | ${r.listInvocations ?? '-'} | ${r.listAnswer} | ${r.auto.map((run) => run.invocations ?? '-').join(', ')} (${middle}) | ${r.auto.map((run) => run.answer).join('; ')} |`;
    }),
  ].join('\n');
};

export { formatCheckSection, formatSearchSection, runCheckBench, runSearchBench, TWICE_THE_WORK };
export type { CheckPair, SearchRow };
