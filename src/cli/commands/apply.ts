/**
 * `powertune apply fleet-result.json --template template.yaml` — writes the
 * recommended sizes into the infrastructure code (SAM / CloudFormation),
 * never into a function behind it. CDK and Terraform get a table to apply.
 *
 * @module cli/commands/apply
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { functionNameOfArn, isValidRegion } from '../../core/index.js';
import { renderLineDiff, textTable } from '../../report/fleet/index.js';
import { applyMemorySizes, listTemplateFunctions, TemplateError } from '../../tuner/fleet/index.js';
import type { TemplateChange } from '../../tuner/fleet/index.js';
import { ExitCode, UsageError } from '../errors.js';
import { formatHelp } from '../format-help.js';
import { parseFlags } from '../parse-flags.js';
import type { FlagSpec } from '../parse-flags.js';
import { readJsonFile } from '../read-json-file.js';
import type { CommandContext } from '../types.js';

const FORMATS = ['sam', 'cdk', 'terraform'] as const;
/** Where each format keeps the memory size. */
const PROPERTY: Record<(typeof FORMATS)[number], (mb: number) => string> = {
  sam: (mb) => `MemorySize: ${mb}`,
  cdk: (mb) => `memorySize: ${mb}`,
  terraform: (mb) => `memory_size = ${mb}`,
};

const FLAGS: FlagSpec[] = [
  {
    name: 'template',
    type: 'string',
    value: 'FILE',
    description: 'SAM or CloudFormation template (YAML or JSON) to update',
  },
  {
    name: 'map',
    type: 'string',
    value: 'FILE',
    description: 'JSON object from logical ID to function name, for functions whose FunctionName is not a literal',
  },
  { name: 'dry-run', type: 'boolean', description: 'Print the diff and change nothing' },
  {
    name: 'format',
    type: 'string',
    value: FORMATS.join('|'),
    description: 'sam (default, needs --template); cdk or terraform print the changes as a table to apply by hand',
  },
  {
    name: 'region',
    type: 'string',
    value: 'REGION',
    description: 'Region the template deploys to: results of another region are refused',
  },
  {
    name: 'account-id',
    type: 'string',
    value: 'ID',
    description: 'Account the template deploys to: results of another account are refused',
  },
  { name: 'json', type: 'boolean', description: 'Print the changes as JSON' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
];

/** `apply --help`, wrapped to the terminal. */
const helpText = (context: CommandContext): string =>
  formatHelp({
    usage:
      'Usage: powertune apply fleet-result.json --template template.yaml [--map map.json] [--dry-run]\n       powertune apply fleet-result.json --format cdk|terraform',
    description:
      "Sets MemorySize of the template's functions to the sizes a fleet run recommended (matched by FunctionName, or by --map), keeping comments and layout, " +
      'and prints the diff. Never changes a deployed function: deploy the template as usual. With --format cdk or terraform, prints the changes.',
    flags: FLAGS,
    examples: [
      'powertune apply fleet-result.json --template template.yaml --dry-run',
      'powertune apply fleet-result.json --format terraform',
    ],
    footer: 'Exit codes: 0 applied (or nothing to change), 2 bad input or no matching function (nothing written).',
    stream: context.stdout,
  });

interface Candidate {
  functionName: string;
  region?: string;
  account?: string;
  from?: number;
  to: number;
}

const accountOf = (arn: string): string | undefined => /^arn:[^:]+:lambda:[^:]*:(\d{12}):/.exec(arn)?.[1];

/** Tuned functions whose recommendation differs from the current size. */
const readCandidates = (raw: unknown, field: string): Candidate[] => {
  const functions = (raw as { functions?: unknown } | null)?.functions;
  if (!Array.isArray(functions))
    throw new UsageError({
      field,
      message: `${field}: expected a fleet result ({"functions": [...], "totals": {...}} from powertune fleet --out); got no "functions" list`,
    });
  return functions.flatMap((item: unknown, index): Candidate[] => {
    const o = item as {
      functionName?: unknown;
      region?: unknown;
      status?: unknown;
      currentMemoryMB?: unknown;
      recommendedMemoryMB?: unknown;
      result?: { run?: { functionName?: unknown } };
    };
    if (typeof o?.functionName !== 'string')
      throw new UsageError({
        field: `${field}.functions[${index}].functionName`,
        message: `${field}: functions[${index}].functionName: expected a function name; got ${JSON.stringify(o?.functionName)}`,
      });
    if (
      o.status !== 'tuned' ||
      typeof o.recommendedMemoryMB !== 'number' ||
      o.recommendedMemoryMB === o.currentMemoryMB
    )
      return [];
    const arn = typeof o.result?.run?.functionName === 'string' ? o.result.run.functionName : o.functionName;
    const account = accountOf(arn);
    return [
      {
        functionName: functionNameOfArn(o.functionName) ?? o.functionName,
        ...(typeof o.region === 'string' ? { region: o.region } : {}),
        ...(account === undefined ? {} : { account }),
        ...(typeof o.currentMemoryMB === 'number' ? { from: o.currentMemoryMB } : {}),
        to: o.recommendedMemoryMB,
      },
    ];
  });
};

/**
 * Runs `powertune apply`.
 *
 * @example
 * await apply({ argv: ['fleet-result.json', '--template', 'template.yaml', '--dry-run'], ...context });
 */
const apply = async (context: CommandContext): Promise<number> => {
  const { values, positionals } = parseFlags({
    argv: context.argv,
    flags: FLAGS,
    allowPositionals: true,
    command: 'apply',
  });
  if (values.help === true) {
    context.stdout.write(helpText(context));
    return ExitCode.Success;
  }
  if (positionals.length !== 1)
    throw new UsageError({
      field: 'RESULT',
      message: `RESULT: expected one fleet result file (powertune apply fleet-result.json --template template.yaml); got ${positionals.length}`,
    });
  const format = (values.format ?? 'sam') as string;
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError({
      field: '--format',
      message: `--format: expected one of ${FORMATS.join(', ')}; got ${JSON.stringify(format)}`,
    });
  const region = typeof values.region === 'string' ? values.region : undefined;
  if (region !== undefined && !isValidRegion(region))
    throw new UsageError({
      field: '--region',
      message: `--region: expected a region like "eu-west-1"; got ${JSON.stringify(region)}`,
    });
  const accountId = typeof values['account-id'] === 'string' ? values['account-id'] : undefined;
  if (accountId !== undefined && !/^\d{12}$/.test(accountId))
    throw new UsageError({
      field: '--account-id',
      message: `--account-id: expected 12 digits; got ${JSON.stringify(accountId)}`,
    });
  const candidates = readCandidates(
    await readJsonFile({ path: resolve(context.cwd, positionals[0] ?? ''), field: 'RESULT' }),
    'RESULT',
  );
  for (const c of candidates) {
    if (region !== undefined && c.region !== undefined && c.region !== region) {
      throw new UsageError({
        field: 'RESULT',
        message: `RESULT: ${c.functionName} was tuned in ${c.region}, but the template deploys to ${region} (--region); apply a result of the template's own region`,
      });
    }
    if (accountId !== undefined && c.account !== undefined && c.account !== accountId) {
      throw new UsageError({
        field: 'RESULT',
        message: `RESULT: ${c.functionName} was tuned in account ${c.account}, but the template deploys to ${accountId} (--account-id)`,
      });
    }
  }

  if (format !== 'sam') {
    const rows = candidates.map((c) => [
      c.functionName,
      c.region ?? '—',
      c.from === undefined ? '—' : String(c.from),
      String(c.to),
      PROPERTY[format as 'cdk' | 'terraform'](c.to),
    ]);
    context.stdout.write(
      values.json === true
        ? `${JSON.stringify({ changes: candidates }, null, 2)}\n`
        : `${textTable({ headers: ['function', 'region', '>current MB', '>recommended MB', 'set'], rows })}\n`,
    );
    return ExitCode.Success;
  }
  if (typeof values.template !== 'string')
    throw new UsageError({
      field: '--template',
      message:
        '--template: expected the SAM or CloudFormation template to update (or --format cdk|terraform for a table); got nothing',
    });
  const templatePath = resolve(context.cwd, values.template);
  let text: string;
  try {
    text = await readFile(templatePath, 'utf8');
  } catch (error) {
    throw new UsageError({
      field: '--template',
      message: `--template: expected a readable file; got ${JSON.stringify(values.template)} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    });
  }
  let templateFunctions: ReturnType<typeof listTemplateFunctions>;
  try {
    templateFunctions = listTemplateFunctions(text);
  } catch (error) {
    if (error instanceof TemplateError)
      throw new UsageError({ field: '--template', message: `--template: ${error.message}` });
    throw error;
  }
  const map = new Map<string, string>();
  if (typeof values.map === 'string') {
    const raw = await readJsonFile({ path: resolve(context.cwd, values.map), field: '--map' });
    if (
      raw === null ||
      typeof raw !== 'object' ||
      Array.isArray(raw) ||
      Object.values(raw).some((v) => typeof v !== 'string')
    ) {
      throw new UsageError({
        field: '--map',
        message:
          '--map: expected a JSON object from logical ID to function name, like {"OrdersFunction": "orders"}; got another shape',
      });
    }
    for (const [logicalId, name] of Object.entries(raw as Record<string, string>)) {
      if (!templateFunctions.some((f) => f.logicalId === logicalId)) {
        throw new UsageError({
          field: '--map',
          message: `--map: ${logicalId} is not a function of the template (its functions: ${templateFunctions.map((f) => f.logicalId).join(', ') || 'none'})`,
        });
      }
      map.set(logicalId, name);
    }
  }
  const changes: TemplateChange[] = templateFunctions.flatMap((f) => {
    const name = map.get(f.logicalId) ?? f.functionName;
    const candidate = candidates.find((c) => c.functionName === name);
    return name === undefined || candidate === undefined
      ? []
      : [
          {
            logicalId: f.logicalId,
            functionName: name,
            ...(f.memoryMB === undefined ? {} : { from: f.memoryMB }),
            to: candidate.to,
          },
        ];
  });
  const regions = new Set(
    changes
      .map((c) => candidates.find((k) => k.functionName === c.functionName)?.region)
      .filter((r) => r !== undefined),
  );
  if (regions.size > 1) {
    throw new UsageError({
      field: 'RESULT',
      message: `RESULT: the matching functions were tuned in ${[...regions].join(' and ')}, but a template deploys to one region; pass --region to pick one`,
    });
  }
  if (changes.length === 0) {
    const names = templateFunctions.map(
      (f) => `${f.logicalId} (${map.get(f.logicalId) ?? f.functionName ?? 'no literal FunctionName'})`,
    );
    throw new UsageError({
      field: '--template',
      message: `--template: no function of the template matches a tuned function of the result (${candidates.map((c) => c.functionName).join(', ') || 'none with a new size'}); the template has ${names.join(', ') || 'no functions'}. Name them with --map {"LogicalId": "function-name"}.`,
    });
  }
  const after = applyMemorySizes({ text, sizes: new Map(changes.map((c) => [c.logicalId, c.to])) });
  if (values['dry-run'] !== true) await writeFile(templatePath, after);
  if (values.json === true) {
    context.stdout.write(
      `${JSON.stringify({ template: templatePath, written: values['dry-run'] !== true, changes }, null, 2)}\n`,
    );
  } else {
    context.stdout.write(renderLineDiff({ before: text, after, label: values.template }));
    context.stdout.write(
      `${values['dry-run'] === true ? 'Dry run: nothing written.' : `Updated ${templatePath}.`} ${changes.map((c) => `${c.logicalId}: ${c.from ?? 'default'} → ${c.to} MB`).join('; ')}. Deploy the template to change the functions.\n`,
    );
  }
  const missing = candidates.filter((c) => !changes.some((ch) => ch.functionName === c.functionName));
  if (missing.length > 0)
    context.stderr.write(`Not in this template: ${missing.map((c) => c.functionName).join(', ')}\n`);
  return ExitCode.Success;
};

export { apply, FLAGS };
