#!/usr/bin/env node
/**
 * `tsc` compiles TypeScript only; the emulator's runtime bootstraps are plain
 * JS/Python files that execution environments run as-is. Copy them next to
 * the compiled code so `dist/` works on its own.
 */
import { cp } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await cp(join(root, 'src/emulator/runtime/bootstrap'), join(root, 'dist/emulator/runtime/bootstrap'), {
  recursive: true,
});
