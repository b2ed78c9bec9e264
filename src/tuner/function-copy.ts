/**
 * Temporary copies of a function for an architecture comparison
 * (`--architectures`): the user's function keeps its architecture; a copy with the other
 * architecture is created (journalled first), tuned, and always deleted.
 *
 * @module tuner/function-copy
 */
import { copyFunctionDescription, copyFunctionName } from '../core/index.js';
import type { Architecture } from '../core/index.js';
import type { LambdaPort } from '../lambda/index.js';
import { FunctionCopyError } from './errors.js';
import type { CleanupReport, Clock, Journal, JournalEntry } from './types.js';

/** A copy the run created. */
interface FunctionCopy {
  /** The copy's name (`<name>-pt-<runId>-<architecture>`). */
  functionName: string;
  sourceFunction: string;
  architecture: Architecture;
}

/** Downloads a ZIP from a URL (GetFunction's `Code.Location`). */
type CodeDownloader = (url: string, signal?: AbortSignal) => Promise<Uint8Array>;

/** Plain `fetch`: a presigned S3 URL on AWS, the emulator's code route locally. */
const fetchCode: CodeDownloader = async (url, signal) => {
  const response = await fetch(url, signal === undefined ? {} : { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
};

/**
 * Creates a copy of a ZIP-packaged function with another architecture:
 * GetFunction → download the code → journal the copy → CreateFunction (same
 * role, runtime, handler, memory, timeout, environment, layers, storage and
 * log format) → wait until it is active. Nothing is created when the
 * function cannot be copied.
 *
 * @throws {FunctionCopyError} when the port cannot copy, the function is an image, or its code cannot be downloaded
 * @example
 * const copy = await createFunctionCopy({ lambda, functionName: 'api', architecture: 'arm64', runId, journal });
 * try { … tune copy.functionName … } finally { await deleteFunctionCopy({ lambda, copy }); }
 */
const createFunctionCopy = async ({
  lambda,
  functionName,
  architecture,
  runId,
  journal,
  download = fetchCode,
  clock = { now: () => new Date() },
  signal,
}: {
  lambda: LambdaPort;
  functionName: string;
  architecture: Architecture;
  runId: string;
  journal: Journal;
  download?: CodeDownloader;
  clock?: Clock;
  signal?: AbortSignal;
}): Promise<FunctionCopy> => {
  if (
    lambda.getFunctionCode === undefined ||
    lambda.createFunction === undefined ||
    lambda.deleteFunction === undefined
  ) {
    throw new FunctionCopyError({ functionName, reason: 'unsupported-port' });
  }
  const info = await lambda.getFunctionCode({ functionName });
  if (info.configuration.packageType === 'Image')
    throw new FunctionCopyError({ functionName, reason: 'image-package' });
  if (info.codeLocation === undefined) throw new FunctionCopyError({ functionName, reason: 'no-code-location' });
  let zipFile: Uint8Array;
  try {
    zipFile = await download(info.codeLocation, signal);
  } catch (error) {
    throw new FunctionCopyError({
      functionName,
      reason: 'download-failed',
      detail: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  }
  const config = info.configuration;
  const copy: FunctionCopy = {
    functionName: copyFunctionName({ functionName, runId, architecture }),
    sourceFunction: functionName,
    architecture,
  };
  await journal.record({
    type: 'create-function',
    functionName: copy.functionName,
    sourceFunction: functionName,
    architecture,
    at: clock.now().toISOString(),
  });
  await lambda.createFunction({
    functionName: copy.functionName,
    role: info.role,
    zipFile,
    memoryMB: config.memoryMB,
    architecture,
    description: copyFunctionDescription({ functionName: config.functionName, runId, architecture }),
    ...(config.runtime !== undefined ? { runtime: config.runtime } : {}),
    ...(info.handler !== undefined ? { handler: info.handler } : {}),
    ...(config.timeoutSeconds !== undefined ? { timeoutSeconds: config.timeoutSeconds } : {}),
    ...(info.environment !== undefined ? { environment: info.environment } : {}),
    ...(info.layers.length > 0 ? { layers: info.layers } : {}),
    ...(info.ephemeralStorageMB !== undefined ? { ephemeralStorageMB: info.ephemeralStorageMB } : {}),
    ...(config.logFormat !== undefined ? { logFormat: config.logFormat } : {}),
  });
  await lambda.waitUntilUpdated({ functionName: copy.functionName, ...(signal !== undefined ? { signal } : {}) });
  return copy;
};

/**
 * Deletes a copy (the whole function, every version and alias with it).
 * `false` when it was already gone.
 *
 * @example
 * await deleteFunctionCopy({ lambda, copy });
 */
const deleteFunctionCopy = async ({
  lambda,
  copy,
}: {
  lambda: LambdaPort;
  copy: Pick<FunctionCopy, 'functionName'>;
}): Promise<boolean> => {
  if (lambda.deleteFunction === undefined)
    throw new FunctionCopyError({ functionName: copy.functionName, reason: 'unsupported-port' });
  return lambda.deleteFunction({ functionName: copy.functionName });
};

/**
 * `powertune cleanup` for a comparison journal: deletes every copy it
 * records (idempotent), marks the journal finished when all are gone.
 * Returns `undefined` for a journal without copies.
 *
 * @example
 * const report = await cleanupFunctionCopies({ entries, lambda, journal });
 */
const cleanupFunctionCopies = async ({
  entries,
  lambda,
  journal,
}: {
  entries: readonly JournalEntry[];
  lambda: LambdaPort;
  journal?: Journal;
}): Promise<CleanupReport | undefined> => {
  const copies = entries.flatMap((entry) => (entry.type === 'create-function' ? [entry.functionName] : []));
  if (copies.length === 0) return undefined;
  const warnings: string[] = [];
  for (const functionName of [...new Set(copies)]) {
    try {
      await deleteFunctionCopy({ lambda, copy: { functionName } });
    } catch (error) {
      warnings.push(
        `Could not delete the temporary copy ${functionName}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const complete = warnings.length === 0;
  if (complete) await journal?.finish();
  return { deletedAliases: [], deletedVersions: [], restored: true, skipped: [], warnings, complete };
};

export { cleanupFunctionCopies, createFunctionCopy, deleteFunctionCopy, fetchCode };
export type { CodeDownloader, FunctionCopy };
