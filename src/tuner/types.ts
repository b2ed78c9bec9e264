/**
 * Shapes of a tuning run. Every step's input and output is plain JSON, so
 * the Step Functions handlers can pass them between states.
 *
 * @module tuner/types
 */
import type { Architecture, InvocationSample } from '../core/index.js';
import type { ChangeRecord, CreatedVersion, LatestSettings, PreparedAlias, SkippedResource } from '../lambda/index.js';

/** One alias a size will be measured through (several with onlyColdStarts). */
interface PlannedAlias {
  name: string;
  /** Description set before publishing (onlyColdStarts: forces a fresh version). */
  description?: string;
}

interface PlannedSize {
  power: number;
  aliases: PlannedAlias[];
}

/** Everything decided before the first change. Serialisable. */
interface RunPlan {
  runId: string;
  /** What every Lambda call passes as FunctionName (unqualified). */
  functionName: string;
  /** Short name for messages. */
  displayName: string;
  /** Version or alias the user named; invoked by a dry run. */
  qualifier?: string;
  region: string;
  architecture: Architecture;
  /** `$LATEST` before the run (restored afterwards). */
  original: LatestSettings & { revisionId?: string };
  /**
   * Set when another run's versions remain (a run in progress, or one that
   * stopped before its cleanup) and `$LATEST` is not that run's original.
   * `inherited`: `$LATEST` carries a size that run published, so `original`
   * is what it recorded. `suspect`: unknown whose `$LATEST` is; `original`
   * is `$LATEST`, and the run warns with that run's recorded original.
   */
  recordedByOtherRun?: {
    kind: 'inherited' | 'suspect';
    aliasPrefix: string;
    originalMemoryMB: number;
    foundMemoryMB: number;
  };
  /** CodeSha256 of `$LATEST` at the start: every version the run publishes must carry this code. */
  codeSha256?: string;
  /** Memory of the target the user named (the qualifier's, else `$LATEST`'s). */
  originalMemoryMB: number;
  /** Versions that existed before the run: never deleted. */
  preexistingVersions: string[];
  /** Every alias of the run starts with this. */
  aliasPrefix: string;
  sizes: PlannedSize[];
  num: number;
  /** Serial: uncounted invocations before measuring. Parallel: width of the uncounted burst. */
  warmup: number;
  parallel: boolean;
  /** Cap on concurrent function invocations across all sizes. */
  concurrency: number;
  onlyColdStarts: boolean;
  /** Log format of the function (`Text`/`JSON`), for messages. */
  logFormat?: string;
}

/** A size ready to be measured. */
interface PreparedSize {
  power: number;
  aliases: PreparedAlias[];
  /** `$LATEST` after preparing it (the next size's "before"). */
  latest: LatestSettings & { revisionId?: string };
}

/** The measurements of one size. */
interface SizeMeasurement {
  power: number;
  /** Counted samples (a failed size ends with the failing one). */
  samples: InvocationSample[];
  /** Set when the size failed (function error, processor error, refused configuration). */
  failure?: { type: string; message: string };
  /** Function invocations made, counted and warm-up. */
  invocations: number;
  warmupInvocations: number;
  processorInvocations: number;
  /** Successful warm-up invocations, only with `measureSize`'s `keepWarmupSamples` (the adaptive search prices them). */
  warmupSamples?: InvocationSample[];
  /** Init Duration of the warm-up invocations that were cold starts (ms). */
  warmupInitDurationsMs?: number[];
}

/** What the run created and changed (fed by the journal records). Serialisable. */
interface RunLedger {
  aliases: string[];
  versions: CreatedVersion[];
  /** Every memory/description the run set (or tried to set) on `$LATEST`, in order. */
  setByRun: LatestSettings[];
  /** True once auto-optimize changed `$LATEST` on purpose (no restore then). */
  applied?: boolean;
}

/** What cleanup did. */
interface CleanupReport {
  deletedAliases: string[];
  deletedVersions: string[];
  /** `$LATEST` has its original memory and description (or auto-optimize's). */
  restored: boolean;
  skipped: SkippedResource[];
  warnings: string[];
  /** False when something could not be deleted or restored: `powertune cleanup` can finish it. */
  complete: boolean;
}

/** A journal line. */
type JournalEntry =
  | ChangeRecord
  | {
      type: 'run-started';
      runId: string;
      functionName: string;
      /** Absent when the SDK's default chain chose the region. */
      region?: string;
      aliasPrefix: string;
      endpoint?: string;
      at: string;
      /** Process that ran it, so `powertune cleanup` never undoes a run that is still going. */
      pid?: number;
      /** Host name of that process (a pid means nothing on another machine). */
      host?: string;
    }
  | { type: 'cleanup-done'; at: string; deletedAliases: string[]; deletedVersions: string[]; restored: boolean }
  /** An architecture comparison is about to create a temporary copy of `sourceFunction` (recorded BEFORE CreateFunction). */
  | { type: 'create-function'; functionName: string; sourceFunction: string; architecture: Architecture; at: string }
  | { type: 'finished'; at: string };

/**
 * Records each change before it is made; `finish()` marks the run as
 * cleaned up so `powertune cleanup` skips it.
 */
interface Journal {
  record(entry: JournalEntry): Promise<void>;
  finish(): Promise<void>;
}

interface Clock {
  now(): Date;
}

export type {
  CleanupReport,
  Clock,
  Journal,
  JournalEntry,
  PlannedAlias,
  PlannedSize,
  PreparedSize,
  RunLedger,
  RunPlan,
  SizeMeasurement,
};
