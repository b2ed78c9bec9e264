/**
 * Regions named by the user (an ARN's region, `--region`) must be AWS
 * regions this release knows, so `eu-wst-1` gets a did-you-mean before the
 * first call instead of `ENOTFOUND lambda.eu-wst-1.amazonaws.com` mid-run.
 * A region launched after this release passes with `--allow-unknown-region`
 * or `POWERTUNE_ALLOW_UNKNOWN_REGION=1`.
 *
 * @module cli/check-region
 */
import { catalogRegions, regionOfArn, suggestClosest } from '../core/index.js';
import { UsageError } from './errors.js';
import type { FlagSpec } from './parse-flags.js';

/** The environment variable that lets unknown regions through (for CI configs). */
const ALLOW_UNKNOWN_REGION_VARIABLE = 'POWERTUNE_ALLOW_UNKNOWN_REGION';

/** Regions without public Lambda prices, so missing from the price catalog. */
const ISOLATED_REGIONS = [
  'us-iso-east-1',
  'us-iso-west-1',
  'us-isob-east-1',
  'us-isof-south-1',
  'us-isof-east-1',
  'eu-isoe-west-1',
] as const;

/**
 * Every region this release knows: the price catalog's plus the isolated ones.
 *
 * @example
 * knownRegions().includes('eu-central-1'); // true
 */
const knownRegions = (): string[] => [...new Set([...catalogRegions(), ...ISOLATED_REGIONS])];

/** One region to check and where it came from. */
interface RegionSource {
  /** The flag or input key that carried it (`lambdaARN`, `--region`, …). */
  field: string;
  /** The ARN, or the region itself for `--region`. */
  value: string | undefined;
}

/**
 * Throws a `UsageError` for the first region that is not known, unless
 * unknown regions are allowed. Values that are not ARNs carry no region and
 * pass; `--region` values are given with `isRegion`.
 *
 * @example
 * checkRegions({ sources: [{ field: 'lambdaARN', value: 'arn:aws:lambda:eu-wst-1:123456789012:function:f' }], allowUnknown: false, env: {} });
 * // throws "lambdaARN: expected a known AWS region …; got "eu-wst-1" … Did you mean "eu-west-1"?"
 */
const checkRegions = ({
  sources,
  regionFlags = [],
  allowUnknown,
  env,
}: {
  sources: RegionSource[];
  /** Sources whose value is a region, not an ARN. */
  regionFlags?: RegionSource[];
  allowUnknown: boolean;
  env: Record<string, string | undefined>;
}): void => {
  if (allowUnknown || /^(1|true|yes)$/i.test(env[ALLOW_UNKNOWN_REGION_VARIABLE] ?? '')) return;
  const known = knownRegions();
  const named = [
    ...sources.map(({ field, value }) => ({
      field,
      value,
      region: value === undefined ? undefined : regionOfArn(value),
    })),
    ...regionFlags.map(({ field, value }) => ({ field, value, region: value })),
  ];
  for (const { field, value, region } of named) {
    if (region === undefined || known.includes(region)) continue;
    const closest = suggestClosest(region, known);
    const from = value === region ? '' : ` in ${JSON.stringify(value)}`;
    throw new UsageError({
      field,
      message:
        `${field}: expected a known AWS region such as us-east-1 or eu-west-1; got ${JSON.stringify(region)}${from}.` +
        `${closest === undefined ? '' : ` Did you mean "${closest}"?`}` +
        ` If it is a region newer than this powertune, pass --allow-unknown-region (or set ${ALLOW_UNKNOWN_REGION_VARIABLE}=1).`,
    });
  }
};

/** The escape for regions newer than this release, the same flag on every command that takes a region. */
const ALLOW_UNKNOWN_REGION_FLAG: FlagSpec = {
  name: 'allow-unknown-region',
  type: 'boolean',
  description: `Accept a region this powertune does not know yet (or set ${ALLOW_UNKNOWN_REGION_VARIABLE}=1)`,
};

export { ALLOW_UNKNOWN_REGION_FLAG, ALLOW_UNKNOWN_REGION_VARIABLE, checkRegions, knownRegions };
export type { RegionSource };
