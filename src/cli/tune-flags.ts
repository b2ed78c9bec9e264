/**
 * `powertune tune` flags: every option of the reference's input JSON as a
 * flag (flags override `--input`), plus our extensions.
 *
 * @module cli/tune-flags
 */
import type { FlagSpec, FlagValues } from './parse-flags.js';
import { CPU_MODEL_CHOICES, INVOCATION_ORDERS } from '../core/index.js';
import { UsageError } from './errors.js';
import { PROJECT_FLAGS } from './project-flags.js';
import { ALLOW_UNKNOWN_REGION_FLAG } from './check-region.js';

/** How a flag's text becomes an input-JSON value. */
type Conversion = 'string' | 'number' | 'percent' | 'boolean' | 'list' | 'json' | 'negated-boolean';

interface InputFlagSpec extends FlagSpec {
  /** The key in the reference's input JSON (or our extension). */
  inputKey: string;
  conversion: Conversion;
}

const INPUT_FLAGS: InputFlagSpec[] = [
  {
    name: 'function',
    short: 'f',
    type: 'string',
    value: 'ARN|NAME|FILE',
    inputKey: 'lambdaARN',
    conversion: 'string',
    description:
      'Function to tune: name, ARN, qualified ARN, or a local handler file (./handler.mjs[:export]) to tune on the embedded emulator',
  },
  {
    name: 'lambda-arn',
    type: 'string',
    value: 'ARN',
    inputKey: 'lambdaARN',
    conversion: 'string',
    description: "Alias of --function (the reference's lambdaARN)",
  },
  {
    name: 'num',
    short: 'n',
    type: 'string',
    value: 'N|auto',
    inputKey: 'num',
    conversion: 'number',
    description: 'Counted invocations per memory size (>= 5), or "auto": sample until the 95% intervals decide',
  },
  {
    name: 'power-values',
    short: 'p',
    type: 'string',
    value: 'LIST',
    inputKey: 'powerValues',
    conversion: 'string',
    description:
      'Memory sizes in MB: "128,512,1024", "ALL", a range "128-3008:64", or "auto" (adaptive search over 128..10240)',
  },
  {
    name: 'power',
    type: 'string',
    value: 'LIST|auto',
    inputKey: 'powerValues',
    conversion: 'string',
    description: 'Alias of --power-values (e.g. --power auto)',
  },
  {
    name: 'payload',
    type: 'string',
    value: 'JSON',
    inputKey: 'payload',
    conversion: 'json',
    description:
      'Event sent to the function, as JSON (\'{"id":1}\'), or \'"text"\' for a string (see --payload-string)',
  },
  {
    name: 'payload-s3',
    type: 'string',
    value: 's3://B/K',
    inputKey: 'payloadS3',
    conversion: 'string',
    description: 'Read the payload from S3',
  },
  {
    name: 'parallel',
    type: 'boolean',
    inputKey: 'parallelInvocation',
    conversion: 'boolean',
    description: 'Invoke concurrently (parallelInvocation)',
  },
  {
    name: 'concurrency',
    type: 'string',
    value: 'N',
    inputKey: 'concurrency',
    conversion: 'number',
    description: 'Cap on concurrent invocations in parallel mode',
  },
  {
    name: 'strategy',
    short: 's',
    type: 'string',
    value: 'cost|speed|balanced',
    inputKey: 'strategy',
    conversion: 'string',
    description: 'What "best" means (default cost)',
  },
  {
    name: 'balanced-weight',
    type: 'string',
    value: '0..1',
    inputKey: 'balancedWeight',
    conversion: 'number',
    description: 'Balanced strategy weight: 1 = cost only, 0 = speed only (default 0.5)',
  },
  {
    name: 'auto-optimize',
    type: 'boolean',
    inputKey: 'autoOptimize',
    conversion: 'boolean',
    description: 'Apply the recommended memory when done',
  },
  {
    name: 'auto-optimize-alias',
    type: 'string',
    value: 'ALIAS',
    inputKey: 'autoOptimizeAlias',
    conversion: 'string',
    description: 'With --auto-optimize: publish a version and point this alias at it',
  },
  {
    name: 'dry-run',
    type: 'boolean',
    inputKey: 'dryRun',
    conversion: 'boolean',
    description: 'Check access, invoke once, estimate the cost of the full run; change nothing',
  },
  {
    name: 'pre-processor-arn',
    type: 'string',
    value: 'ARN',
    inputKey: 'preProcessorARN',
    conversion: 'string',
    description: 'Function invoked before each invocation (its output becomes the payload)',
  },
  {
    name: 'post-processor-arn',
    type: 'string',
    value: 'ARN',
    inputKey: 'postProcessorARN',
    conversion: 'string',
    description: 'Function invoked after each invocation with its response',
  },
  {
    name: 'discard-top-bottom',
    type: 'string',
    value: '0..0.4',
    inputKey: 'discardTopBottom',
    conversion: 'number',
    description: 'Share trimmed from each end before averaging (default 0.2)',
  },
  {
    name: 'sleep-between-runs-ms',
    type: 'string',
    value: 'MS',
    inputKey: 'sleepBetweenRunsMs',
    conversion: 'number',
    description: 'Pause between serial invocations',
  },
  {
    name: 'disable-payload-logs',
    type: 'boolean',
    inputKey: 'disablePayloadLogs',
    conversion: 'boolean',
    description: 'Never print or store payloads (console, errors, reports, journal)',
  },
  {
    name: 'include-output-results',
    type: 'boolean',
    inputKey: 'includeOutputResults',
    conversion: 'boolean',
    description: 'Reference option; stats are always included in our output',
  },
  {
    name: 'only-cold-starts',
    type: 'boolean',
    inputKey: 'onlyColdStarts',
    conversion: 'boolean',
    description: 'Measure cold starts only (a fresh version per invocation)',
  },
  {
    name: 'allowed-exceptions',
    type: 'string',
    value: 'LIST',
    inputKey: 'allowedExceptions',
    conversion: 'list',
    description: 'Error types that count as successful invocations (comma separated)',
  },
  {
    name: 'region',
    type: 'string',
    value: 'REGION',
    inputKey: 'region',
    conversion: 'string',
    description: 'AWS region (default: from the ARN, else the SDK default chain)',
  },
  {
    name: 'no-request-charge',
    type: 'boolean',
    inputKey: 'includeRequestCharge',
    conversion: 'negated-boolean',
    description: 'Leave the per-request charge out of prices (reference parity)',
  },
  {
    name: 'warmup',
    type: 'string',
    value: 'N',
    inputKey: 'warmup',
    conversion: 'number',
    description: 'Uncounted warm-up invocations per size (default 1; a burst in parallel mode)',
  },
  {
    name: 'granularity',
    type: 'string',
    value: 'MB',
    inputKey: 'granularity',
    conversion: 'number',
    description: 'With --power auto: finest step between sizes the search tries (default 64, min 1)',
  },
  {
    name: 'max-invocations',
    type: 'string',
    value: 'N',
    inputKey: 'maxInvocations',
    conversion: 'number',
    description: 'Adaptive search budget: invocations in total, warm-ups included',
  },
  {
    name: 'max-tuning-cost',
    type: 'string',
    value: 'USD',
    inputKey: 'maxTuningCost',
    conversion: 'number',
    description: 'Adaptive search budget: what the run may spend on invocations',
  },
  {
    name: 'max-duration',
    type: 'string',
    value: 'MS',
    inputKey: 'maxDuration',
    conversion: 'number',
    description: 'Constraint: recommend only sizes whose --percentile duration is at most MS',
  },
  {
    name: 'percentile',
    type: 'string',
    value: 'p50|p90|p95|p99',
    inputKey: 'percentile',
    conversion: 'string',
    description: 'Duration percentile --max-duration limits (default p95)',
  },
  {
    name: 'max-cost-per-million',
    type: 'string',
    value: 'USD',
    inputKey: 'maxCostPerMillion',
    conversion: 'number',
    description: 'Constraint: recommend only sizes costing at most USD per 1M invocations',
  },
  {
    name: 'invocations-per-month',
    type: 'string',
    value: 'N',
    inputKey: 'invocationsPerMonth',
    conversion: 'number',
    description: 'Show the monthly bill of every size (tiered prices) and the saving vs the current size',
  },
  {
    name: 'free-tier',
    type: 'boolean',
    inputKey: 'freeTier',
    conversion: 'boolean',
    description: "Subtract Lambda's monthly free tier from the bill (it is shared by the whole account)",
  },
  // Tie bands: how close two sizes must be to count as tied.
  {
    name: 'indifference-band',
    type: 'string',
    value: 'PERCENT',
    inputKey: 'indifferenceBand',
    conversion: 'percent',
    description: 'Sizes whose intervals overlap and whose means differ by at most PERCENT are tied (0..25, default 2)',
  },
  // The CLI contract: a plain-text event without JSON quoting.
  {
    name: 'payload-string',
    type: 'string',
    value: 'TEXT',
    inputKey: 'payload',
    conversion: 'string',
    description: 'Event sent to the function: TEXT as a JSON string, as-is (no JSON quoting needed)',
  },
  // Measurement order, the local service's CPU model and INIT billing in the monthly bill.
  {
    name: 'order',
    type: 'string',
    value: 'interleaved|sequential',
    inputKey: 'invocationOrder',
    conversion: 'string',
    description:
      "Order of the counted invocations: round-robin over the warm sizes so drift hits every size alike (default interleaved), or the reference's size by size",
  },
  {
    name: 'cpu-model',
    type: 'string',
    value: 'auto|cgroup|virtual-time',
    inputKey: 'cpuModel',
    conversion: 'string',
    description:
      'CPU model of the embedded local Lambda service (default auto: the service calibrates); local handler files only',
  },
  {
    name: 'cold-start-rate',
    type: 'string',
    value: '0..1',
    inputKey: 'coldStartRate',
    conversion: 'number',
    description:
      'Share of invocations that are cold starts in the monthly bill, whose INIT Lambda bills (default 0.01: AWS says under 1% in production)',
  },
];

/** Closed value sets of flags whose bad value must name the flag, not the input key. */
const FLAG_CHOICES: Readonly<Record<string, readonly string[]>> = {
  order: INVOCATION_ORDERS,
  'cpu-model': CPU_MODEL_CHOICES,
};

/** Refuses a bad `--order`, `--cpu-model` or `--cold-start-rate` by its flag name. */
const checkMeasureFlags = (values: FlagValues): void => {
  for (const [name, choices] of Object.entries(FLAG_CHOICES)) {
    const raw = values[name];
    if (raw !== undefined && (typeof raw !== 'string' || !choices.includes(raw))) {
      throw new UsageError({
        field: `--${name}`,
        message: `--${name}: expected one of ${choices.join(', ')}; got ${JSON.stringify(raw)}`,
      });
    }
  }
  const rate = values['cold-start-rate'];
  if (rate !== undefined) {
    const number = typeof rate === 'string' && rate.trim() !== '' ? Number(rate) : Number.NaN;
    if (!Number.isFinite(number) || number < 0 || number > 1) {
      throw new UsageError({
        field: '--cold-start-rate',
        message: `--cold-start-rate: expected a number from 0 to 1 (e.g. 0.01 for 1% of invocations); got ${JSON.stringify(rate)}`,
      });
    }
  }
};

/** Flags of `tune` that are not input options. */
const TUNE_FLAGS: FlagSpec[] = [
  ...INPUT_FLAGS,
  {
    name: 'input',
    short: 'i',
    type: 'string',
    value: 'FILE',
    description: "The reference's state-machine input JSON (flags override it)",
  },
  {
    name: 'architectures',
    type: 'string',
    value: 'x86_64,arm64',
    description:
      'Also tune the other architecture on a temporary copy of the (ZIP) function, always deleted; best size per architecture side by side',
  },
  {
    name: 'model-architectures',
    type: 'boolean',
    description:
      "On the local Lambda service: tune another architecture than the host's anyway, as a model (the host CPU's timings priced at that architecture's rate), labelled \"modelled\" everywhere",
  },
  {
    name: 'compare-function',
    type: 'string',
    value: 'ARN',
    description: 'Also tune this other function the same way and compare the two',
  },
  { name: 'payload-file', type: 'string', value: 'FILE', description: 'Read the payload JSON from a file' },
  { name: 'profile', type: 'string', value: 'NAME', description: 'AWS shared-config profile' },
  {
    name: 'endpoint-url',
    type: 'string',
    value: 'URL',
    description: 'Lambda endpoint (or AWS_ENDPOINT_URL_LAMBDA), e.g. a running "powertune emulator"',
  },
  { name: 'json', type: 'boolean', description: 'Print only the result JSON on stdout' },
  { name: 'out', short: 'o', type: 'string', value: 'FILE', description: 'Also write the result JSON to FILE' },
  { name: 'report', type: 'string', value: 'FILE', description: 'Write a self-contained HTML report to FILE' },
  {
    name: 'visualization-url',
    type: 'string',
    value: 'BASE',
    description: 'Base URL of a self-hosted visualization site',
  },
  {
    name: 'include-function-name',
    type: 'boolean',
    description: 'Show the function name in reports (hidden by default)',
  },
  { name: 'state-dir', type: 'string', value: 'DIR', description: 'Where run journals live (default .powertune)' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' },
  ALLOW_UNKNOWN_REGION_FLAG,
  // Tune the project you have: code root, bundling, environment, timeout, handler, templates.
  ...PROJECT_FLAGS,
];

/** `--payload` text that is not JSON: refused, with the two ways to send text. */
const refuseJson = (name: string, raw: string, hidden: boolean): never => {
  // disablePayloadLogs hides payloads in errors too.
  const shown = hidden ? 'TEXT' : raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  throw new UsageError({
    field: `--${name}`,
    message:
      `--${name}: expected JSON such as '{"id": 1}'; got ${hidden ? 'text (hidden by --disable-payload-logs)' : JSON.stringify(shown)}, which is not valid JSON. ` +
      `To send text, quote it as JSON ('"${shown.replace(/["\\]/g, '')}"') or use --payload-string TEXT`,
  });
};

/** Converts one flag's text for the input JSON; leaves unparsable numbers as-is so validation names the field. */
const convert = ({
  raw,
  conversion,
  name,
  hidden,
}: {
  raw: string | boolean | string[];
  conversion: Conversion;
  name: string;
  hidden: boolean;
}): unknown => {
  if (typeof raw === 'boolean') return conversion === 'negated-boolean' ? !raw : raw;
  if (Array.isArray(raw)) return raw;
  switch (conversion) {
    case 'number':
      return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    case 'percent': {
      const text = raw.trim().replace(/%$/, '');
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : raw;
    }
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'json':
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return refuseJson(name, raw, hidden);
      }
    default:
      return raw;
  }
};

/**
 * Overlays flag values on the input JSON (flags win).
 *
 * @example
 * applyInputFlags({ base: { num: 10 }, values: { num: '20' } }); // { num: 20 }
 */
const applyInputFlags = ({
  base,
  values,
}: {
  base: Record<string, unknown>;
  values: FlagValues;
}): Record<string, unknown> => {
  const merged: Record<string, unknown> = { ...base };
  if (values.function !== undefined && values['lambda-arn'] !== undefined) {
    throw new UsageError({
      field: '--function',
      message: '--function: expected one of --function or --lambda-arn; got both',
    });
  }
  if (values.power !== undefined && values['power-values'] !== undefined) {
    throw new UsageError({ field: '--power', message: '--power: expected one of --power or --power-values; got both' });
  }
  if (values.payload !== undefined && values['payload-string'] !== undefined) {
    throw new UsageError({
      field: '--payload-string',
      message: '--payload-string: expected one of --payload or --payload-string; got both',
    });
  }
  checkMeasureFlags(values);
  const hidden = values['disable-payload-logs'] === true || base.disablePayloadLogs === true;
  for (const flag of INPUT_FLAGS) {
    const raw = values[flag.name];
    if (raw === undefined) continue;
    merged[flag.inputKey] = convert({ raw, conversion: flag.conversion, name: flag.name, hidden });
  }
  return merged;
};

export { applyInputFlags, INPUT_FLAGS, TUNE_FLAGS };
