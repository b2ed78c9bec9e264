/**
 * Sets `MemorySize` of SAM / CloudFormation functions in a template's text,
 * changing nothing else: the new value is spliced into the original text at
 * the node's position (comments, quoting and layout stay byte for byte).
 *
 * @module tuner/fleet/apply-to-sam-template
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { ExitCode } from '../../core/index.js';
import { TunerError } from '../errors.js';

const FUNCTION_TYPES = ['AWS::Serverless::Function', 'AWS::Lambda::Function'] as const;

/** A function resource of the template. */
interface TemplateFunction {
  logicalId: string;
  /** The literal `FunctionName`, when it is a plain string. */
  functionName?: string;
  /** `MemorySize` on the resource (undefined: Globals or Lambda's default apply). */
  memoryMB?: number;
}

/** One MemorySize change. */
interface TemplateChange {
  logicalId: string;
  functionName: string;
  from?: number;
  to: number;
}

/** Why a template could not be read (the user's file: exit 2). */
class TemplateError extends TunerError {
  public override readonly exitCode: number = ExitCode.BadInput;

  public constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const resourcesOf = (doc: Document): Array<{ logicalId: string; node: YAMLMap }> => {
  const resources = doc.get('Resources', true);
  if (!isMap(resources)) return [];
  return (resources.items as Array<Pair<unknown, unknown>>).flatMap((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const node = pair.value;
    if (!isMap(node)) return [];
    const type = node.get('Type');
    return typeof type === 'string' && (FUNCTION_TYPES as readonly string[]).includes(type)
      ? [{ logicalId: key, node }]
      : [];
  });
};

const parse = (text: string): Document => {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0)
    throw new TemplateError(
      `expected a YAML or JSON template; got ${doc.errors[0]?.message.split('\n')[0] ?? 'a parse error'}`,
    );
  return doc;
};

/**
 * The function resources of a template.
 *
 * @example
 * listTemplateFunctions(text); // [{ logicalId: 'Orders', functionName: 'orders', memoryMB: 1024 }]
 */
const listTemplateFunctions = (text: string): TemplateFunction[] =>
  resourcesOf(parse(text)).map(({ logicalId, node }) => {
    const properties = node.get('Properties');
    const name = isMap(properties) ? properties.get('FunctionName', true) : undefined;
    const memory = isMap(properties) ? properties.get('MemorySize') : undefined;
    return {
      logicalId,
      ...(isScalar(name) && typeof name.value === 'string' && name.tag === undefined
        ? { functionName: name.value }
        : {}),
      ...(typeof memory === 'number' ? { memoryMB: memory } : {}),
    };
  });

/**
 * Applies `MemorySize` changes (by logical ID) to the template text.
 *
 * @example
 * applyMemorySizes({ text, sizes: new Map([['Orders', 512]]) });
 */
const applyMemorySizes = ({ text, sizes }: { text: string; sizes: ReadonlyMap<string, number> }): string => {
  const doc = parse(text);
  const edits: Array<{ at: number; end: number; insert: string }> = [];
  let fallback = false;
  for (const { logicalId, node } of resourcesOf(doc)) {
    const size = sizes.get(logicalId);
    if (size === undefined) continue;
    const properties = node.get('Properties', true) as Node | undefined;
    const memory = isMap(properties) ? (properties.get('MemorySize', true) as Node | undefined) : undefined;
    if (isScalar(memory) && memory.range !== undefined && memory.range !== null) {
      edits.push({ at: memory.range[0], end: memory.range[1], insert: String(size) });
      continue;
    }
    const first =
      isMap(properties) && properties.flow !== true ? (properties.items[0]?.key as Node | undefined) : undefined;
    if (first?.range !== undefined && first.range !== null) {
      let lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
      const indent = text.slice(lineStart, first.range[0]);
      // Above the comment lines that belong to the first key, so they stay with it.
      for (;;) {
        const previousStart = lineStart === 0 ? -1 : text.lastIndexOf('\n', lineStart - 2) + 1;
        if (previousStart < 0 || !text.slice(previousStart, lineStart - 1).startsWith(`${indent}#`)) break;
        lineStart = previousStart;
      }
      if (/^ *$/.test(indent)) {
        edits.push({ at: lineStart, end: lineStart, insert: `${indent}MemorySize: ${size}\n` });
        continue;
      }
    }
    if (isMap(properties) && properties.flow === true && properties.range !== undefined && properties.range !== null) {
      // JSON templates are flow maps: insert the key right after the brace.
      const comma = properties.items.length > 0 ? ',' : '';
      edits.push({
        at: properties.range[0] + 1,
        end: properties.range[0] + 1,
        insert: ` "MemorySize": ${size}${comma}`,
      });
      continue;
    }
    // A missing Properties map: let the YAML library write it.
    doc.setIn(['Resources', logicalId, 'Properties', 'MemorySize'], size);
    fallback = true;
  }
  if (fallback) return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  let result = text;
  for (const edit of edits.sort((a, b) => b.at - a.at))
    result = `${result.slice(0, edit.at)}${edit.insert}${result.slice(edit.end)}`;
  return result;
};

export { applyMemorySizes, listTemplateFunctions, TemplateError };
export type { TemplateChange, TemplateFunction };
