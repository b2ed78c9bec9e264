import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipFormatError } from '../../../src/emulator/errors.js';
import { crc32, createZip, readZip } from '../../../src/emulator/zip.js';

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const hasZip = hasCommand('zip');
const hasUnzip = hasCommand('unzip');
if (!hasZip) console.warn('[notice] `zip` command not found: skipping the system-zip compatibility test of readZip');
if (!hasUnzip)
  console.warn('[notice] `unzip` command not found: skipping the system-unzip compatibility test of createZip');

const work = mkdtempSync(join(tmpdir(), 'powertune-zip-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Function: crc32', () => {
  it.each([
    ['', 0x00000000],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('returns the standard CRC-32 of %j', (input, expected) => {
    expect(crc32(Buffer.from(input))).toBe(expected);
  });
});

describe('Function: createZip / readZip', () => {
  const files = [
    { path: 'index.mjs', data: Buffer.from('export const handler = async () => 42;\n') },
    { path: 'lib/deep/util.mjs', data: Buffer.from('x'.repeat(100_000)) },
    { path: 'empty.txt', data: Buffer.alloc(0) },
    { path: 'binary.bin', data: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)) },
    { path: 'bootstrap', data: Buffer.from('#!/bin/sh\necho hi\n'), mode: 0o755 },
  ];

  it('returns the same files, bytes and modes after a round trip', () => {
    // Act
    const entries = readZip(createZip(files));

    // Assess
    expect(entries.map((entry) => entry.path)).toEqual(files.map((file) => file.path));
    entries.forEach((entry, index) => expect(entry.data.equals(files[index]!.data)).toBe(true));
    expect(entries.find((entry) => entry.path === 'bootstrap')?.mode).toBe(0o755);
    expect(entries.find((entry) => entry.path === 'index.mjs')?.mode).toBe(0o644);
  });

  it('returns identical bytes for identical files (a stable CodeSha256)', () => {
    expect(createZip(files).equals(createZip(files))).toBe(true);
  });

  it('returns a smaller archive than the input when data compresses', () => {
    const zip = createZip([{ path: 'a.txt', data: Buffer.from('a'.repeat(1_000_000)) }]);
    expect(zip.length).toBeLessThan(10_000);
  });

  it.skipIf(!hasUnzip)('returns an archive the system unzip accepts', () => {
    // Prepare
    const path = join(work, 'ours.zip');
    writeFileSync(path, createZip(files));
    const out = join(work, 'unzipped');

    // Act
    execFileSync('unzip', ['-q', '-o', path, '-d', out]);

    // Assess
    expect(readFileSync(join(out, 'lib/deep/util.mjs')).equals(files[1]!.data)).toBe(true);
    expect(readFileSync(join(out, 'binary.bin')).equals(files[3]!.data)).toBe(true);
  });

  it.skipIf(!hasZip)('reads an archive made by the system zip command (deflate, stored, folders)', () => {
    // Prepare
    const source = join(work, 'src');
    mkdirSync(join(source, 'nested'), { recursive: true });
    writeFileSync(join(source, 'index.js'), 'exports.handler = async () => "ok";\n'.repeat(50));
    writeFileSync(join(source, 'nested', 'data.json'), JSON.stringify({ a: 1 }));
    writeFileSync(join(source, 'run.sh'), '#!/bin/sh\n');
    chmodSync(join(source, 'run.sh'), 0o755);
    const deflated = join(work, 'deflated.zip');
    const stored = join(work, 'stored.zip');
    execFileSync('zip', ['-q', '-r', deflated, '.'], { cwd: source });
    execFileSync('zip', ['-q', '-0', '-r', stored, '.'], { cwd: source });

    for (const archive of [deflated, stored]) {
      // Act
      const entries = readZip(readFileSync(archive));

      // Assess
      const byPath = new Map(entries.map((entry) => [entry.path, entry]));
      expect([...byPath.keys()].sort()).toEqual(['index.js', 'nested/data.json', 'run.sh']);
      expect(byPath.get('index.js')?.data.toString()).toBe('exports.handler = async () => "ok";\n'.repeat(50));
      expect(byPath.get('run.sh')?.mode).toBe(0o755);
    }
  });
});

describe('Function: readZip errors', () => {
  const valid = createZip([{ path: 'index.mjs', data: Buffer.from('hello zip world '.repeat(4)) }]);

  it('throws ZipFormatError when the bytes are not a zip', () => {
    expect(() => readZip(Buffer.from('this is definitely not a zip archive at all'))).toThrow(ZipFormatError);
  });

  it('throws ZipFormatError when an entry is corrupt', () => {
    // Prepare: flip a byte inside the first entry's data
    const corrupt = Buffer.from(valid);
    const dataStart = 30 + 'index.mjs'.length;
    corrupt[dataStart + 2] = (corrupt[dataStart + 2] ?? 0) ^ 0xff;

    // Act / Assess
    expect(() => readZip(corrupt)).toThrow(ZipFormatError);
  });

  it('throws ZipFormatError naming the entry when a path escapes the archive', () => {
    // Prepare: rename a 9-character entry to ../evil.x in both headers
    const evil = Buffer.from(valid);
    let index = evil.indexOf('index.mjs');
    while (index !== -1) {
      evil.write('../evil.x', index);
      index = evil.indexOf('index.mjs', index + 1);
    }

    // Act
    const error = (() => {
      try {
        readZip(evil);
        return undefined;
      } catch (caught) {
        return caught as ZipFormatError;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(ZipFormatError);
    expect(error?.entry).toBe('../evil.x');
  });

  it('throws ZipFormatError when the archive unzips beyond the limit', () => {
    const big = createZip([{ path: 'big.txt', data: Buffer.alloc(10_000, 0x61) }]);
    expect(() => readZip(big, { maxUncompressedBytes: 1000 })).toThrow(/unzips to more than 1000 bytes/);
  });

  it('throws ZipFormatError when createZip is given an unsafe path', () => {
    expect(() => createZip([{ path: '/etc/passwd', data: Buffer.from('x') }])).toThrow(ZipFormatError);
  });
});
