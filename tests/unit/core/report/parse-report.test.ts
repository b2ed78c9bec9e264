import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../../src/core/index.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/logs/${name}`, import.meta.url), 'utf8');

// The reference's own test logs (test/unit/test-utils.js), rebuilt verbatim.
const REQUEST = '55bc566d-1e2c-11e7-93e6-6705ceb4c1cc';
const textLog =
  `START RequestId: ${REQUEST} Version: $LATEST\n` +
  `END RequestId: ${REQUEST}\n` +
  `REPORT RequestId: ${REQUEST}\tDuration: 469.40 ms\tBilled Duration: 500 ms\tMemory Size: 1024 MB\tMax Memory Used: 21 MB\tInit Duration: 100.99 ms`;
const textLogSnapStart =
  `START RequestId: ${REQUEST} Version: $LATEST\n` +
  `END RequestId: ${REQUEST}\n` +
  `REPORT RequestId: ${REQUEST}\tDuration: 469.40 ms\tBilled Duration: 500 ms\tMemory Size: 1024 MB\tMax Memory Used: 21 MB\tRestore Duration: 474.16 ms\tBilled Restore Duration: 75 ms`;
const JSON_ID = 'd661f7cf-9208-46b9-85b0-213b04a91065';
const appLine = `{"timestamp":"2024-02-09T08:42:44.078Z","level":"INFO","requestId":"${JSON_ID}","message":"Just some logs here =)"}`;
const startLine = `{"time":"2024-02-09T08:42:44.078Z","type":"platform.start","record":{"requestId":"${JSON_ID}","version":"8"}}`;
const runtimeDone = `{"time":"2024-02-09T08:42:44.079Z","type":"platform.runtimeDone","record":{"requestId":"${JSON_ID}","status":"success","spans":[{"name":"responseLatency","start":"2024-02-09T08:42:44.078Z","durationMs":0.677}],"metrics":{"durationMs":1.056,"producedBytes":50}}}`;
const report = (metrics: string): string =>
  `{"time":"2024-02-09T08:42:44.080Z","type":"platform.report","record":{"requestId":"${JSON_ID}","status":"success","metrics":{${metrics}}}}`;
const jsonLog = [
  appLine,
  startLine,
  runtimeDone,
  report('"durationMs":1.317,"billedDurationMs":2,"memorySizeMB":1024,"maxMemoryUsedMB":68,"initDurationMs": 10'),
].join('\n');
const jsonLogSnapStart = [
  appLine,
  startLine,
  runtimeDone,
  report(
    '"durationMs": 147.156,"billedDurationMs": 201, "memorySizeMB": 512,"maxMemoryUsedMB": 91,"restoreDurationMs": 500.795,"billedRestoreDurationMs": 53 ',
  ),
].join('\n');
const extensionText =
  '[AWS Parameters and Secrets Lambda Extension] 2024/04/11 02:14:17 PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL is info. Log level set to info.';
const jsonMixedLog = `${appLine}\n${extensionText}${startLine}\n${runtimeDone}\n${report('"durationMs":1.317,"billedDurationMs":4,"memorySizeMB":1024,"maxMemoryUsedMB":68,"initDurationMs": 20')}`;
const jsonMixedInvalid = `${appLine.slice(0, -1)}\n${extensionText}${startLine}\n${runtimeDone}\n${report('"durationMs":1.317,"billedDurationMs":8,"memorySizeMB":1024,"maxMemoryUsedMB":68,"initDurationMs": 30')}`;
const prettyPrinted = `
            {
            "cold_start": true,
            "function_name": "TestFunction",
            "level": "INFO",
            "type": "platform.report",
            "record": {
                "metrics": {
                "durationMs": 100.0,
                "initDurationMs": 200.0
                }
            }
            }`;
const prettyArray = `
            [{
                "type": "platform.report",
                "record": { "metrics": { "durationMs": 100.0, "initDurationMs": 200.0 } }
                },{
                "type": "platform.test",
                "record": { "metrics": { "durationMs": 999.0 } }
            }]`;
const emptyLines = `

            [
        
        {
        "type": "platform.report",
        "record": {
            "metrics": {
            "durationMs": 100.0
            }
        }
        }
        ,
        {
        "some": "other log"
        }
        
            ]

        `;

describe('Function: parseReport', () => {
  describe('reference golden values', () => {
    it.each([
      ['text Duration', textLog, 'durationMs', 469.4],
      ['text Init Duration', textLog, 'initDurationMs', 100.99],
      ['text Billed Duration', textLog, 'billedDurationMs', 500],
      ['text SnapStart Restore Duration', textLogSnapStart, 'restoreDurationMs', 474.16],
      ['text SnapStart Billed Restore Duration', textLogSnapStart, 'billedRestoreDurationMs', 75],
      ['JSON durationMs', jsonLog, 'durationMs', 1.317],
      ['JSON initDurationMs', jsonLog, 'initDurationMs', 10],
      ['JSON restoreDurationMs', jsonLogSnapStart, 'restoreDurationMs', 500.795],
      ['JSON billedRestoreDurationMs', jsonLogSnapStart, 'billedRestoreDurationMs', 53],
      ['mixed JSON and text lines', jsonMixedLog, 'durationMs', 1.317],
      ['mixed lines with an invalid JSON line', jsonMixedInvalid, 'durationMs', 1.317],
      ['mixed lines with an invalid JSON line (billed)', jsonMixedInvalid, 'billedDurationMs', 8],
      ['Powertools pretty-printed record', prettyPrinted, 'durationMs', 100],
      ['pretty-printed JSON array', prettyArray, 'durationMs', 100],
      ['pretty-printed array with empty lines', emptyLines, 'durationMs', 100],
    ] as const)('reads %s', (_name, log, field, expected) => {
      expect(parseReport(log)?.[field]).toBe(expected);
    });

    it.each([
      ['text', textLog, 469.4 + 100.99, 570.39],
      ['text SnapStart', textLogSnapStart, 469.4 + 474.16, 943.56],
    ])('gives the reference total duration for a %s log', (_name, log, _sum, expected) => {
      const record = parseReport(log);
      const total = (record?.durationMs ?? 0) + (record?.initDurationMs ?? 0) + (record?.restoreDurationMs ?? 0);
      expect(total).toBeCloseTo(expected, 10);
    });

    it('adds Billed Restore Duration to Billed Duration like the reference (500 + 75 = 575)', () => {
      const record = parseReport(textLogSnapStart);
      expect((record?.billedDurationMs ?? 0) + (record?.billedRestoreDurationMs ?? 0)).toBe(575);
    });
  });

  describe('cases the reference gets wrong, fixed', () => {
    it('returns a record without initDurationMs for a warm JSON log instead of throwing (reference #305)', () => {
      // Prepare
      const log = fixture('json-warm.log');
      // Act
      const record = parseReport(log);
      // Assess
      expect(record).toEqual({
        requestId: 'c1d2e3f4-aaaa-bbbb-cccc-ddddeeeeffff',
        durationMs: 41.877,
        billedDurationMs: 42,
        memorySizeMB: 512,
        maxMemoryUsedMB: 83,
        status: 'success',
      });
      expect(record?.initDurationMs).toBeUndefined();
      expect(record?.restoreDurationMs).toBeUndefined();
    });

    it('reads the REPORT of a 4 KB tail that starts mid-line', () => {
      // Prepare: lots of application logging, then the tail Lambda returns
      const id = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
      const lines = Array.from(
        { length: 200 },
        (_, i) => `2024-05-14T09:12:03.118Z\t${id}\tINFO\tprocessing item ${i} of 200`,
      );
      const full = `START RequestId: ${id} Version: 3\n${lines.join('\n')}\nEND RequestId: ${id}\nREPORT RequestId: ${id}\tDuration: 803.5 ms\tBilled Duration: 804 ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB\t\n`;
      const tail = full.slice(-4096);
      // Act
      const record = parseReport(tail);
      // Assess
      expect(tail.startsWith('2024')).toBe(false);
      expect(record?.durationMs).toBe(803.5);
      expect(record?.billedDurationMs).toBe(804);
    });

    it('reads a JSON tail that starts in the middle of a record', () => {
      const tail = `"durationMs":0.677}],"metrics":{"durationMs":1.056}}}\n${report('"durationMs":7.5,"billedDurationMs":8,"memorySizeMB":128,"maxMemoryUsedMB":40')}\n`;
      expect(parseReport(tail)).toMatchObject({ durationMs: 7.5, billedDurationMs: 8, memorySizeMB: 128 });
    });

    it.each([
      ['Duration: 5 ms', 5],
      ['Duration: 5.0 ms', 5],
      ['Duration: 1234 ms', 1234],
    ])('reads a duration without decimals (%s)', (field, expected) => {
      const log = `REPORT RequestId: abc\t${field}\tBilled Duration: ${Math.ceil(expected)} ms\tMemory Size: 128 MB\tMax Memory Used: 20 MB`;
      expect(parseReport(log)?.durationMs).toBe(expected);
    });
  });

  describe('real-world REPORT lines', () => {
    it('reads a cold Node.js REPORT with tabs and a trailing tab', () => {
      expect(parseReport(fixture('text-cold-nodejs.log'))).toEqual({
        requestId: '3f2c9a1e-8b7d-4e0a-9c51-2d4f6b8e7a10',
        durationMs: 102.25,
        billedDurationMs: 103,
        memorySizeMB: 128,
        maxMemoryUsedMB: 68,
        initDurationMs: 171.73,
      });
    });

    it('reads a warm REPORT without Init Duration', () => {
      const record = parseReport(fixture('text-warm-nodejs.log'));
      expect(record).toMatchObject({ durationMs: 12.01, billedDurationMs: 13, maxMemoryUsedMB: 69 });
      expect(record?.initDurationMs).toBeUndefined();
    });

    it('reads the status of a timed-out invocation', () => {
      expect(parseReport(fixture('text-timeout.log'))).toMatchObject({ durationMs: 3000, status: 'timeout' });
    });

    it('reads a REPORT whose tabs were turned into spaces', () => {
      const log =
        'REPORT RequestId: 1a2b Duration: 10.5 ms Billed Duration: 11 ms Memory Size: 128 MB Max Memory Used: 30 MB Init Duration: 120.01 ms';
      expect(parseReport(log)).toMatchObject({ durationMs: 10.5, billedDurationMs: 11, initDurationMs: 120.01 });
    });

    it('reads the reference base64 fixture with a space before the tab', () => {
      const log =
        'REPORT RequestId: 479fb51c-1e38-11e7-99ca-67bf163608ed\tDuration: 1.0 ms\tBilled Duration: 1 ms \tMemory Size: 128 MB\tMax Memory Used: 15 MB';
      expect(parseReport(log)).toMatchObject({ durationMs: 1, billedDurationMs: 1, memorySizeMB: 128 });
    });

    it('uses the last REPORT line when the tail holds two invocations', () => {
      const log = `${fixture('text-cold-nodejs.log')}${fixture('text-warm-nodejs.log')}`;
      expect(parseReport(log)?.requestId).toBe('9d0e7c55-41b2-4f3a-8a6e-0c1b2d3e4f50');
    });

    it('prefers the JSON platform.report when application lines mention REPORT', () => {
      const log = `{"message":"REPORT RequestId: fake\\tDuration: 1.00 ms"}\n${report('"durationMs":22.2,"billedDurationMs":23')}`;
      expect(parseReport(log)?.durationMs).toBe(22.2);
    });
  });

  describe('no usable REPORT', () => {
    it.each([
      ['an empty string', ''],
      ['plain text', 'hello world'],
      ['a START line only', `START RequestId: ${REQUEST} Version: $LATEST\n`],
      ['JSON without platform.report', '{\n  "message": "some log"\n}\n{\n  "another": "log"\n}'],
      [
        'a platform.report without durationMs',
        '{"type":"platform.report","record":{"metrics":{"initDurationMs":200.0}}}',
      ],
      ['a REPORT line cut before Duration', `REPORT RequestId: ${REQUEST}\tDur`],
    ])('returns undefined for %s', (_name, log) => {
      expect(parseReport(log)).toBeUndefined();
    });
  });
});
