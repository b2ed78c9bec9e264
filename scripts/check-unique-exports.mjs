#!/usr/bin/env node
/**
 * Fails when two files in src/ export a function under the same name: two
 * `formatMemory`s drift apart, and an import picks whichever the editor
 * offered first. Re-exports (`export { x } from './x.js'`) do not count; only
 * the module that defines a function does.
 *
 * Usage: node scripts/check-unique-exports.mjs [root]   (default: src)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Every .ts file under `dir`, sorted. */
const listSources = (dir) =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return listSources(path);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
    });

const isFunctionInitializer = (node) =>
  node !== undefined &&
  (ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    (ts.isAsExpression(node) && isFunctionInitializer(node.expression)) ||
    (ts.isSatisfiesExpression?.(node) && isFunctionInitializer(node.expression)));

const hasExportModifier = (node) => (ts.getModifiers?.(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The names under which `source` exports a function it defines. */
const exportedFunctions = (source) => {
  const functions = new Set();
  const exported = [];
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name !== undefined) {
      functions.add(statement.name.text);
      if (hasExportModifier(statement)) exported.push(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !isFunctionInitializer(declaration.initializer)) continue;
        functions.add(declaration.name.text);
        if (hasExportModifier(statement)) exported.push(declaration.name.text);
      }
    }
  }
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier !== undefined || statement.isTypeOnly) continue;
    if (statement.exportClause === undefined || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      const local = (element.propertyName ?? element.name).text;
      if (functions.has(local)) exported.push(element.name.text);
    }
  }
  return exported;
};

/**
 * Maps each exported function name to the files that define it.
 *
 * @example
 * findDuplicateExports('src'); // [['formatMemory', ['src/core/format/a.ts', 'src/report/format.ts']]]
 */
const findDuplicateExports = (root) => {
  const owners = new Map();
  for (const file of listSources(root)) {
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      false,
      ts.ScriptKind.TS,
    );
    for (const name of exportedFunctions(source))
      owners.set(name, [...(owners.get(name) ?? []), relative(process.cwd(), file)]);
  }
  return [...owners].filter(([, files]) => files.length > 1).sort(([a], [b]) => a.localeCompare(b));
};

const root = process.argv[2] ?? 'src';
const duplicates = findDuplicateExports(root);
if (duplicates.length > 0) {
  process.stderr.write(
    `check-unique-exports: ${duplicates.length} function name(s) exported by more than one file in ${root}/ — rename or merge them:\n`,
  );
  for (const [name, files] of duplicates) process.stderr.write(`  ${name}: ${files.join(', ')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`check-unique-exports: every exported function name in ${root}/ is unique\n`);
}
