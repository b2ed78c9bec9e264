/**
 * What every command receives: its argv and the world, injected so tests can
 * run commands in-process without spawning.
 *
 * @module cli/types
 */
import type { RunFacts } from '../core/index.js';
import type { TuningEvent } from '../tuner/index.js';

interface WritableLike {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

interface CommandContext {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: WritableLike;
  stderr: WritableLike;
  /** Fires on SIGINT/SIGTERM (the bin wires it; tests may trigger it). */
  signal?: AbortSignal;
  /** Second interrupt: the command must stop at once. */
  hardSignal?: AbortSignal;
  /**
   * Called once a run's journal is known (before its first change), so the
   * bin can print the exact `powertune cleanup --run <id>` command when a
   * second interrupt stops the process before cleanup finished.
   */
  onRunJournal?: (run: RunJournalInfo) => void;
  /** `--quiet`: no progress or chatter on stderr (errors are still shown). */
  quiet?: boolean;
  /** `--debug`: log each AWS call (no secrets, no payloads) and print stacks of errors. */
  debug?: boolean;
  /** Writes an output file at the end of a run (the test seam for a failing disk). */
  writeFile?: (path: string, content: string) => Promise<void>;
}

/** Where an in-progress run records its changes. */
interface RunJournalInfo {
  runId: string;
  /** Absolute state directory (`--state-dir`, default `<cwd>/.powertune`). */
  stateDir: string;
  /** The journal file; it exists once the run made its first change. */
  journalPath: string;
}

type Command = (context: CommandContext) => Promise<number>;

/** How `tune` runs each tuning (the main run and every comparison run): built once per command. */
interface TuningRunOptions {
  /** `--endpoint-url` or the embedded service; undefined lets lambda's `resolveEndpoint` read the environment. */
  endpoint?: string | undefined;
  region?: string | undefined;
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  profile?: string | undefined;
  /** Absolute state directory of the run journals. */
  stateDir: string;
  /** `run.backend` unless the local service's Invoke header says otherwise. */
  backend: string;
  /** The embedded service's CPU model and why (`run.cpuModel`). */
  cpuModel?: RunFacts['cpuModel'];
  visualizationBaseUrl?: string | undefined;
  onEvent: (event: TuningEvent) => void;
  context: CommandContext;
  /** False for the embedded emulator: its functions vanish with it, so there is nothing to recover. */
  journalled?: boolean;
}

export type { Command, CommandContext, RunJournalInfo, TuningRunOptions, WritableLike };
