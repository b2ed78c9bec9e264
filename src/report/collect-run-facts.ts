/**
 * The run facts shown under a report, as label/value pairs, in one order for
 * every renderer.
 *
 * @module report/collect-run-facts
 */
import { formatMemory, formatMoney } from '../core/index.js';
import type { TuningResult } from '../core/types.js';

interface RunFact {
  label: string;
  value: string;
}

/**
 * Lists the facts of a run. The function name appears only when asked for;
 * its ARN (and with it the account id) never does.
 *
 * @example
 * collectRunFacts(result, { includeFunctionName: true })[0]; // { label: 'Function', value: 'image-resizer' }
 */
const collectRunFacts = (
  result: TuningResult,
  { includeFunctionName = false }: { includeFunctionName?: boolean } = {},
): RunFact[] => {
  const { run } = result;
  const strategy = run.strategy === 'balanced' ? `balanced (weight ${run.balancedWeight})` : run.strategy;
  const mode = [run.parallelInvocation ? 'parallel' : 'serial', run.onlyColdStarts ? 'cold starts only' : 'warm'].join(
    ', ',
  );
  const facts: RunFact[] = [
    ...(includeFunctionName ? [{ label: 'Function', value: run.functionName }] : []),
    { label: 'Region', value: run.region },
    { label: 'Architecture', value: run.architecture },
    { label: 'Strategy', value: strategy },
    run.search === undefined
      ? { label: 'Invocations', value: `${run.num} per size (${mode}); ${run.totalInvocations} in total` }
      : {
          label: 'Invocations',
          value: `adaptive search (${mode}; stopped: ${run.search.stopExplanation ?? run.search.stopReason}); ${run.totalInvocations} in total${
            run.search.exhaustiveEquivalent === undefined
              ? ''
              : ` vs ${run.search.exhaustiveEquivalent} for an exhaustive sweep`
          }`,
        },
    { label: 'Cost of this run', value: formatMoney(result.stateMachine.lambdaCost, run.currency) },
    { label: 'Date', value: formatRunDate(run.startedAt) },
    { label: 'Backend', value: run.backend },
  ];
  if (run.originalMemoryMB !== undefined)
    facts.push({ label: 'Memory before the run', value: `${formatMemory(run.originalMemoryMB)}` });
  if (!run.includeRequestCharge) facts.push({ label: 'Prices', value: 'without the per-request charge' });
  return facts;
};

/** `2026-11-28 09:14 UTC`: unambiguous and the same on every machine. */
const formatRunDate = (iso: string): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

export { collectRunFacts, formatRunDate };
export type { RunFact };
