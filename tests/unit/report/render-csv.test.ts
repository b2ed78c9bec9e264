import { describe, expect, it } from 'vitest';
import type { TuningResult } from '../../../src/core/types.js';
import { MissingSamplesError, renderCsv } from '../../../src/report/index.js';
import { loadResult } from '../../fixtures/results/load-result.js';

/** A small RFC 4180 reader, so the tests check what a spreadsheet would read. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  return rows;
};

const records = (text: string): Array<Record<string, string>> => {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
};

describe('Function: renderCsv', () => {
  it('matches the stored per-size output of cpu-bound', async () => {
    await expect(renderCsv(loadResult('cpu-bound'), { per: 'size' })).toMatchFileSnapshot(
      './__snapshots__/cpu-bound.sizes.csv',
    );
  });

  it('writes one row per size with unformatted numbers that round-trip', () => {
    // Prepare
    const result = loadResult('cpu-bound');

    // Act
    const rows = records(renderCsv(result));

    // Assess
    expect(rows).toHaveLength(result.sizes.length);
    for (const size of result.sizes.filter((s) => s.status === 'ok')) {
      const row = rows.find((r) => r.memory_mb === String(size.value))!;
      expect(Number(row.average_price)).toBe(size.averagePrice);
      expect(Number(row.average_duration_ms)).toBe(size.averageDuration);
      expect(Number(row.duration_p95_ms)).toBe(size.duration.p95);
    }
    expect(rows.filter((r) => r.recommended === 'true').map((r) => r.memory_mb)).toEqual(['10240']);
  });

  it('leaves the measurements of a failed size empty and keeps its reason', () => {
    const failed = records(renderCsv(loadResult('cpu-bound')))[0]!;
    expect(failed).toMatchObject({ memory_mb: '128', status: 'failed', average_duration_ms: '', average_price: '' });
    expect(failed.failure_reason).toBe('Sandbox.Timedout: Task timed out after 15.00 seconds');
  });

  it('quotes fields with commas, quotes and line breaks as RFC 4180 says and ends lines with CRLF', () => {
    // Prepare
    const result: TuningResult = structuredClone(loadResult('cpu-bound'));
    const reason = 'Error: "bad", value\r\nat line 2';
    result.sizes[0]!.failureReason = reason;

    // Act
    const text = renderCsv(result);

    // Assess
    expect(text).toContain('"Error: ""bad"", value\r\nat line 2"');
    expect(records(text)[0]?.failure_reason).toBe(reason);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n(?!at line 2)/);
  });

  it('keeps a spreadsheet from evaluating a text field as a formula', () => {
    const result: TuningResult = structuredClone(loadResult('cpu-bound'));
    result.sizes[0]!.failureReason = '=HYPERLINK("http://x")';
    expect(records(renderCsv(result))[0]?.failure_reason).toBe('\'=HYPERLINK("http://x")');
  });

  it('writes one row per counted invocation from the samples', () => {
    const result = loadResult('cpu-bound');
    const rows = records(renderCsv(result, { per: 'invocation' }));
    const samples = result.samples ?? [];

    expect(rows).toHaveLength(samples.length);
    expect(rows[0]).toMatchObject({
      index: '1',
      memory_mb: '128',
      error_type: 'Sandbox.Timedout',
      cold_start: 'false',
    });
    const last = samples[samples.length - 1]!;
    expect(Number(rows[rows.length - 1]?.duration_ms)).toBe(last.report?.durationMs);
  });

  it('throws MissingSamplesError with the next step when a result has no samples', () => {
    const result = loadResult('network-bound');
    expect(() => renderCsv(result, { per: 'invocation' })).toThrow(MissingSamplesError);
    expect(() => renderCsv(result, { per: 'invocation' })).toThrow(/Use --per size/);
  });
});
