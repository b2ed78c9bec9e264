/**
 * What every command receives: its argv and the world, injected so tests can
 * run commands in-process without spawning (house style rule 10).
 *
 * @module cli/types
 */

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
}

type Command = (context: CommandContext) => Promise<number>;

export type { Command, CommandContext, WritableLike };
