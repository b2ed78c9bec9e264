/**
 * Normalises the `logger` option: a line sink (`(line) => …`, warnings get a
 * `warning: ` prefix) or an `{ info, warn }` pair; default stderr.
 *
 * @module emulator/to-emulator-logger
 */
import type { EmulatorLogger, EmulatorLoggerInput } from './types.js';

/**
 * Turns any accepted `logger` option into `{ info, warn }`.
 *
 * @example
 * const logger = toEmulatorLogger((line) => lines.push(line));
 * logger.warn('listening on 0.0.0.0'); // pushes 'warning: listening on 0.0.0.0'
 */
function toEmulatorLogger(
  logger?: EmulatorLoggerInput,
  { stderr = process.stderr }: { stderr?: { write(text: string): unknown } } = {},
): EmulatorLogger {
  if (typeof logger === 'function')
    return { info: (message) => logger(message), warn: (message) => logger(`warning: ${message}`) };
  if (logger !== undefined) return logger;
  return {
    info: (message) => void stderr.write(`${message}\n`),
    warn: (message) => void stderr.write(`warning: ${message}\n`),
  };
}

export { toEmulatorLogger };
