import { main } from '../../src/cli/main.js';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams (no spawn, no TTY). */
const runCli = async (
  argv: string[],
  { cwd = process.cwd(), env = {}, signal }: { cwd?: string; env?: Record<string, string | undefined>; signal?: AbortSignal } = {},
): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    cwd,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdout: { write: (chunk: string) => ((stdout += chunk), true), isTTY: false },
    stderr: { write: (chunk: string) => ((stderr += chunk), true), isTTY: false },
    ...(signal === undefined ? {} : { signal }),
  });
  return { code, stdout, stderr };
};

export { runCli };
export type { CliRun };
