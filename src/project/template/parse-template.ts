/**
 * Parses a CloudFormation / SAM template (YAML or JSON) into plain data,
 * turning the YAML short forms (`!Ref`, `!Sub`, `!GetAtt` …) into their
 * long forms (`{ Ref }`, `{ 'Fn::Sub' }`, `{ 'Fn::GetAtt': [..] }`). Pure.
 *
 * @module project/template/parse-template
 */
import { parse } from 'yaml';
import type { Tags } from 'yaml';
import { ProjectInputError } from '../errors.js';

/** CloudFormation's intrinsic functions that have a YAML short form. */
const SHORT_FORMS = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'Join',
  'If',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'ImportValue',
  'GetAZs',
  'Equals',
  'Not',
  'And',
  'Or',
  'Cidr',
  'Transform',
  'ToJsonString',
  'Length',
] as const;

const longName = (name: string): string => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);

const CUSTOM_TAGS: Tags = SHORT_FORMS.flatMap((name) => [
  {
    tag: `!${name}`,
    resolve: (text: string): unknown => ({ [longName(name)]: name === 'GetAtt' ? text.split('.') : text }),
  },
  {
    tag: `!${name}`,
    collection: 'seq' as const,
    resolve: (seq: { toJSON(): unknown }): unknown => ({ [longName(name)]: seq.toJSON() }),
  },
  {
    tag: `!${name}`,
    collection: 'map' as const,
    resolve: (map: { toJSON(): unknown }): unknown => ({ [longName(name)]: map.toJSON() }),
  },
]) as unknown as Tags;

type Template = Record<string, unknown>;

/**
 * Parses template text; `file` is only used in messages.
 *
 * @example
 * parseTemplate({ text: 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: !Ref H', file: 'template.yaml' });
 * // { Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: { Ref: 'H' } } } } }
 */
const parseTemplate = ({ text, file }: { text: string; file: string }): Template => {
  let parsed: unknown;
  try {
    parsed = parse(text, { customTags: CUSTOM_TAGS, uniqueKeys: false, maxAliasCount: -1 });
  } catch (error) {
    const at = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const where = at === undefined ? file : `${file}:${at.line}:${at.col}`;
    throw new ProjectInputError({
      field: '--template',
      message: `--template: ${where}: not valid YAML or JSON (${(error as Error).message.split('\n')[0]})`,
      cause: error,
    });
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    typeof (parsed as Template).Resources !== 'object'
  ) {
    throw new ProjectInputError({
      field: '--template',
      message: `--template: ${file}: expected a CloudFormation or SAM template with a Resources section; got none`,
    });
  }
  return parsed as Template;
};

export { parseTemplate };
export type { Template };
