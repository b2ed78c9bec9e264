/**
 * `powertune tune` — parse flags → build input → run the tuner → print.
 *
 * @module cli/commands/tune
 */
import { resolve } from 'node:path';
import { InputError, isAuto, validateInput } from '../../core/index.js';
import type { TuningInput, TuningResult } from '../../core/index.js';
import {
  compareResults,
  renderComparisonHtml,
  renderHtmlReport,
  renderTerminalReport,
  shouldUseColor,
} from '../../report/index.js';
import { DEFAULT_CLI_NUM, DEFAULT_STATE_DIR } from '../constants.js';
import { ExitCode, UsageError } from '../errors.js';
import { parseFlags } from '../parse-flags.js';
import { checkEndpointUrl } from '../check-endpoint-url.js';
import { checkOutputPath } from '../check-output-path.js';
import { checkProfile } from '../check-profile.js';
import { checkRegions } from '../check-region.js';
import { formatHelp } from '../format-help.js';
import { writeOutputFiles } from '../write-output-files.js';
import { createProgressRenderer } from '../progress.js';
import { readJsonFile } from '../read-json-file.js';
import { applyInputFlags, TUNE_FLAGS } from '../tune-flags.js';
import type { CommandContext, TuningRunOptions } from '../types.js';
import { parseLocalFunction, templateFunctionSpec } from '../local-function.js';
import { projectFlagsGiven, readProjectOptions } from '../project-flags.js';
import type { LocalFunctionHandle } from '../start-local-function.js';
import { runTuningCommand } from '../run-tuning-command.js';
import {
  hostArchitecture,
  parseArchitectures,
  refuseForeignArchitectures,
  runComparisons,
} from '../run-comparison-command.js';
import { isLoopback, resolveEndpoint } from '../../lambda/index.js';

/** `tune --help`, wrapped to the terminal. */
const helpText = (context: CommandContext): string =>
  formatHelp({
    usage: 'Usage: powertune tune --function ARN|NAME|./handler.mjs[:export] [options]',
    description:
      "Invokes the function at several memory sizes, measures every invocation from Lambda's REPORT lines, prices it exactly and recommends a size.",
    flags: TUNE_FLAGS,
    examples: [
      'powertune tune --function ./handler.mjs',
      'powertune tune -f my-fn --payload \'{"id": 1}\' --power-values 128,512,1024',
      'powertune tune -f my-fn --strategy balanced --max-duration 200',
      'powertune tune -f my-fn --power auto --profile dev --region eu-west-1',
      'powertune tune -f my-fn --json --out result.json --report report.html',
    ],
    footer:
      `Defaults: --num ${DEFAULT_CLI_NUM} (auto with --power auto), --power-values 128,256,512,1024,1536,3008, --strategy cost.\n\n` +
      'Exit codes: 0 success; 1 the run failed, no size meets --max-duration/--max-cost-per-million, or an output file could not be written (the result is then printed on stdout); 2 bad input (nothing changed); 130 interrupted (cleanup ran).',
    stream: context.stdout,
  });

/** Builds the raw input object from --input, --payload-file and flags. */
const buildRawInput = async ({
  values,
  cwd,
}: {
  values: Record<string, unknown>;
  cwd: string;
}): Promise<Record<string, unknown>> => {
  let base: Record<string, unknown> = {};
  if (typeof values.input === 'string') {
    const parsed = await readJsonFile({ path: resolve(cwd, values.input), field: '--input' });
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UsageError({
        field: '--input',
        message: `--input: expected a JSON object like {"lambdaARN": "...", "num": 10}; got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`,
      });
    }
    base = parsed as Record<string, unknown>;
  }
  if (typeof values['payload-file'] === 'string') {
    if (values.payload !== undefined || values['payload-string'] !== undefined) {
      throw new UsageError({
        field: '--payload-file',
        message: '--payload-file: expected one of --payload, --payload-string or --payload-file; got both',
      });
    }
    base = {
      ...base,
      payload: await readJsonFile({ path: resolve(cwd, values['payload-file']), field: '--payload-file' }),
    };
  }
  return applyInputFlags({ base, values: values as never });
};

/** Validates; an InputError becomes exit code 2. */
const validate = (raw: Record<string, unknown>): TuningInput => {
  try {
    return validateInput(raw);
  } catch (error) {
    if (error instanceof InputError) throw new UsageError({ field: error.field, message: error.message });
    throw error;
  }
};

/**
 * The HTML report: with one comparison (`--architectures` or
 * `--compare-function`), both runs on one page; otherwise the run's own.
 * Labels are the architectures, or the functions' short names only with
 * `--include-function-name` (else A and B).
 */
const renderReport = ({
  result,
  includeFunctionName,
}: {
  result: TuningResult;
  includeFunctionName: boolean;
}): string => {
  const [entry, ...more] = result.comparison ?? [];
  if (entry === undefined || more.length > 0) return renderHtmlReport(result, { includeFunctionName });
  const byFunction = entry.label !== entry.architecture && entry.modelledOn === undefined;
  const labels =
    byFunction && includeFunctionName
      ? { labelA: result.run.functionName, labelB: entry.label }
      : byFunction
        ? {}
        : { labelA: result.run.architecture, labelB: entry.label };
  return renderComparisonHtml({ a: result, b: entry.result, ...labels });
};

/**
 * Writes --out and --report, then prints. A file that cannot be written
 * does not lose the result: it is printed on stdout (once), and the run
 * ends with exit code 1 because the user asked for a file.
 */
const writeOutputs = async ({
  result,
  values,
  cwd,
  context,
}: {
  result: TuningResult;
  values: Record<string, unknown>;
  cwd: string;
  context: CommandContext;
}): Promise<{ written: boolean }> => {
  const includeFunctionName = values['include-function-name'] === true;
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const failed = await writeOutputFiles({
    files: [
      ...(typeof values.out === 'string'
        ? [{ field: '--out', path: resolve(cwd, values.out), content: () => json }]
        : []),
      ...(typeof values.report === 'string'
        ? [
            {
              field: '--report',
              path: resolve(cwd, values.report),
              content: () => renderReport({ result, includeFunctionName }),
            },
          ]
        : []),
    ],
    context,
  });
  if (
    typeof values.report === 'string' &&
    !failed.some((f) => f.field === '--report') &&
    values.json !== true &&
    context.quiet !== true
  ) {
    context.stderr.write(`HTML report: ${resolve(cwd, values.report)}\n`);
  }
  printResult({ result, json: values.json === true, context });
  // The terminal table is not the result: without --json, print the JSON too so nothing is lost.
  if (failed.length > 0 && values.json !== true) context.stdout.write(`\nResult JSON:\n${json}`);
  return { written: failed.length === 0 };
};

/** The result on stdout: the JSON with --json, else the table (and each comparison). */
const printResult = ({
  result,
  json,
  context,
}: {
  result: TuningResult;
  json: boolean;
  context: CommandContext;
}): void => {
  if (json) {
    context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const color = shouldUseColor({ stream: context.stdout, env: context.env });
  const width = Math.max(60, Math.min(context.stdout.columns ?? 100, 120));
  context.stdout.write(renderTerminalReport(result, { width, color }));
  for (const entry of result.comparison ?? []) {
    context.stdout.write(`\n── ${entry.label} ──\n`);
    context.stdout.write(renderTerminalReport(entry.result, { width, color }));
    // An architecture copy is labelled by architecture, another function by its name.
    const labelA =
      entry.label === entry.architecture || entry.modelledOn !== undefined
        ? result.run.architecture
        : result.run.functionName;
    const { sentences } = compareResults({ a: result, b: entry.result, labelA, labelB: entry.label });
    context.stdout.write(`\nComparison:\n${sentences.map((sentence) => `  ${sentence}`).join('\n')}\n`);
  }
};

/**
 * The checks of the CLI contract that need the file system or the AWS
 * config files, run after validation and before the first change: output
 * paths, the endpoint URL, the profile, the regions.
 */
const checkBeforeAnyChange = ({
  values,
  input,
  local,
  compareFunction,
  context,
}: {
  values: Record<string, unknown>;
  input: TuningInput;
  local: boolean;
  compareFunction: string | undefined;
  context: CommandContext;
}): void => {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  for (const field of ['out', 'report'] as const) {
    const path = text(field);
    if (path !== undefined) checkOutputPath({ path, cwd: context.cwd, field: `--${field}`, kind: 'file' });
  }
  // Journals are written only for runs on AWS (or an --endpoint-url service).
  const stateDir = text('state-dir');
  if (stateDir !== undefined || !local)
    checkOutputPath({ path: stateDir ?? DEFAULT_STATE_DIR, cwd: context.cwd, field: '--state-dir', kind: 'directory' });
  // The embedded service replaces any endpoint from the environment.
  checkEndpointUrl({ flag: text('endpoint-url'), env: local ? {} : context.env });
  checkProfile({ profile: text('profile'), env: context.env });
  checkRegions({
    sources: [
      { field: '--function', value: local ? undefined : input.lambdaARN },
      { field: 'preProcessorARN', value: input.preProcessorARN },
      { field: 'postProcessorARN', value: input.postProcessorARN },
      { field: '--compare-function', value: compareFunction },
    ],
    regionFlags: [{ field: 'region', value: input.region }],
    allowUnknown: values['allow-unknown-region'] === true,
    env: context.env,
  });
};

/**
 * Runs `powertune tune`.
 *
 * @example
 * await tune({ argv: ['--function', './fn.mjs'], cwd, env, stdout, stderr });
 */
const tune = async (context: CommandContext): Promise<number> => {
  const { values } = parseFlags({ argv: context.argv, flags: TUNE_FLAGS, command: 'tune' });
  if (values.help === true) {
    context.stdout.write(helpText(context));
    return ExitCode.Success;
  }
  const raw = await buildRawInput({ values, cwd: context.cwd });
  if (typeof values.template === 'string' && raw.lambdaARN === undefined) {
    // --template without --function: list what it can tune.
    const { formatTemplateFunctions } = await import('../format-template-functions.js');
    context.stdout.write(formatTemplateFunctions({ template: values.template, cwd: context.cwd }));
    return ExitCode.Success;
  }
  if (raw.lambdaARN === undefined) {
    throw new UsageError({
      field: 'lambdaARN',
      message: 'lambdaARN: expected a function name, ARN or local handler file (--function); got nothing',
    });
  }
  const local =
    typeof raw.lambdaARN !== 'string'
      ? undefined
      : typeof values.template === 'string'
        ? templateFunctionSpec({ template: values.template, logicalId: raw.lambdaARN, cwd: context.cwd })
        : parseLocalFunction({ value: raw.lambdaARN, cwd: context.cwd });
  if (local !== undefined && local.functionName === '') {
    throw new UsageError({
      field: '--function',
      message: `--function: expected an existing handler file; got ${JSON.stringify(raw.lambdaARN)} (no such file)`,
    });
  }
  if (local !== undefined) raw.lambdaARN = local.functionName;
  // Project flags describe a local handler; they cannot change a deployed function.
  const projectFlags = projectFlagsGiven(values);
  if (local === undefined && projectFlags.length > 0) {
    throw new UsageError({
      field: `--${projectFlags[0]}`,
      message: `--${projectFlags[0]}: applies only to a local handler (--function ./handler.mjs); got a deployed function ${JSON.stringify(raw.lambdaARN)}`,
    });
  }
  const project = local === undefined ? undefined : readProjectOptions({ values, cwd: context.cwd });
  // The reference requires `num`; on the command line a sensible default
  // makes the one-line quick start work. An explicit value is validated as usual.
  // An adaptive search (--power auto) picks its own sample sizes unless --num is given.
  // A dry run estimates the run it stands for, so it gets the same default.
  if (raw.num === undefined && !isAuto(raw.powerValues)) raw.num = DEFAULT_CLI_NUM;
  const validated = validate(raw);
  // Comparison flags are checked before any AWS call too.
  const architectures = typeof values.architectures === 'string' ? parseArchitectures(values.architectures) : [];
  const compareFunction = typeof values['compare-function'] === 'string' ? values['compare-function'] : undefined;
  if (compareFunction !== undefined) validate({ ...raw, lambdaARN: compareFunction });
  const endpointUrl = resolveEndpoint({
    ...(typeof values['endpoint-url'] === 'string' ? { endpoint: values['endpoint-url'] } : {}),
    env: context.env,
  });
  const onLocalService = local !== undefined || (endpointUrl !== undefined && isLoopback(endpointUrl));
  const modelArchitectures = values['model-architectures'] === true;
  if (modelArchitectures && !(onLocalService && architectures.length > 0)) {
    throw new UsageError({
      field: '--model-architectures',
      message:
        '--model-architectures: expected --architectures on the local Lambda service (a handler file or a loopback --endpoint-url); on AWS every architecture is measured on its own CPU',
    });
  }
  if (onLocalService && architectures.length > 0 && !modelArchitectures)
    refuseForeignArchitectures({ architectures, hostArch: process.arch });
  const modelledOn = modelArchitectures ? (hostArchitecture(process.arch) ?? process.arch) : undefined;
  if (modelledOn !== undefined && !context.quiet) {
    const others = architectures.filter((architecture) => architecture !== modelledOn);
    if (others.length > 0)
      context.stderr.write(
        `powertune: ${others.join(', ')} modelled on this ${modelledOn} host: its timings are the host CPU's, priced at ${others.join(', ')} rates — not a measurement of ${others.join(', ')}\n`,
      );
  }
  // The CPU model is the embedded service's to choose; a running service was started with its own.
  if (validated.cpuModel !== undefined && local === undefined) {
    throw new UsageError({
      field: '--cpu-model',
      message:
        `--cpu-model: expected a local handler file tuned on the embedded Lambda service (--function ./handler.mjs); got ${JSON.stringify(raw.lambdaARN)}` +
        (endpointUrl === undefined
          ? ', which runs on AWS'
          : ` behind ${endpointUrl} (start that service with its own --cpu-model)`),
    });
  }
  if ((architectures.length > 0 || compareFunction !== undefined) && validated.dryRun) {
    throw new UsageError({
      field: '--dry-run',
      message:
        '--dry-run: cannot be combined with --architectures or --compare-function; dry-run each function on its own',
    });
  }
  checkBeforeAnyChange({ values, input: validated, local: local !== undefined, compareFunction, context });
  // On the embedded service every execution environment shares this host's
  // few cores: sizes measured at the same time would steal CPU from each
  // other and flatten the curve. Measure one invocation at a time unless the
  // user asked for parallel invocations or a concurrency.
  const input =
    local !== undefined && !validated.parallelInvocation && validated.concurrency === undefined
      ? { ...validated, concurrency: 1 }
      : validated;

  let handle: LocalFunctionHandle | undefined;
  // A cleanup that could not finish left aliases or versions in the account:
  // the result is still printed, but scripts and CI must not read it as a clean run.
  let resourcesLeft = false;
  const renderProgress = createProgressRenderer({ stream: context.stderr, quiet: context.quiet === true });
  try {
    if (local !== undefined) {
      // Loaded only for local handler files: tuning a function on AWS never loads the emulator.
      const { prepareLocalFunction, startLocalFunction } = await import('../start-local-function.js');
      // Packaged and init-checked before the service starts: a handler that cannot start stops here, once.
      const prepared = await prepareLocalFunction({
        spec: local,
        project: project ?? { bundle: false, environment: {}, parameterOverrides: {} },
        cwd: context.cwd,
      });
      handle = await startLocalFunction({
        ...prepared,
        cpuModel: input.cpuModel,
        log: (line) => {
          if (values.json !== true && context.quiet !== true) context.stderr.write(`${line}\n`);
        },
      });
    }
    // The same ports and journal settings serve the main run and every comparison run.
    const runOptions: TuningRunOptions = {
      // Without --endpoint-url, lambda's resolveEndpoint reads AWS_ENDPOINT_URL_LAMBDA / AWS_ENDPOINT_URL.
      endpoint: handle?.endpoint ?? (typeof values['endpoint-url'] === 'string' ? values['endpoint-url'] : undefined),
      region: handle === undefined ? input.region : (input.region ?? handle.region),
      credentials: handle?.credentials,
      profile: typeof values.profile === 'string' ? values.profile : undefined,
      stateDir: resolve(context.cwd, typeof values['state-dir'] === 'string' ? values['state-dir'] : DEFAULT_STATE_DIR),
      // The local service's Invoke header, when it sends one, names it in run.backend either way.
      backend: handle === undefined ? 'aws' : handle.backend,
      ...(handle === undefined ? {} : { cpuModel: handle.cpuModel }),
      visualizationBaseUrl: typeof values['visualization-url'] === 'string' ? values['visualization-url'] : undefined,
      onEvent: (event) => {
        if (event.type === 'warning' && event.code === 'cleanup-incomplete') resourcesLeft = true;
        renderProgress(event);
      },
      context,
      journalled: handle === undefined,
    };
    const outcome = await runTuningCommand({ ...runOptions, input });
    if (outcome.kind === 'dry-run') {
      context.stdout.write(values.json === true ? `${JSON.stringify(outcome.dryRun, null, 2)}\n` : outcome.text);
      return ExitCode.Success;
    }
    const comparison = await runComparisons({
      ...runOptions,
      input,
      primary: outcome.result,
      architectures,
      compareFunction,
      modelledOn,
    });
    // What was measured includes how a local handler was packaged (with --json the stderr line is not printed).
    const measured: TuningResult =
      handle === undefined
        ? outcome.result
        : { ...outcome.result, run: { ...outcome.result.run, packaging: handle.packaging } };
    const result: TuningResult = comparison.length > 0 ? { ...measured, comparison } : measured;
    const { written } = await writeOutputs({ result, values, cwd: context.cwd, context });
    // The table is printed either way; a goal no size meets, resources left
    // behind by a cleanup that could not finish, or an output file that could
    // not be written, is a failed run for scripts and CI.
    const unmet = [result, ...comparison.map((entry) => entry.result)].some(
      (r) => r.recommendation.constraints?.satisfied === false,
    );
    return unmet || resourcesLeft || !written ? ExitCode.RunFailed : ExitCode.Success;
  } finally {
    await handle?.stop();
  }
};

export { tune };
