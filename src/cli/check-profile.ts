/**
 * `--profile NAME` must name a profile of the AWS shared config files
 * (`~/.aws/config`, `~/.aws/credentials`, or the files `AWS_CONFIG_FILE` and
 * `AWS_SHARED_CREDENTIALS_FILE` point at), checked before the first call so
 * a typo gets the list of profiles instead of an SDK error mid-run.
 *
 * @module cli/check-profile
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './errors.js';

type Env = Record<string, string | undefined>;

const readOrEmpty = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** Section names of an INI file; `[profile x]` in the config file is profile `x`. */
const sectionsOf = (text: string, { config }: { config: boolean }): string[] =>
  [...text.matchAll(/^\s*\[\s*([^\]]+?)\s*\]\s*$/gm)]
    .map((match) => match[1] ?? '')
    .map((name) => (config ? name.replace(/^profile\s+/, '') : name))
    .filter((name) => name !== '' && !(config && /^(sso-session|services)\s/.test(name)));

/**
 * The profiles the AWS SDK would find, sorted and without duplicates.
 *
 * @example
 * listProfiles({ env: { AWS_CONFIG_FILE: '/tmp/config' } }); // ['default', 'dev']
 */
const listProfiles = ({ env }: { env: Env }): { profiles: string[]; files: string[] } => {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const configFile = env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials');
  const profiles = new Set([
    ...sectionsOf(readOrEmpty(configFile), { config: true }),
    ...sectionsOf(readOrEmpty(credentialsFile), { config: false }),
  ]);
  return { profiles: [...profiles].sort(), files: [configFile, credentialsFile] };
};

/**
 * Throws a `UsageError` when `--profile` names no profile of the config files.
 *
 * @example
 * checkProfile({ profile: 'nosuch', env: process.env }); // throws "--profile: expected one of the profiles … found: default, dev; got "nosuch""
 */
const checkProfile = ({ profile, env }: { profile: string | undefined; env: Env }): void => {
  if (profile === undefined) return;
  const { profiles, files } = listProfiles({ env });
  if (profiles.includes(profile)) return;
  const found = profiles.length === 0 ? 'none found' : `found: ${profiles.join(', ')}`;
  throw new UsageError({
    field: '--profile',
    message:
      `--profile: expected a profile of ${files.join(' or ')} (${found}); got ${JSON.stringify(profile)}. ` +
      `Pick one of those, or create it with "aws configure --profile ${profile}".`,
  });
};

export { checkProfile, listProfiles };
