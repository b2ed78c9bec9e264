/**
 * Writes a command's output files at the end of a run. A file that cannot
 * be written (disk full, folder removed meanwhile) does not lose the
 * result: the caller prints it on stdout instead, and stderr says which
 * file could not be written and why.
 *
 * @module cli/write-output-files
 */
import { mkdir, writeFile as fsWriteFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CommandContext } from './types.js';

/** One file to write: the flag that asked for it, its absolute path and its content. */
interface OutputFile {
  field: string;
  path: string;
  content: () => string;
}

/** The default writer: creates missing folders, then writes the file. */
const defaultWriteFile = async (path: string, content: string): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  await fsWriteFile(path, content);
};

/**
 * Writes every file; returns the ones that failed (each already reported
 * on stderr). Never throws for a write failure.
 *
 * @example
 * const failed = await writeOutputFiles({ files: [{ field: '--out', path, content: () => json }], context });
 */
const writeOutputFiles = async ({
  files,
  context,
}: {
  files: OutputFile[];
  context: CommandContext;
}): Promise<OutputFile[]> => {
  const write = context.writeFile ?? defaultWriteFile;
  const failed: OutputFile[] = [];
  for (const file of files) {
    try {
      await write(file.path, file.content());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      context.stderr.write(
        `powertune: ${file.field}: could not write ${file.path} (${reason}); the result JSON is printed on stdout instead\n`,
      );
      failed.push(file);
    }
  }
  return failed;
};

export { writeOutputFiles };
export type { OutputFile };
