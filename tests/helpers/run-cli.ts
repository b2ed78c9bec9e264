import { main } from '../../src/cli/main.js';
import type { CommandContext } from '../../src/cli/types.js';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams (no spawn, no TTY). */
const runCli = async (
  argv: string[],
  {
    cwd = process.cwd(),
    env = {},
    signal,
    columns,
    writeFile,
  }: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    signal?: AbortSignal;
    /** Terminal width of stdout (undefined: not a terminal). */
    columns?: number;
    /** Replaces the writer of output files (to inject a failing disk). */
    writeFile?: CommandContext['writeFile'];
  } = {},
): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    cwd,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdout: {
      write: (chunk: string) => ((stdout += chunk), true),
      isTTY: false,
      ...(columns === undefined ? {} : { columns }),
    },
    stderr: { write: (chunk: string) => ((stderr += chunk), true), isTTY: false },
    ...(signal === undefined ? {} : { signal }),
    ...(writeFile === undefined ? {} : { writeFile }),
  });
  return { code, stdout, stderr };
};

export { runCli };
export type { CliRun };
