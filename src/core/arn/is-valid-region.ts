/**
 * AWS region names, e.g. `us-east-1`, `cn-north-1`, `us-gov-west-1`.
 *
 * @module core/arn/is-valid-region
 */

/** `<2 letters>[-gov|-iso…]-<direction>-<number>`. */
const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/**
 * True when `region` looks like an AWS region name. Checks the shape only,
 * so regions launched after this release still pass.
 *
 * @example
 * isValidRegion('us-gov-west-1'); // true
 * isValidRegion('US-EAST-1');     // false
 */
const isValidRegion = (region: string): boolean => REGION_PATTERN.test(region);

/**
 * The partition a region belongs to: `aws-cn` for China, `aws-us-gov` for
 * GovCloud, else `aws`.
 *
 * @example
 * partitionOfRegion('cn-north-1'); // 'aws-cn'
 */
const partitionOfRegion = (region: string): string => {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso')) return region.startsWith('us-isob-') ? 'aws-iso-b' : 'aws-iso';
  return 'aws';
};

export { isValidRegion, partitionOfRegion, REGION_PATTERN };
