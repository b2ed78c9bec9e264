/**
 * The `--debug` sink: AWS call lines on stderr, only when asked.
 *
 * @module cli/debug-log
 */
import type { CommandContext } from './types.js';

/**
 * A line logger for `--debug`, or undefined without it (so ports add no middleware).
 *
 * @example
 * createSdkLambdaPort({ ...options, debugLog: debugLogOf(context) });
 */
const debugLogOf = (context: Pick<CommandContext, 'debug' | 'stderr'>): ((line: string) => void) | undefined =>
  context.debug === true ? (line) => void context.stderr.write(`${line}\n`) : undefined;

export { debugLogOf };
