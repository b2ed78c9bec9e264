/**
 * What the local service keeps of each completed invocation for its
 * CloudWatch metrics and Logs Insights answers: a few numbers, not the log.
 *
 * @module emulator/cloudwatch/metric-record
 */

/** One completed invocation, as CloudWatch would count it. */
interface MetricRecord {
  functionName: string;
  /** The function's log group (`/aws/lambda/<name>` unless configured). */
  logGroup: string;
  /** The function's log format: a Text REPORT line or a JSON `platform.report` record. */
  logFormat: 'Text' | 'JSON';
  /** Epoch ms the invocation started. */
  startMs: number;
  /** Epoch ms the invocation completed (by the service's clock). */
  endMs: number;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMB: number;
  maxMemoryUsedMB: number;
  /** Present on a cold start. */
  initDurationMs?: number;
  /** A function error, timeout or backend failure. */
  error: boolean;
  /** Bytes of the invocation's log (what Logs would store). */
  logBytes: number;
}

/**
 * A bounded list of metric records (oldest dropped first); far larger than
 * the invocation log because a record is small and `scan` needs every
 * invocation of its window to count them right.
 *
 * @example
 * const store = new MetricStore(100_000);
 * store.add(record);
 */
class MetricStore {
  readonly #capacity: number;
  #records: MetricRecord[] = [];

  public constructor(capacity: number) {
    this.#capacity = Math.max(0, Math.floor(capacity));
  }

  public add(record: MetricRecord): void {
    if (this.#capacity === 0) return;
    this.#records.push(record);
    if (this.#records.length > this.#capacity) this.#records.splice(0, this.#records.length - this.#capacity);
  }

  /** Records that started in `[fromMs, toMs)`, optionally of one function. */
  public between({
    fromMs,
    toMs,
    functionName,
  }: {
    fromMs: number;
    toMs: number;
    functionName?: string;
  }): MetricRecord[] {
    return this.#records.filter(
      (r) => r.startMs >= fromMs && r.startMs < toMs && (functionName === undefined || r.functionName === functionName),
    );
  }
}

export { MetricStore };
export type { MetricRecord };
