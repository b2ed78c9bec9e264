/**
 * Reads Lambda's REPORT record from the decoded log tail of an invocation
 * (`LogType: Tail`: the last 4 KB, which may start mid-line or mid-JSON).
 * Both log formats are supported: the text `REPORT RequestId: …` line and the
 * JSON `platform.report` record (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html).
 *
 * Unlike the reference, a missing optional metric is `undefined`, never an
 * exception (its bug #305: warm JSON logs have no `initDurationMs`), and
 * durations without decimals are read too.
 *
 * @module core/report/parse-report
 */
import type { ReportRecord } from '../types.js';

const REPORT_MARKER = 'REPORT RequestId:';
const NUMBER = '(\\d+(?:\\.\\d+)?)';

/** Text fields. Look-behinds keep `Duration` from matching `Billed Duration` and friends. */
const TEXT_FIELDS = {
  durationMs: new RegExp(`(?<!(?:Billed|Init|Restore) )Duration: ${NUMBER} ms`),
  billedDurationMs: new RegExp(`(?<!Restore )Billed Duration: ${NUMBER} ms`),
  memorySizeMB: new RegExp(`Memory Size: ${NUMBER} MB`),
  maxMemoryUsedMB: new RegExp(`Max Memory Used: ${NUMBER} MB`),
  initDurationMs: new RegExp(`Init Duration: ${NUMBER} ms`),
  restoreDurationMs: new RegExp(`(?<!Billed )Restore Duration: ${NUMBER} ms`),
  billedRestoreDurationMs: new RegExp(`Billed Restore Duration: ${NUMBER} ms`),
} as const;
const TEXT_REQUEST_ID = /REPORT RequestId: ([0-9A-Za-z-]+)/;
const TEXT_STATUS = /Status: ([A-Za-z.]+)/;

/** JSON `platform.report` metric names → our field names. */
const JSON_METRICS = {
  durationMs: 'durationMs',
  billedDurationMs: 'billedDurationMs',
  memorySizeMB: 'memorySizeMB',
  maxMemoryUsedMB: 'maxMemoryUsedMB',
  initDurationMs: 'initDurationMs',
  restoreDurationMs: 'restoreDurationMs',
  billedRestoreDurationMs: 'billedRestoreDurationMs',
} as const;

type MetricField = keyof typeof TEXT_FIELDS;

const parseTextReport = (log: string): ReportRecord | undefined => {
  const lines = log.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i] ?? '';
    if (!line.includes(REPORT_MARKER)) continue;
    const values: Partial<Record<MetricField, number>> = {};
    for (const [field, pattern] of Object.entries(TEXT_FIELDS) as Array<[MetricField, RegExp]>) {
      const match = pattern.exec(line);
      if (match?.[1] !== undefined) values[field] = Number(match[1]);
    }
    const { durationMs } = values;
    if (durationMs === undefined) return undefined;
    const record: ReportRecord = {
      ...values,
      durationMs,
      billedDurationMs: values.billedDurationMs ?? Math.ceil(durationMs),
    };
    const requestId = TEXT_REQUEST_ID.exec(line)?.[1];
    if (requestId !== undefined) record.requestId = requestId;
    const status = TEXT_STATUS.exec(line)?.[1];
    if (status !== undefined) record.status = status;
    return record;
  }
  return undefined;
};

/** Index of the bracket closing the one at `start`, skipping strings; -1 when unbalanced. */
const findClosing = (text: string, start: number): number => {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
};

/**
 * Every JSON object found in the log: single-line or pretty-printed, bare or
 * inside arrays. A value must start a line; fragments of a cut record and
 * invalid lines are skipped.
 */
const jsonObjects = (log: string): Array<Record<string, unknown>> => {
  const found: Array<Record<string, unknown>> = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) found.push(value as Record<string, unknown>);
  };
  let lineStart = 0;
  while (lineStart < log.length) {
    const newline = log.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? log.length : newline;
    let first = lineStart;
    while (first < lineEnd && (log[first] === ' ' || log[first] === '\t' || log[first] === '\r')) first += 1;
    const char = log[first];
    if (char === '{' || char === '[') {
      const close = findClosing(log, first);
      if (close !== -1) {
        try {
          collect(JSON.parse(log.slice(first, close + 1)));
          const next = log.indexOf('\n', close);
          lineStart = next === -1 ? log.length : next + 1;
          continue;
        } catch {
          // Not JSON after all (or cut): try the next line.
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return found;
};

const toRecord = (entry: Record<string, unknown>): ReportRecord | undefined => {
  if (entry.type !== 'platform.report') return undefined;
  const body = entry.record;
  if (typeof body !== 'object' || body === null) return undefined;
  const { metrics, requestId, status } = body as Record<string, unknown>;
  if (typeof metrics !== 'object' || metrics === null) return undefined;
  const values: Partial<Record<MetricField, number>> = {};
  for (const [field, key] of Object.entries(JSON_METRICS) as Array<[MetricField, string]>) {
    const value = (metrics as Record<string, unknown>)[key];
    if (typeof value === 'number' && Number.isFinite(value)) values[field] = value;
  }
  const { durationMs } = values;
  if (durationMs === undefined) return undefined;
  const record: ReportRecord = {
    ...values,
    durationMs,
    billedDurationMs: values.billedDurationMs ?? Math.ceil(durationMs),
  };
  if (typeof requestId === 'string') record.requestId = requestId;
  if (typeof status === 'string') record.status = status;
  return record;
};

const parseJsonReport = (log: string): ReportRecord | undefined => {
  const records = jsonObjects(log)
    .map(toRecord)
    .filter((record) => record !== undefined);
  return records.at(-1);
};

/**
 * Parses the last REPORT in a decoded log tail. A JSON `platform.report`
 * record wins over a text line; with neither (or with no `Duration`),
 * returns `undefined`. A missing `Billed Duration` (seen in hand-written
 * Powertools-style records) is derived as `ceil(Duration)`, Lambda's 1 ms
 * billing rule.
 *
 * @example
 * parseReport('REPORT RequestId: 3f2c\tDuration: 102.25 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\t');
 * // { requestId: '3f2c', durationMs: 102.25, billedDurationMs: 103, memorySizeMB: 128, maxMemoryUsedMB: 68 }
 */
const parseReport = (log: string): ReportRecord | undefined => {
  if (typeof log !== 'string' || log === '') return undefined;
  return (log.includes('platform.report') ? parseJsonReport(log) : undefined) ?? parseTextReport(log);
};

export { parseReport };
