import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { OUTPUT_MARKER, OutputCollector } from '../../../../src/emulator/runtime/output-collector.js';

const marker = (id: string): string => `${OUTPUT_MARKER}${id}\n`;

describe('Class: OutputCollector', () => {
  it('gives each phase the output written before its marker', async () => {
    // Prepare
    const output = new OutputCollector(new PassThrough());

    // Act
    output.push(`init line\n${marker('init')}first\n`);
    output.push(`${marker('r1')}second\n${marker('r2')}`);

    // Assess
    expect(await output.waitFor({ id: 'init', timeoutMs: 10 })).toBe('init line\n');
    expect(await output.waitFor({ id: 'r1', timeoutMs: 10 })).toBe('first\n');
    expect(await output.waitFor({ id: 'r2', timeoutMs: 10 })).toBe('second\n');
  });

  it('reassembles a marker split across chunks, keeping output without a trailing newline', async () => {
    const output = new OutputCollector(new PassThrough());
    const text = `no newline${marker('r1')}`;

    const waiting = output.waitFor({ id: 'r1', timeoutMs: 1000 });
    for (const char of text) output.push(char);

    expect(await waiting).toBe('no newline');
  });

  it('hands over the unclaimed output of a process killed before its marker', async () => {
    const stream = new PassThrough();
    const output = new OutputCollector(stream);
    output.push('partial work\n');

    const waiting = output.waitFor({ id: 'r1', timeoutMs: 1000 });
    stream.destroy();

    expect(await waiting).toBeUndefined();
    expect(output.takeRest()).toBe('partial work\n');
  });
});
