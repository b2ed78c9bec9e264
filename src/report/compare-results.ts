/**
 * Compares two tuning results (x86_64 vs arm64, before vs after a change):
 * a row per memory size and the differences in words.
 *
 * @module report/compare-results
 */
import { formatDuration, formatMemory, formatMoney } from '../core/index.js';
import type { PowerStats, TuningResult } from '../core/types.js';
import { EmptyResultError } from './errors.js';
import { formatChange, formatRatioPercent } from './format.js';
import type { Comparison, ComparisonRow } from './types.js';

/** Relative differences below this (0.5%) are called "the same". */
const SAME = 0.005;

const okSizes = (result: TuningResult): PowerStats[] =>
  result.sizes.filter((s) => s.status === 'ok').sort((a, b) => a.value - b.value);

const bestOf = (result: TuningResult, label: string): PowerStats => {
  const ok = okSizes(result);
  const best = ok.find((s) => s.value === result.recommendation.power) ?? ok[0];
  if (best === undefined) throw new EmptyResultError({ runId: result.run.runId, label });
  return best;
};

/** Default labels: the architectures when they differ, else A and B. */
const defaultLabels = (a: TuningResult, b: TuningResult): [string, string] =>
  a.run.architecture !== b.run.architecture ? [a.run.architecture, b.run.architecture] : ['A', 'B'];

const listMB = (values: number[]): string => values.map((v) => formatMemory(v)).join(', ');

const range = (values: number[]): string => {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? formatChange(min) : `${formatChange(min)} to ${formatChange(max)}`;
};

/**
 * Compares result `b` with result `a`: every change is "b relative to a".
 *
 * @example
 * const { sentences } = compareResults({ a: x86, b: arm });
 * // 'arm64 is 14% cheaper at its best size (1536 MB) than x86_64 at its best (1536 MB): …'
 */
const compareResults = ({
  a,
  b,
  labelA,
  labelB,
}: {
  a: TuningResult;
  b: TuningResult;
  labelA?: string;
  labelB?: string;
}): Comparison => {
  const [defaultA, defaultB] = defaultLabels(a, b);
  const nameA = labelA ?? defaultA;
  const nameB = labelB ?? (labelB === undefined && nameA === defaultB ? defaultA : defaultB);
  const bestA = bestOf(a, nameA);
  const bestB = bestOf(b, nameB);
  const currency = a.run.currency;
  const sameCurrency = a.run.currency === b.run.currency;

  const values = [...new Set([...a.sizes, ...b.sizes].map((s) => s.value))].sort((x, y) => x - y);
  const rows = values.map((memoryMB): ComparisonRow => {
    const sa = a.sizes.find((s) => s.value === memoryMB);
    const sb = b.sizes.find((s) => s.value === memoryMB);
    const row: ComparisonRow = {
      memoryMB,
      ...(sa === undefined ? {} : { a: sa }),
      ...(sb === undefined ? {} : { b: sb }),
      recommendedA: sa?.status === 'ok' && a.recommendation.power === memoryMB,
      recommendedB: sb?.status === 'ok' && b.recommendation.power === memoryMB,
    };
    if (sa?.status === 'ok' && sb?.status === 'ok') {
      if (sa.averageDuration > 0) row.durationChange = (sb.averageDuration - sa.averageDuration) / sa.averageDuration;
      if (sa.averagePrice > 0 && sameCurrency) row.costChange = (sb.averagePrice - sa.averagePrice) / sa.averagePrice;
    }
    return row;
  });

  const sentences: string[] = [];
  if (!sameCurrency) {
    sentences.push(
      `Prices are in different currencies (${a.run.currency} for ${nameA}, ${b.run.currency} for ${nameB}), so costs are not compared.`,
    );
  } else {
    const costDiff = (bestB.averagePrice - bestA.averagePrice) / bestA.averagePrice;
    const cheaper =
      costDiff < 0
        ? { who: nameB, best: bestB, other: nameA, otherBest: bestA }
        : { who: nameA, best: bestA, other: nameB, otherBest: bestB };
    const pct = Math.abs(costDiff < 0 ? costDiff : (bestA.averagePrice - bestB.averagePrice) / bestB.averagePrice);
    sentences.push(
      Math.abs(costDiff) < SAME
        ? `${nameA} and ${nameB} cost the same at their best sizes (${formatMemory(bestA.value)} and ${formatMemory(bestB.value)}): ${formatMoney(bestA.costPerMillion, currency)} per 1M invocations.`
        : `${cheaper.who} is ${formatRatioPercent(pct)} cheaper at its best size (${formatMemory(cheaper.best.value)}) than ${cheaper.other} at its best (${formatMemory(cheaper.otherBest.value)}): ` +
            `${formatMoney(cheaper.best.costPerMillion, currency)} vs ${formatMoney(cheaper.otherBest.costPerMillion, currency)} per 1M invocations.`,
    );
  }
  const durationDiff = (bestB.averageDuration - bestA.averageDuration) / bestA.averageDuration;
  sentences.push(
    Math.abs(durationDiff) < SAME
      ? `Both are equally fast at their best sizes: ${formatDuration(bestA.averageDuration)}.`
      : durationDiff < 0
        ? `${nameB} is ${formatRatioPercent(durationDiff)} faster at its best size: ${formatDuration(bestB.averageDuration)} vs ${formatDuration(bestA.averageDuration)}.`
        : `${nameB} is ${formatRatioPercent(durationDiff)} slower at its best size: ${formatDuration(bestB.averageDuration)} vs ${formatDuration(bestA.averageDuration)}.`,
  );
  sentences.push(
    a.recommendation.power === b.recommendation.power
      ? `Both recommend ${formatMemory(a.recommendation.power)}.`
      : `${nameA} recommends ${formatMemory(a.recommendation.power)} and ${nameB} ${formatMemory(b.recommendation.power)}.`,
  );

  const both = rows.filter((r) => r.durationChange !== undefined);
  if (both.length > 0) {
    const faster = both.filter((r) => (r.durationChange ?? 0) < -SAME).length;
    const durations = both.map((r) => r.durationChange ?? 0);
    const costs = both.flatMap((r) => (r.costChange === undefined ? [] : [r.costChange]));
    const cheaperCount = costs.filter((c) => c < -SAME).length;
    const costPart = costs.length > 0 ? `cheaper at ${cheaperCount} and ` : '';
    const plural = both.length === 1 ? 'size' : 'sizes';
    sentences.push(
      `At the ${both.length} ${plural} both runs measured, ${nameB} is ${costPart}faster at ${faster}; ` +
        `its duration differs by ${range(durations)}${costs.length > 0 ? ` and its cost by ${range(costs)}` : ''}.`,
    );
  }

  const failedOnly = (mine: TuningResult, theirs: TuningResult): number[] =>
    mine.sizes
      .filter((s) => s.status === 'failed' && theirs.sizes.find((t) => t.value === s.value)?.status !== 'failed')
      .map((s) => s.value);
  const failedA = failedOnly(a, b);
  const failedB = failedOnly(b, a);
  const failedBoth = a.sizes
    .filter((s) => s.status === 'failed' && b.sizes.find((t) => t.value === s.value)?.status === 'failed')
    .map((s) => s.value);
  if (failedA.length > 0) sentences.push(`Failed only in ${nameA}: ${listMB(failedA)}.`);
  if (failedB.length > 0) sentences.push(`Failed only in ${nameB}: ${listMB(failedB)}.`);
  if (failedBoth.length > 0) sentences.push(`Failed in both: ${listMB(failedBoth)}.`);
  const onlyA = rows.filter((r) => r.a !== undefined && r.b === undefined).map((r) => r.memoryMB);
  const onlyB = rows.filter((r) => r.b !== undefined && r.a === undefined).map((r) => r.memoryMB);
  if (onlyA.length > 0) sentences.push(`Measured only in ${nameA}: ${listMB(onlyA)}.`);
  if (onlyB.length > 0) sentences.push(`Measured only in ${nameB}: ${listMB(onlyB)}.`);
  if (a.run.strategy !== b.run.strategy) {
    sentences.push(
      `The runs used different strategies (${nameA}: ${a.run.strategy}, ${nameB}: ${b.run.strategy}), so their best sizes answer different questions.`,
    );
  }
  if (a.run.region !== b.run.region)
    sentences.push(`The runs are in different regions (${a.run.region} and ${b.run.region}).`);
  return { labelA: nameA, labelB: nameB, sentences, rows };
};

export { compareResults };
