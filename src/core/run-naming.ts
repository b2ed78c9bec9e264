/**
 * The names a run gives what it creates, built and parsed in one place. The
 * safety rule "never delete what this run did not create" rests on these
 * builders and parsers agreeing, so every file that names or recognises a
 * run's alias, version marker, cold-start tag or temporary copy goes
 * through this module.
 *
 * - alias: `pt-<runId>-<power>` (`pt-<runId>-<power>-<index>` for the
 *   one-version-per-invocation aliases of `onlyColdStarts`);
 * - version-description marker: `powertune run <alias>`, followed by
 *   ` (original <MB> MB)` — the memory `$LATEST` had before the run;
 * - cold-start tag on `$LATEST`'s description: `<description> - <alias>`;
 * - temporary copy of an architecture comparison: `<name>-pt-<runId>-<architecture>`.
 *
 * Run ids are `[0-9a-z]+` (see `createRunId`), so a `-` always ends one.
 *
 * @module core/run-naming
 */
import { functionNameOfArn } from './arn/arn-parts.js';
import { MAX_DESCRIPTION_LENGTH, MAX_FUNCTION_NAME_LENGTH } from './constants.js';
import type { Architecture } from './types.js';

/** Every alias, version marker and copy a run creates carries this prefix: `pt-<runId>-…`. */
const RUN_PREFIX = 'pt';
/** What a version a run published says its description starts with. */
const RUN_VERSION_DESCRIPTION_PREFIX = 'powertune run ';
/** Joins `$LATEST`'s own description and a cold-start tag. */
const COLD_START_DESCRIPTION_SEPARATOR = ' - ';
/** The architectures a temporary copy can have. */
const COPY_ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];

const RUN_ID = '[0-9a-z]+';
const ALIAS_PATTERN = `(${RUN_PREFIX}-(${RUN_ID})-)(\\d+)(?:-(\\d+))?`;
const ALIAS_NAME = new RegExp(`^${ALIAS_PATTERN}$`, 'u');
/**
 * Both markers powertune has written: `powertune run <alias>` (first
 * releases, no original recorded) and `powertune run <alias> (original N MB)`.
 */
const VERSION_MARKER = new RegExp(
  `^${RUN_VERSION_DESCRIPTION_PREFIX}${ALIAS_PATTERN}(?: \\(original (\\d+) MB\\))?$`,
  'u',
);
const COPY_NAME = new RegExp(`^(.*)-${RUN_PREFIX}-(${RUN_ID})-(${COPY_ARCHITECTURES.join('|')})$`, 'u');

/** What an alias name of a run says. */
interface RunAlias {
  runId: string;
  /** `pt-<runId>-`: every alias of the run starts with it. */
  aliasPrefix: string;
  power: number;
  /** The invocation index of an `onlyColdStarts` alias. */
  index?: number;
}

/** What a version's description says about the run that published it. */
interface RunVersionMarker extends RunAlias {
  aliasName: string;
  /** The memory `$LATEST` had before that run, when it recorded it. */
  originalMemoryMB?: number;
}

/** What a temporary copy's name says. */
interface FunctionCopyName {
  /** The (possibly shortened) name of the function it copies. */
  baseName: string;
  runId: string;
  architecture: Architecture;
}

/**
 * The alias-name prefix of a run: `pt-<runId>-`.
 *
 * @example
 * aliasPrefixOf('0mjuohs00iiii'); // 'pt-0mjuohs00iiii-'
 */
const aliasPrefixOf = (runId: string): string => `${RUN_PREFIX}-${runId}-`;

/**
 * The name of a size's alias: `<prefix><power>`, or `<prefix><power>-<index>`
 * for the one-version-per-invocation aliases of `onlyColdStarts`.
 *
 * @example
 * aliasNameOf({ aliasPrefix: 'pt-0mjuohs00iiii-', power: 512 });           // 'pt-0mjuohs00iiii-512'
 * aliasNameOf({ aliasPrefix: 'pt-0mjuohs00iiii-', power: 512, index: 3 }); // 'pt-0mjuohs00iiii-512-3'
 */
const aliasNameOf = ({
  aliasPrefix,
  power,
  index,
}: {
  aliasPrefix: string;
  power: number;
  index?: number | undefined;
}): string => (index === undefined ? `${aliasPrefix}${power}` : `${aliasPrefix}${power}-${index}`);

const toRunAlias = (match: RegExpExecArray): RunAlias => ({
  runId: match[2] as string,
  aliasPrefix: match[1] as string,
  power: Number(match[3]),
  ...(match[4] === undefined ? {} : { index: Number(match[4]) }),
});

/**
 * Reads an alias name a run created; `undefined` for any other alias.
 *
 * @example
 * parseAliasName('pt-lx1abc-512-3'); // { runId: 'lx1abc', aliasPrefix: 'pt-lx1abc-', power: 512, index: 3 }
 * parseAliasName('prod');            // undefined
 */
const parseAliasName = (name: string): RunAlias | undefined => {
  const match = ALIAS_NAME.exec(name);
  return match === null ? undefined : toRunAlias(match);
};

/**
 * How a message names another run: `powertune run pt-<runId>`.
 *
 * @example
 * runLabelOf('pt-lx1abc-'); // 'powertune run pt-lx1abc'
 */
const runLabelOf = (aliasPrefix: string): string =>
  `${RUN_VERSION_DESCRIPTION_PREFIX}${aliasPrefix.replace(/-$/u, '')}`;

/**
 * The description a run gives each version it publishes (`powertune run
 * pt-<runId>-<power>`), with the memory `$LATEST` had before the run when
 * known — so a run that finds another run's size on `$LATEST` (one in
 * progress, or one that crashed) can still restore the true original.
 *
 * @example
 * runVersionDescription('pt-lx1abc-1024');       // 'powertune run pt-lx1abc-1024'
 * runVersionDescription('pt-lx1abc-1024', 512);  // 'powertune run pt-lx1abc-1024 (original 512 MB)'
 */
const runVersionDescription = (aliasName: string, originalMemoryMB?: number): string =>
  `${RUN_VERSION_DESCRIPTION_PREFIX}${aliasName}${originalMemoryMB === undefined ? '' : ` (original ${originalMemoryMB} MB)`}`.slice(
    0,
    MAX_DESCRIPTION_LENGTH,
  );

/**
 * The start every version description of one run shares: what
 * `findRunVersions` looks for.
 *
 * @example
 * runVersionMarkerOf('pt-lx1abc-'); // 'powertune run pt-lx1abc-'
 */
const runVersionMarkerOf = (aliasPrefix: string): string => `${RUN_VERSION_DESCRIPTION_PREFIX}${aliasPrefix}`;

/**
 * Reads a version description a run wrote — in today's format or the older
 * one without the original memory; `undefined` for any other description.
 *
 * @example
 * parseRunVersionDescription('powertune run pt-lx1abc-1024 (original 512 MB)');
 * // { runId: 'lx1abc', aliasPrefix: 'pt-lx1abc-', aliasName: 'pt-lx1abc-1024', power: 1024, originalMemoryMB: 512 }
 */
const parseRunVersionDescription = (description: string): RunVersionMarker | undefined => {
  const match = VERSION_MARKER.exec(description);
  if (match === null) return undefined;
  const alias = toRunAlias(match);
  return {
    ...alias,
    aliasName: aliasNameOf(alias),
    ...(match[5] === undefined ? {} : { originalMemoryMB: Number(match[5]) }),
  };
};

/**
 * The description that makes each cold-start version unique, cut so it
 * stays within Lambda's 256 characters (the run-scoped tag is kept whole).
 *
 * @example
 * coldStartDescription({ original: 'api', tag: 'pt-x-128-0' }); // 'api - pt-x-128-0'
 */
const coldStartDescription = ({ original, tag }: { original: string; tag: string }): string => {
  const suffix = `${COLD_START_DESCRIPTION_SEPARATOR}${tag}`;
  return `${original.slice(0, Math.max(0, MAX_DESCRIPTION_LENGTH - suffix.length))}${suffix}`;
};

/**
 * `$LATEST`'s description without the cold-start tag of the run with this
 * alias prefix; unchanged when it carries none.
 *
 * @example
 * stripColdStartTag({ description: 'api - pt-x-128-0', aliasPrefix: 'pt-x-' }); // 'api'
 */
const stripColdStartTag = ({ description, aliasPrefix }: { description: string; aliasPrefix: string }): string => {
  const tag = `${COLD_START_DESCRIPTION_SEPARATOR}${aliasPrefix}`;
  const at = description.lastIndexOf(tag);
  return at >= 0 && /^\d+-\d+$/u.test(description.slice(at + tag.length)) ? description.slice(0, at) : description;
};

/**
 * The name of a run's temporary copy: the function's short name, cut so that
 * the run-scoped suffix always fits in Lambda's 64 characters.
 *
 * @example
 * copyFunctionName({ functionName: 'arn:aws:lambda:us-east-1:1:function:api', runId: 'lx1abc', architecture: 'arm64' });
 * // 'api-pt-lx1abc-arm64'
 */
const copyFunctionName = ({
  functionName,
  runId,
  architecture,
}: {
  functionName: string;
  runId: string;
  architecture: Architecture;
}): string => {
  const short = functionNameOfArn(functionName) ?? functionName;
  const suffix = `-${RUN_PREFIX}-${runId}-${architecture}`;
  return `${short.slice(0, MAX_FUNCTION_NAME_LENGTH - suffix.length)}${suffix}`;
};

/**
 * Reads a temporary copy's name (or ARN); `undefined` for any other function —
 * the only functions powertune ever deletes are those this returns a value for.
 *
 * @example
 * parseCopyFunctionName('api-pt-lx1abc-arm64'); // { baseName: 'api', runId: 'lx1abc', architecture: 'arm64' }
 */
const parseCopyFunctionName = (name: string): FunctionCopyName | undefined => {
  const match = COPY_NAME.exec(functionNameOfArn(name) ?? name);
  return match === null
    ? undefined
    : { baseName: match[1] as string, runId: match[2] as string, architecture: match[3] as Architecture };
};

/**
 * The description of a temporary copy (says what it is to anyone who finds it).
 *
 * @example
 * copyFunctionDescription({ functionName: 'api', runId: 'lx1abc', architecture: 'arm64' });
 * // 'powertune arm64 copy of api (run lx1abc); deleted when the run ends'
 */
const copyFunctionDescription = ({
  functionName,
  runId,
  architecture,
}: {
  functionName: string;
  runId: string;
  architecture: Architecture;
}): string =>
  `powertune ${architecture} copy of ${functionName} (run ${runId}); deleted when the run ends`.slice(
    0,
    MAX_DESCRIPTION_LENGTH,
  );

export {
  aliasNameOf,
  aliasPrefixOf,
  COLD_START_DESCRIPTION_SEPARATOR,
  coldStartDescription,
  copyFunctionDescription,
  copyFunctionName,
  parseAliasName,
  parseCopyFunctionName,
  parseRunVersionDescription,
  RUN_PREFIX,
  RUN_VERSION_DESCRIPTION_PREFIX,
  runLabelOf,
  runVersionDescription,
  runVersionMarkerOf,
  stripColdStartTag,
};
export type { FunctionCopyName, RunAlias, RunVersionMarker };
