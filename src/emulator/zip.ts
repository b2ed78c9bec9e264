/**
 * A small zip reader and writer on `node:zlib` (stored and deflate entries):
 * enough for Lambda deployment packages. The writer is deterministic — same
 * files, same bytes, same `CodeSha256` — because every entry gets a fixed
 * date and entries keep the order given.
 *
 * Format: PKWARE APPNOTE.TXT (local headers, central directory, end of
 * central directory). Zip64 and encryption are not supported (Lambda's
 * 250 MB unzipped limit keeps packages far below 4 GB).
 *
 * @module emulator/zip
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { LAMBDA_LIMITS, ZIP } from './constants.js';
import { ZipFormatError } from './errors.js';

/** One file of an archive. `mode` is the UNIX permission bits (default 0o644). */
interface ZipFile {
  path: string;
  data: Buffer;
  mode?: number;
}

/** A file read from an archive. */
interface ZipEntry {
  path: string;
  data: Buffer;
  mode: number;
}

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The standard CRC-32 (IEEE 802.3) of some bytes, as zip stores it.
 *
 * @example
 * crc32(Buffer.from('123456789')); // 0xcbf43926
 */
function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Refuses absolute paths, `..` segments, backslashes and empty names. */
function checkEntryPath(path: string): void {
  const segments = path.split('/');
  const unsafe =
    path === '' ||
    path.startsWith('/') ||
    path.includes('\\') ||
    path.includes('\0') ||
    /^[A-Za-z]:/.test(path) ||
    segments.some((segment) => segment === '..');
  if (unsafe) {
    throw new ZipFormatError({
      message: `Zip entry ${JSON.stringify(path)} is not a safe relative path (absolute, drive letter, backslash or '..'): entries must stay inside the archive. Rename it and zip again.`,
      entry: path,
    });
  }
}

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(date.getFullYear(), ZIP.dosYearOffset);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - ZIP.dosYearOffset) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/**
 * Builds a zip archive. Entries are deflated when that makes them smaller,
 * stored otherwise; every entry carries `date` (default 1980-01-01) so the
 * same files always give the same bytes.
 *
 * @example
 * const zip = createZip([{ path: 'index.mjs', data: Buffer.from('export const handler = async () => 1;') }]);
 */
function createZip(files: readonly ZipFile[], { date = ZIP.fixedDate }: { date?: Date } = {}): Buffer {
  const stamp = dosDateTime(date);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    checkEntryPath(file.path);
    const name = Buffer.from(file.path, 'utf8');
    const deflated = file.data.length === 0 ? file.data : deflateRawSync(file.data, { level: 9 });
    const useDeflate = deflated.length < file.data.length;
    const body = useDeflate ? deflated : file.data;
    const method = useDeflate ? ZIP.methodDeflate : ZIP.methodStored;
    const crc = crc32(file.data);
    const mode = (file.mode ?? ZIP.defaultFileMode) & ZIP.permissionBits;

    const local = Buffer.alloc(ZIP.localHeaderSize);
    local.writeUInt32LE(ZIP.localHeaderSignature, 0);
    local.writeUInt16LE(ZIP.versionNeeded, 4);
    local.writeUInt16LE(ZIP.flagUtf8, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(stamp.time, 10);
    local.writeUInt16LE(stamp.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(ZIP.centralHeaderSize);
    central.writeUInt32LE(ZIP.centralHeaderSignature, 0);
    central.writeUInt16LE(ZIP.versionMadeByUnix, 4);
    central.writeUInt16LE(ZIP.versionNeeded, 6);
    central.writeUInt16LE(ZIP.flagUtf8, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(stamp.time, 12);
    central.writeUInt16LE(stamp.date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    central.writeUInt32LE(((ZIP.regularFileType | mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(ZIP.endOfCentralDirectorySize);
  end.writeUInt32LE(ZIP.endOfCentralDirectorySignature, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const earliest = Math.max(0, zip.length - ZIP.endOfCentralDirectorySize - ZIP.maxCommentSize);
  for (let index = zip.length - ZIP.endOfCentralDirectorySize; index >= earliest; index -= 1) {
    if (zip.readUInt32LE(index) === ZIP.endOfCentralDirectorySignature) return index;
  }
  throw new ZipFormatError({
    message: `The data is not a zip archive (${zip.length} bytes, no end-of-central-directory record). Create it with \`zip -r\` or createZip().`,
  });
}

function corrupt(message: string, entry?: string): ZipFormatError {
  return new ZipFormatError({
    message: `The zip archive is corrupt: ${message}. Create the archive again.`,
    ...(entry === undefined ? {} : { entry }),
  });
}

/**
 * Reads every file of a zip archive (folders are skipped), checking CRCs,
 * paths and the total unzipped size.
 *
 * @example
 * for (const { path, data, mode } of readZip(zipBytes)) console.log(path, data.length, mode.toString(8));
 */
function readZip(
  zip: Buffer,
  { maxUncompressedBytes = LAMBDA_LIMITS.unzippedCodeBytes }: { maxUncompressedBytes?: number } = {},
): ZipEntry[] {
  if (zip.length < ZIP.endOfCentralDirectorySize) {
    throw new ZipFormatError({
      message: `The data is not a zip archive (${zip.length} bytes is shorter than an empty archive). Create it with \`zip -r\` or createZip().`,
    });
  }
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let cursor = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let index = 0; index < count; index += 1) {
    if (cursor + ZIP.centralHeaderSize > zip.length || zip.readUInt32LE(cursor) !== ZIP.centralHeaderSignature)
      throw corrupt(`central directory entry ${index} is missing`);
    const madeBy = zip.readUInt16LE(cursor + 4);
    const flags = zip.readUInt16LE(cursor + 8);
    const method = zip.readUInt16LE(cursor + 10);
    const crc = zip.readUInt32LE(cursor + 16);
    const compressedSize = zip.readUInt32LE(cursor + 20);
    const size = zip.readUInt32LE(cursor + 24);
    const nameLength = zip.readUInt16LE(cursor + 28);
    const extraLength = zip.readUInt16LE(cursor + 30);
    const commentLength = zip.readUInt16LE(cursor + 32);
    const external = zip.readUInt32LE(cursor + 38);
    const localOffset = zip.readUInt32LE(cursor + 42);
    const path = zip
      .subarray(cursor + ZIP.centralHeaderSize, cursor + ZIP.centralHeaderSize + nameLength)
      .toString('utf8');
    cursor += ZIP.centralHeaderSize + nameLength + extraLength + commentLength;

    checkEntryPath(path.endsWith('/') ? path.slice(0, -1) || '.' : path);
    if (path.endsWith('/')) continue;
    if (flags & ZIP.flagEncrypted)
      throw new ZipFormatError({
        message: `Zip entry ${JSON.stringify(path)} is encrypted; Lambda packages cannot be. Zip it again without a password.`,
        entry: path,
      });
    total += size;
    if (total > maxUncompressedBytes) {
      throw new ZipFormatError({
        message: `The zip archive unzips to more than ${maxUncompressedBytes} bytes (the limit). Make the package smaller.`,
        entry: path,
      });
    }
    if (localOffset + ZIP.localHeaderSize > zip.length || zip.readUInt32LE(localOffset) !== ZIP.localHeaderSignature)
      throw corrupt(`local header of ${JSON.stringify(path)} is missing`, path);
    const dataStart =
      localOffset + ZIP.localHeaderSize + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    if (raw.length !== compressedSize) throw corrupt(`${JSON.stringify(path)} is truncated`, path);

    let data: Buffer;
    if (method === ZIP.methodStored) {
      data = Buffer.from(raw);
    } else if (method === ZIP.methodDeflate) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
      } catch (cause) {
        throw new ZipFormatError({
          message: `The zip archive is corrupt: ${JSON.stringify(path)} does not inflate (${(cause as Error).message}). Create the archive again.`,
          entry: path,
          cause,
        });
      }
    } else {
      throw new ZipFormatError({
        message: `Zip entry ${JSON.stringify(path)} uses compression method ${method}; only stored (0) and deflate (8) are supported. Zip it again with \`zip -r\`.`,
        entry: path,
      });
    }
    if (data.length !== size || crc32(data) !== crc)
      throw corrupt(`${JSON.stringify(path)} fails its CRC-32 check`, path);

    const unixMode = madeBy >> 8 === ZIP.hostUnix ? (external >>> 16) & ZIP.permissionBits : 0;
    entries.push({ path, data, mode: unixMode === 0 ? ZIP.defaultFileMode : unixMode });
  }
  return entries;
}

export { crc32, createZip, readZip };
export type { ZipEntry, ZipFile };
