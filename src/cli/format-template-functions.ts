/**
 * `tune --template FILE` without `--function`: the template's functions,
 * as a table, and how to tune one.
 *
 * @module cli/format-template-functions
 */
import { listTemplateFile } from '../project/index.js';

/**
 * Renders the function list of a template.
 *
 * @example
 * process.stdout.write(formatTemplateFunctions({ template: 'template.yaml', cwd: process.cwd() }));
 */
const formatTemplateFunctions = ({ template, cwd }: { template: string; cwd: string }): string => {
  const functions = listTemplateFile({ path: template, cwd });
  if (functions.length === 0)
    return `${template} has no functions (AWS::Serverless::Function or AWS::Lambda::Function).\n`;
  const header = { logicalId: 'LogicalId', type: 'Type', runtime: 'Runtime', handler: 'Handler', code: 'Code' };
  const rows = [header, ...functions];
  const width = (key: keyof typeof header): number => Math.max(...rows.map((row) => row[key].length));
  const line = (row: typeof header): string =>
    `  ${row.logicalId.padEnd(width('logicalId'))}  ${row.type.padEnd(width('type'))}  ${row.runtime.padEnd(width('runtime'))}  ${row.handler.padEnd(width('handler'))}  ${row.code}`.trimEnd();
  return `Functions in ${template}:\n${rows.map(line).join('\n')}\n\nTune one: powertune tune --template ${template} --function <LogicalId>\n`;
};

export { formatTemplateFunctions };
