/**
 * Plan step: read the function, decide every alias and count, change
 * nothing.
 *
 * @module tuner/plan-run
 */
import {
  aliasNameOf,
  aliasPrefixOf,
  coldStartDescription,
  parseRunVersionDescription,
  regionOfArn,
  stripColdStartTag,
  unqualifiedArn,
} from '../core/index.js';
import type { TuningInput } from '../core/index.js';
import { resolveTarget } from '../lambda/index.js';
import type { FunctionConfiguration, LambdaPort, ResolvedTarget } from '../lambda/index.js';
import { DEFAULT_REGION, DEFAULT_SERIAL_WARMUP } from './constants.js';
import { QualifierCodeMismatchError } from './errors.js';
import type { PlannedAlias, RunPlan } from './types.js';

/**
 * The region a run is planned for (prices, S3 payloads): the target's, else
 * the one in the function's ARN, else us-east-1.
 *
 * @example
 * planRegion({ target: { functionName: 'api', displayName: 'api' }, functionName: 'arn:aws:lambda:eu-west-1:123456789012:function:api' }); // 'eu-west-1'
 */
const planRegion = ({
  target,
  functionName,
}: {
  target: Pick<ResolvedTarget, 'region'>;
  functionName: string;
}): string => target.region ?? regionOfArn(functionName) ?? DEFAULT_REGION;

/**
 * How a run invokes: in parallel or not, the cap on concurrent invocations
 * (default: `num` in parallel mode, the number of sizes in serial mode) and
 * the uncounted warm-ups per size (none with `onlyColdStarts`). The run and
 * the dry-run estimate both use it, so the estimate counts what the run does.
 *
 * @example
 * planInvocationMode({ parallelInvocation: false, num: 10, powerValues: [128, 256], onlyColdStarts: false });
 * // { parallel: false, concurrency: 2, warmup: 1 }
 */
const planInvocationMode = (
  input: Pick<TuningInput, 'parallelInvocation' | 'num' | 'powerValues' | 'onlyColdStarts' | 'concurrency' | 'warmup'>,
): { parallel: boolean; concurrency: number; warmup: number } => {
  const parallel = input.parallelInvocation;
  const concurrency = input.concurrency ?? (parallel ? input.num : input.powerValues.length);
  const warmup = input.onlyColdStarts
    ? 0
    : (input.warmup ?? (parallel ? Math.min(concurrency, input.num) : DEFAULT_SERIAL_WARMUP));
  return { parallel, concurrency, warmup };
};

type RecordedOriginal =
  /** `$LATEST` carries a size that run published: its recorded original is the original. */
  | { kind: 'inherited'; memoryMB: number; description: string; aliasPrefix: string }
  /**
   * That run's versions remain and `$LATEST` is neither its original nor a
   * size it published — maybe a size it had set but not published when it
   * stopped, maybe a change made since. Not guessed: the run warns.
   */
  | { kind: 'suspect'; memoryMB: number; aliasPrefix: string };

/**
 * What other powertune runs recorded about `$LATEST` before they changed
 * it (each run writes the original memory into its versions' descriptions).
 * Their versions remain while such a run is in progress, or after it
 * stopped before its cleanup. The newest run wins. An inherited original's
 * description is `$LATEST`'s without that run's cold-start tag.
 *
 * @example
 * recordedOriginal({ latest: { memoryMB: 256, description: 'api' }, versions, ownPrefix: 'pt-b-' });
 * // { kind: 'inherited', memoryMB: 1024, description: 'api', aliasPrefix: 'pt-a-' } when version 7 is 256 MB and says 'powertune run pt-a-256 (original 1024 MB)'
 */
const recordedOriginal = ({
  latest,
  versions,
  ownPrefix,
}: {
  latest: Pick<FunctionConfiguration, 'memoryMB' | 'description'>;
  versions: readonly FunctionConfiguration[];
  ownPrefix: string;
}): RecordedOriginal | undefined => {
  const records = versions
    .flatMap((version) => {
      const marker = parseRunVersionDescription(version.description);
      // Only markers that recorded the original count (the oldest format did not).
      if (marker?.originalMemoryMB === undefined || marker.aliasPrefix === ownPrefix) return [];
      return [{ version, record: { aliasPrefix: marker.aliasPrefix, originalMemoryMB: marker.originalMemoryMB } }];
    })
    .sort((a, b) => Number(b.version.version) - Number(a.version.version));
  const carried = records.find(
    ({ version, record }) => version.memoryMB === latest.memoryMB && record.originalMemoryMB !== latest.memoryMB,
  )?.record;
  if (carried === undefined) {
    const newest = records[0]?.record;
    // $LATEST has that run's original again (restored, or never changed): nothing to say.
    return newest === undefined || newest.originalMemoryMB === latest.memoryMB
      ? undefined
      : { kind: 'suspect', memoryMB: newest.originalMemoryMB, aliasPrefix: newest.aliasPrefix };
  }
  const description = stripColdStartTag({ description: latest.description, aliasPrefix: carried.aliasPrefix });
  return { kind: 'inherited', memoryMB: carried.originalMemoryMB, description, aliasPrefix: carried.aliasPrefix };
};

/**
 * Plans a run: resolves the target, reads `$LATEST` (this also proves read
 * access), lists the versions that already exist, and names every alias.
 * No change is made.
 *
 * @throws {QualifierCodeMismatchError} when the named version/alias runs other code than `$LATEST`
 * @example
 * const plan = await planRun({ input, lambda, runId: createRunId() });
 */
const planRun = async ({
  input,
  lambda,
  runId,
  env = process.env,
}: {
  input: TuningInput;
  lambda: LambdaPort;
  runId: string;
  env?: Record<string, string | undefined>;
}): Promise<RunPlan> => {
  const target = resolveTarget({
    lambdaARN: input.lambdaARN,
    ...(input.region !== undefined ? { region: input.region } : {}),
    env,
  });
  const latest = await lambda.getConfiguration({ functionName: target.functionName });
  const functionName = unqualifiedArn(latest.functionArn) ?? target.functionName;
  const versions = await lambda.listVersions({ functionName });
  const aliasPrefix = aliasPrefixOf(runId);
  const recorded = recordedOriginal({ latest, versions, ownPrefix: aliasPrefix });
  const original = recorded?.kind === 'inherited' ? recorded : latest;
  let originalMemoryMB = original.memoryMB;
  if (target.qualifier !== undefined) {
    const named = await lambda.getConfiguration({ functionName, qualifier: target.qualifier });
    if (named.codeSha256 !== undefined && latest.codeSha256 !== undefined && named.codeSha256 !== latest.codeSha256) {
      throw new QualifierCodeMismatchError({
        functionName: target.displayName,
        qualifier: target.qualifier,
        qualifierVersion: named.version,
      });
    }
    originalMemoryMB = named.memoryMB;
  }
  const sizes = input.powerValues.map((power) => {
    const aliases: PlannedAlias[] = input.onlyColdStarts
      ? Array.from({ length: input.num }, (_, i) => {
          const name = aliasNameOf({ aliasPrefix, power, index: i });
          return { name, description: coldStartDescription({ original: original.description, tag: name }) };
        })
      : [{ name: aliasNameOf({ aliasPrefix, power }) }];
    return { power, aliases };
  });
  const { parallel, concurrency, warmup } = planInvocationMode(input);
  return {
    runId,
    functionName,
    displayName: target.displayName,
    ...(target.qualifier !== undefined ? { qualifier: target.qualifier } : {}),
    region: planRegion({ target, functionName }),
    architecture: latest.architecture,
    original: {
      memoryMB: original.memoryMB,
      description: original.description,
      ...(latest.revisionId !== undefined ? { revisionId: latest.revisionId } : {}),
    },
    ...(recorded !== undefined
      ? {
          recordedByOtherRun: {
            kind: recorded.kind,
            aliasPrefix: recorded.aliasPrefix,
            originalMemoryMB: recorded.memoryMB,
            foundMemoryMB: latest.memoryMB,
          },
        }
      : {}),
    originalMemoryMB,
    ...(latest.codeSha256 !== undefined ? { codeSha256: latest.codeSha256 } : {}),
    preexistingVersions: versions.map((v) => v.version),
    aliasPrefix,
    sizes,
    num: input.num,
    warmup,
    parallel,
    concurrency,
    onlyColdStarts: input.onlyColdStarts,
    ...(latest.logFormat !== undefined ? { logFormat: latest.logFormat } : {}),
  };
};

export { planInvocationMode, planRegion, planRun, recordedOriginal };
