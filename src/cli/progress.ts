/**
 * Turns the tuner's typed progress events into a one-line progress bar on
 * stderr (TTY only) or plain lines otherwise. Data never goes here.
 *
 * @module cli/progress
 */
import { formatMemory, PERCENT } from '../core/index.js';
import type { TuningEvent } from '../tuner/index.js';
import type { WritableLike } from './types.js';

const BAR_WIDTH = 24;

/**
 * Creates an event listener that renders progress.
 *
 * @example
 * const onEvent = createProgressRenderer({ stream: process.stderr, quiet: false });
 */
const createProgressRenderer = ({
  stream,
  quiet,
}: {
  stream: WritableLike;
  quiet: boolean;
}): ((event: TuningEvent) => void) => {
  const tty = stream.isTTY === true;
  let done = 0;
  let total = 0;
  let lineOpen = false;

  const clearLine = (): void => {
    if (tty && lineOpen) stream.write('\r\u001b[2K');
    lineOpen = false;
  };
  /** `important` lines (warnings, failed sizes) are shown even with --quiet: they are not chatter. */
  const say = (text: string, { important = false }: { important?: boolean } = {}): void => {
    if (quiet && !important) return;
    clearLine();
    stream.write(`${text}\n`);
  };
  const bar = (label: string): void => {
    if (quiet || !tty) return;
    const share = total === 0 ? 0 : Math.min(1, done / total);
    const filled = Math.round(share * BAR_WIDTH);
    stream.write(
      `\r\u001b[2K[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${Math.round(share * PERCENT)}% ${label}`,
    );
    lineOpen = true;
  };

  return (event: TuningEvent): void => {
    switch (event.type) {
      case 'run-started':
        total = event.plannedInvocations;
        say(
          `powertune: run ${event.runId} on ${event.functionName} — ${event.powerValues.length} size${event.powerValues.length === 1 ? '' : 's'}`,
        );
        break;
      case 'size-preparing':
        bar(`preparing ${formatMemory(event.power)}`);
        break;
      case 'invocation-done':
        done += 1;
        bar(`measuring ${formatMemory(event.power)}`);
        break;
      case 'size-failed':
        say(`  ${formatMemory(event.power)} failed: ${event.reason}`, { important: true });
        break;
      case 'warning':
        say(`  warning: ${event.message}`, { important: true });
        break;
      case 'cleanup-done':
        say(
          `  cleaned up: ${event.deletedAliases} aliases, ${event.deletedVersions} versions deleted${event.restored ? '; $LATEST restored' : ''}`,
        );
        break;
      case 'run-finished':
        clearLine();
        break;
      default:
        break;
    }
  };
};

export { createProgressRenderer };
