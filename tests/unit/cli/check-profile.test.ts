import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProfile, listProfiles } from '../../../src/cli/check-profile.js';

const home = mkdtempSync(join(tmpdir(), 'powertune-profiles-'));
mkdirSync(join(home, '.aws'));
writeFileSync(
  join(home, '.aws', 'config'),
  '[default]\nregion = eu-west-1\n[profile staging]\nregion = eu-west-1\n[sso-session corp]\n[services local]\n',
);
writeFileSync(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = x\n[ci-bot]\naws_access_key_id = y\n');
const elsewhere = join(home, 'elsewhere-config');
writeFileSync(elsewhere, '[profile only-here]\n');
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('Function: listProfiles', () => {
  it('reads ~/.aws/config and ~/.aws/credentials under HOME, without sso-session or services sections', () => {
    expect(listProfiles({ env: { HOME: home } }).profiles).toEqual(['ci-bot', 'default', 'staging']);
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', () => {
    expect(
      listProfiles({
        env: { HOME: home, AWS_CONFIG_FILE: elsewhere, AWS_SHARED_CREDENTIALS_FILE: join(home, 'missing') },
      }).profiles,
    ).toEqual(['only-here']);
  });
});

describe('Function: checkProfile', () => {
  it('accepts a profile of either file and no profile at all', () => {
    expect(() => checkProfile({ profile: 'staging', env: { HOME: home } })).not.toThrow();
    expect(() => checkProfile({ profile: 'ci-bot', env: { HOME: home } })).not.toThrow();
    expect(() => checkProfile({ profile: undefined, env: { HOME: home } })).not.toThrow();
  });

  it('refuses an unknown profile, listing the ones found and how to create it', () => {
    expect(() => checkProfile({ profile: 'prod', env: { HOME: home } })).toThrow(
      /^--profile: expected a profile of .*config or .*credentials \(found: ci-bot, default, staging\); got "prod"\. Pick one of those, or create it with "aws configure --profile prod"\.$/,
    );
  });
});
