/**
 * One side of an architecture comparison: copy the function with another
 * architecture, tune the copy like the original, and always delete it.
 *
 * @module tuner/tune-function-copy
 */
import { copyFunctionName } from '../core/index.js';
import type { Architecture, TuningInput, TuningResult } from '../core/index.js';
import { createRunId } from './create-run-id.js';
import { safeSink } from './events.js';
import { createFunctionCopy, deleteFunctionCopy } from './function-copy.js';
import type { CodeDownloader } from './function-copy.js';
import { createMemoryJournal } from './journal.js';
import { runTuning } from './run-tuning.js';
import type { RunTuningOptions } from './run-tuning.js';
import type { Journal } from './types.js';

interface TuneFunctionCopyOptions extends Omit<RunTuningOptions, 'journal' | 'runId'> {
  architecture: Architecture;
  /** Records the copy before it is created; finished once it is deleted. Called with the copy's run id and name. */
  journalFor?: (copy: { runId: string; functionName: string }) => Journal;
  runId?: string;
  /** Region of the original (the copy is created next to it). */
  region?: string;
  download?: CodeDownloader;
}

/**
 * Tunes a temporary copy of `input.lambdaARN` with `architecture`: the
 * copy is journalled, created from the function's own ZIP and settings,
 * tuned with the same input (never auto-optimized), and deleted in a
 * `finally` — after success, failure or interruption. When the delete
 * fails, the journal stays unfinished so `powertune cleanup` deletes it.
 *
 * @throws {FunctionCopyError} when the function cannot be copied (nothing was created)
 * @example
 * const arm = await tuneFunctionCopy({ input, lambda, architecture: 'arm64', onEvent });
 */
const tuneFunctionCopy = async ({
  architecture,
  journalFor = () => createMemoryJournal(),
  runId = createRunId(),
  region,
  download,
  input,
  lambda,
  onEvent,
  clock,
  signal,
  ...rest
}: TuneFunctionCopyOptions): Promise<TuningResult> => {
  const emit = safeSink(onEvent);
  const journal = journalFor({
    runId,
    functionName: copyFunctionName({ functionName: input.lambdaARN, runId, architecture }),
  });
  const copy = await createFunctionCopy({
    lambda,
    functionName: input.lambdaARN,
    architecture,
    runId,
    journal,
    ...(download !== undefined ? { download } : {}),
    ...(clock !== undefined ? { clock } : {}),
    ...(signal !== undefined ? { signal } : {}),
  });
  emit({
    type: 'warning',
    code: 'function-copy',
    message: `Created ${copy.functionName} (${architecture}) to compare architectures; it is deleted when the run ends.`,
  });
  try {
    const copyInput: TuningInput = { ...input, lambdaARN: copy.functionName, autoOptimize: false };
    delete copyInput.autoOptimizeAlias;
    if (region !== undefined) copyInput.region = region;
    return await runTuning({
      ...rest,
      input: copyInput,
      lambda,
      journal: createMemoryJournal(),
      runId,
      ...(onEvent !== undefined ? { onEvent } : {}),
      ...(clock !== undefined ? { clock } : {}),
      ...(signal !== undefined ? { signal } : {}),
    });
  } finally {
    try {
      await deleteFunctionCopy({ lambda, copy });
      await journal.finish();
      emit({ type: 'warning', code: 'function-copy', message: `Deleted the temporary copy ${copy.functionName}.` });
    } catch (error) {
      emit({
        type: 'warning',
        code: 'cleanup-incomplete',
        message: `Could not delete the temporary copy ${copy.functionName}: ${error instanceof Error ? error.message : String(error)}; run \`powertune cleanup --run ${runId}\` to delete it.`,
      });
    }
  }
};

export { tuneFunctionCopy };
export type { TuneFunctionCopyOptions };
