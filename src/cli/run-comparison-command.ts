/**
 * `tune --architectures x86_64,arm64` and `tune --compare-function ARN`: the
 * other runs of a comparison, after the main run. Architectures are tuned on
 * a temporary copy of the function (journalled, always deleted); another
 * function is tuned like the main one.
 *
 * @module cli/run-comparison-command
 */
import type { Architecture, TuningInput, TuningResult } from '../core/index.js';
import { tuneFunctionCopy } from '../tuner/index.js';
import { UsageError } from './errors.js';
import { openRunJournal } from './open-run-journal.js';
import { debugLogOf } from './debug-log.js';
import { openTargetPort } from './open-target-port.js';
import { runTuningCommand } from './run-tuning-command.js';
import type { TuningRunOptions } from './types.js';

const ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];

/** One other side of the comparison. */
interface ComparisonEntry {
  label: string;
  architecture: Architecture;
  result: TuningResult;
  modelledOn?: Architecture | string;
}

/**
 * Parses `--architectures` ("x86_64,arm64"); refuses anything else before
 * any AWS call.
 *
 * @throws {UsageError} on an unknown architecture or an empty list
 * @example
 * parseArchitectures('x86_64, arm64'); // ['x86_64', 'arm64']
 */
const parseArchitectures = (text: string): Architecture[] => {
  const list = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const unknown = list.find((item) => !(ARCHITECTURES as readonly string[]).includes(item));
  if (list.length === 0 || unknown !== undefined) {
    throw new UsageError({
      field: '--architectures',
      message: `--architectures: expected a comma-separated list of ${ARCHITECTURES.join(', ')}; got ${JSON.stringify(unknown ?? text)}`,
    });
  }
  return [...new Set(list)] as Architecture[];
};

/** Lambda's name for the architecture of a Node `process.arch`; undefined when Lambda has none. */
const LAMBDA_ARCHITECTURE_OF_HOST: Readonly<Record<string, Architecture>> = { x64: 'x86_64', arm64: 'arm64' };

/** Lambda's name for this host's CPU (`x86_64`/`arm64`), or Node's own name when Lambda has none. */
const hostArchitecture = (hostArch: string): Architecture | undefined => LAMBDA_ARCHITECTURE_OF_HOST[hostArch];

/**
 * On the local Lambda service every function runs on this host's CPU, so
 * another architecture would be the host's timings priced at that
 * architecture's rate: refused, with where to tune it instead.
 *
 * @throws {UsageError} when `architectures` names one the host is not
 * @example
 * refuseForeignArchitectures({ architectures: ['x86_64', 'arm64'], hostArch: 'x64' }); // throws: arm64 on an x86_64 host
 */
const refuseForeignArchitectures = ({
  architectures,
  hostArch,
}: {
  architectures: readonly Architecture[];
  hostArch: string;
}): void => {
  const host = hostArchitecture(hostArch);
  const foreign = architectures.find((architecture) => architecture !== host);
  if (foreign === undefined) return;
  const hostName = host ?? hostArch;
  throw new UsageError({
    field: '--architectures',
    message:
      `--architectures: expected only this host's architecture (${hostName}) on the local Lambda service, which runs every function on the host's CPU; got ${JSON.stringify(foreign)}, ` +
      `whose timings would be ${hostName} timings priced as ${foreign}. Tune ${foreign} on AWS (--function with a function name or ARN), or pass --model-architectures to see it as a labelled model`,
  });
};

/**
 * Runs the other sides of a comparison and returns them (for
 * `result.comparison`).
 *
 * @example
 * const comparison = await runComparisons({ input, primary, architectures: ['x86_64', 'arm64'], stateDir, backend, onEvent, context });
 */
const runComparisons = async ({
  input,
  primary,
  architectures = [],
  compareFunction,
  modelledOn,
  ...runOptions
}: TuningRunOptions & {
  input: TuningInput;
  primary: TuningResult;
  architectures?: readonly Architecture[];
  compareFunction?: string | undefined;
  /** `--model-architectures` on the local service: the host's architecture, which every other one is modelled on. */
  modelledOn?: Architecture | string | undefined;
}): Promise<ComparisonEntry[]> => {
  const {
    endpoint,
    credentials,
    profile,
    stateDir,
    backend,
    visualizationBaseUrl,
    onEvent,
    context,
    journalled = true,
  } = runOptions;
  const entries: ComparisonEntry[] = [];
  const others = architectures.filter((architecture) => architecture !== primary.run.architecture);
  if (others.length > 0) {
    // The copy lives where the main run ran (its region, resolved once).
    const { target, lambda } = openTargetPort({
      lambdaARN: input.lambdaARN,
      region: primary.run.region,
      endpoint,
      profile,
      credentials,
      env: context.env,
      debugLog: debugLogOf(context),
    });
    for (const architecture of others) {
      const result = await tuneFunctionCopy({
        input,
        lambda,
        architecture,
        region: primary.run.region,
        backend,
        onEvent,
        env: context.env,
        ...(journalled
          ? {
              // The bin names this journal too if a second Ctrl-C stops the process.
              journalFor: ({ runId, functionName }: { runId: string; functionName: string }) =>
                openRunJournal({
                  stateDir,
                  runId,
                  functionName,
                  region: primary.run.region,
                  endpoint: target.endpoint,
                  context,
                }),
            }
          : {}),
        ...(context.signal ? { signal: context.signal } : {}),
        ...(visualizationBaseUrl === undefined ? {} : { visualizationBaseUrl }),
      });
      if (modelledOn === undefined || architecture === modelledOn)
        entries.push({ label: architecture, architecture, result });
      else entries.push({ label: `${architecture} (modelled on ${modelledOn})`, architecture, result, modelledOn });
    }
  }
  if (compareFunction !== undefined) {
    const outcome = await runTuningCommand({
      ...runOptions,
      input: { ...input, lambdaARN: compareFunction, autoOptimize: false },
    });
    if (outcome.kind === 'result') {
      entries.push({
        label: outcome.result.run.functionName,
        architecture: outcome.result.run.architecture,
        result: outcome.result,
      });
    }
  }
  return entries;
};

export { hostArchitecture, parseArchitectures, refuseForeignArchitectures, runComparisons };
export type { ComparisonEntry };
