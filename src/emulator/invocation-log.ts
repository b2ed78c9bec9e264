/**
 * A bounded in-memory log of invocations (the emulator's CloudWatch Logs):
 * the oldest entries go when the capacity is reached.
 *
 * @module emulator/invocation-log
 */
import type { InvocationRecord } from './types.js';

/**
 * Ring buffer of invocation records.
 *
 * @example
 * const log = new InvocationLog(100);
 * log.add(record);
 * log.list({ functionName: 'demo' });
 */
class InvocationLog {
  readonly #capacity: number;
  #records: InvocationRecord[] = [];

  public constructor(capacity: number) {
    this.#capacity = Math.max(0, Math.floor(capacity));
  }

  public add(record: InvocationRecord): void {
    if (this.#capacity === 0) return;
    this.#records.push(record);
    if (this.#records.length > this.#capacity) this.#records.splice(0, this.#records.length - this.#capacity);
  }

  /** Oldest first; copies, so callers cannot change the log. */
  public list({ functionName }: { functionName?: string | undefined } = {}): InvocationRecord[] {
    return this.#records
      .filter((record) => functionName === undefined || record.functionName === functionName)
      .map((record) => ({ ...record }));
  }
}

export { InvocationLog };
