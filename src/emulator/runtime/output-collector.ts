/**
 * Attributes a runtime process's output (stdout and stderr, merged into one
 * pipe by the wrapper shell so their order is kept) to the invocation that
 * wrote it. The bootstrap ends each phase with a marker line
 * `\u001ePOWERTUNE-OUTPUT-END:<requestId or "init">\n` after flushing its
 * output; everything before a marker belongs to that phase. Output that
 * arrives without a marker (a killed process) is taken as it is.
 *
 * @module emulator/runtime/output-collector
 */
import type { Readable } from 'node:stream';

const MARKER = '\u001ePOWERTUNE-OUTPUT-END:';

/**
 * Splits one output stream into per-phase segments at the bootstrap's markers.
 *
 * @example
 * const output = new OutputCollector(child.stdout);
 * const text = await output.waitFor({ id: requestId, timeoutMs: 1000 });
 */
class OutputCollector {
  #buffer = '';
  #current = '';
  readonly #done = new Map<string, string>();
  readonly #waiters = new Map<string, (text: string | undefined) => void>();
  #closed = false;
  readonly #closeWaiters: Array<() => void> = [];

  constructor(stream: Readable) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => this.push(chunk));
    stream.on('close', () => this.#close());
    stream.on('end', () => this.#close());
  }

  /** Adds output (exposed for tests). */
  push(chunk: string): void {
    this.#buffer += chunk;
    for (;;) {
      const start = this.#buffer.indexOf(MARKER);
      if (start === -1) break;
      const end = this.#buffer.indexOf('\n', start);
      if (end === -1) break;
      const id = this.#buffer.slice(start + MARKER.length, end);
      const text = this.#current + this.#buffer.slice(0, start);
      this.#current = '';
      this.#buffer = this.#buffer.slice(end + 1);
      const waiter = this.#waiters.get(id);
      if (waiter === undefined) this.#done.set(id, text);
      else {
        this.#waiters.delete(id);
        waiter(text);
      }
    }
    // Keep a possibly incomplete marker at the end; the rest is plain output.
    const partial = this.#buffer.lastIndexOf('\u001e');
    const keepFrom = partial === -1 || this.#buffer.indexOf('\n', partial) !== -1 ? this.#buffer.length : partial;
    this.#current += this.#buffer.slice(0, keepFrom);
    this.#buffer = this.#buffer.slice(keepFrom);
  }

  /** Output of a phase once its marker has arrived; undefined on timeout or when the stream closed first. */
  waitFor({ id, timeoutMs }: { id: string; timeoutMs: number }): Promise<string | undefined> {
    const done = this.#done.get(id);
    if (done !== undefined) {
      this.#done.delete(id);
      return Promise.resolve(done);
    }
    if (this.#closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.#waiters.set(id, (text) => {
        clearTimeout(timer);
        resolve(text);
      });
    });
  }

  /** Resolves when the stream has closed (the process is gone), or after `timeoutMs`. */
  waitForClose(timeoutMs: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#closeWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Output not yet claimed by a marker, cleared. */
  takeRest(): string {
    const text = this.#current + this.#buffer;
    this.#current = '';
    this.#buffer = '';
    return text;
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of this.#waiters.values()) waiter(undefined);
    this.#waiters.clear();
    for (const waiter of this.#closeWaiters.splice(0)) waiter();
  }
}

export { MARKER as OUTPUT_MARKER, OutputCollector };
