/**
 * Deployment packages: the zip bytes (served back by GetFunction's
 * `Code.Location`) and one unzipped directory per `CodeSha256`, which the
 * execution environments run from.
 *
 * @module emulator/code-store
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LAMBDA_LIMITS } from './constants.js';
import { InvalidParameterValueError, RequestTooLargeError, ZipFormatError } from './errors.js';
import { readZip } from './zip.js';

/** A stored package. */
interface StoredCode {
  /** Base64 SHA-256 of the zip (Lambda's `CodeSha256`). */
  sha256: string;
  /** Hex SHA-256, used in paths and URLs. */
  hex: string;
  size: number;
  dir: string;
}

/**
 * Stores zips and their unzipped trees; `close()` removes every directory it made.
 *
 * @example
 * const store = new CodeStore();
 * const code = store.add(zipBytes); // { sha256, hex, size, dir }
 */
class CodeStore {
  readonly #parent: string | undefined;
  #root: string | undefined;
  readonly #byHex = new Map<string, { zip: Buffer; code: StoredCode }>();

  /** `directory`: where to unzip (default: a new temp directory). */
  public constructor({ directory }: { directory?: string } = {}) {
    this.#parent = directory;
  }

  /** Validates, stores and unzips a package (once per content). */
  public add(zip: Buffer): StoredCode {
    if (zip.length > LAMBDA_LIMITS.zippedCodeBytes)
      throw new RequestTooLargeError({ limitBytes: LAMBDA_LIMITS.zippedCodeBytes, operation: 'CreateFunction' });
    const digest = createHash('sha256').update(zip).digest();
    const hex = digest.toString('hex');
    const known = this.#byHex.get(hex);
    if (known) return known.code;
    let entries;
    try {
      entries = readZip(zip);
    } catch (cause) {
      if (cause instanceof ZipFormatError && /unzips to more than/.test(cause.message)) {
        throw new InvalidParameterValueError({
          message: `Unzipped size must be smaller than ${LAMBDA_LIMITS.unzippedCodeBytes} bytes`,
          cause,
        });
      }
      throw new InvalidParameterValueError({
        message: `Could not unzip uploaded file. Please check your file, then try to upload again. (${(cause as Error).message})`,
        cause,
      });
    }
    const dir = join(this.#rootDir(), hex);
    mkdirSync(dir, { recursive: true });
    for (const entry of entries) {
      const target = join(dir, entry.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, entry.data);
      chmodSync(target, entry.mode);
    }
    const code: StoredCode = { sha256: digest.toString('base64'), hex, size: zip.length, dir };
    this.#byHex.set(hex, { zip, code });
    return code;
  }

  /** The zip bytes of a package, by hex SHA-256. */
  public zipOf(hex: string): Buffer | undefined {
    return this.#byHex.get(hex)?.zip;
  }

  /** Total bytes of every stored zip. */
  public get totalBytes(): number {
    let total = 0;
    for (const { code } of this.#byHex.values()) total += code.size;
    return total;
  }

  /** Removes every unzipped tree. */
  public close(): void {
    if (this.#root !== undefined) rmSync(this.#root, { recursive: true, force: true });
    this.#root = undefined;
    this.#byHex.clear();
  }

  #rootDir(): string {
    if (this.#root === undefined) {
      const parent = this.#parent ?? tmpdir();
      mkdirSync(parent, { recursive: true });
      this.#root = mkdtempSync(join(parent, 'powertune-emulator-code-'));
    }
    return this.#root;
  }
}

export { CodeStore };
export type { StoredCode };
