/**
 * Plan step: read the function, decide every alias and count, change
 * nothing.
 *
 * @module tuner/plan-run
 */
import type { TuningInput } from '../core/index.js';
import { LAMBDA_LIMITS, resolveTarget } from '../lambda/index.js';
import type { LambdaPort } from '../lambda/index.js';
import { COLD_START_DESCRIPTION_SEPARATOR, DEFAULT_SERIAL_WARMUP } from './constants.js';
import { aliasPrefixOf } from './create-run-id.js';
import { QualifierCodeMismatchError } from './errors.js';
import type { PlannedAlias, RunPlan } from './types.js';

const ARN_PARTS = 7;
const ARN_REGION_INDEX = 3;
const DEFAULT_REGION = 'us-east-1';

/** `arn:…:function:name[:qualifier]` → the unqualified ARN, or undefined when it is not an ARN. */
const unqualifiedArn = (arn: string): string | undefined => {
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts.length >= ARN_PARTS ? parts.slice(0, ARN_PARTS).join(':') : undefined;
};

/**
 * The description that makes each cold-start version unique, cut so it
 * stays within Lambda's 256 characters (the run-scoped tag is kept whole).
 *
 * @example
 * coldStartDescription({ original: 'api', tag: 'pt-x-128-0' }); // 'api - pt-x-128-0'
 */
const coldStartDescription = ({ original, tag }: { original: string; tag: string }): string => {
  const suffix = `${COLD_START_DESCRIPTION_SEPARATOR}${tag}`;
  return `${original.slice(0, Math.max(0, LAMBDA_LIMITS.descriptionMaxLength - suffix.length))}${suffix}`;
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
  const target = resolveTarget({ lambdaARN: input.lambdaARN, ...(input.region !== undefined ? { region: input.region } : {}), env });
  const latest = await lambda.getConfiguration({ functionName: target.functionName });
  const functionName = unqualifiedArn(latest.functionArn) ?? target.functionName;
  let originalMemoryMB = latest.memoryMB;
  if (target.qualifier !== undefined) {
    const named = await lambda.getConfiguration({ functionName, qualifier: target.qualifier });
    if (named.codeSha256 !== undefined && latest.codeSha256 !== undefined && named.codeSha256 !== latest.codeSha256) {
      throw new QualifierCodeMismatchError({ functionName: target.displayName, qualifier: target.qualifier, qualifierVersion: named.version });
    }
    originalMemoryMB = named.memoryMB;
  }
  const versions = await lambda.listVersions({ functionName });
  const aliasPrefix = aliasPrefixOf(runId);
  const sizes = input.powerValues.map((power) => {
    const aliases: PlannedAlias[] = input.onlyColdStarts
      ? Array.from({ length: input.num }, (_, i) => {
          const name = `${aliasPrefix}${power}-${i}`;
          return { name, description: coldStartDescription({ original: latest.description, tag: name }) };
        })
      : [{ name: `${aliasPrefix}${power}` }];
    return { power, aliases };
  });
  const parallel = input.parallelInvocation;
  const concurrency = input.concurrency ?? (parallel ? input.num : input.powerValues.length);
  const warmup = input.onlyColdStarts ? 0 : (input.warmup ?? (parallel ? Math.min(concurrency, input.num) : DEFAULT_SERIAL_WARMUP));
  const arnRegion = functionName.split(':')[ARN_REGION_INDEX];
  return {
    runId,
    functionName,
    displayName: target.displayName,
    ...(target.qualifier !== undefined ? { qualifier: target.qualifier } : {}),
    region: target.region ?? (functionName.startsWith('arn:') ? arnRegion : undefined) ?? DEFAULT_REGION,
    architecture: latest.architecture,
    original: {
      memoryMB: latest.memoryMB,
      description: latest.description,
      ...(latest.revisionId !== undefined ? { revisionId: latest.revisionId } : {}),
    },
    originalMemoryMB,
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

export { coldStartDescription, planRun, unqualifiedArn };
