import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { it } from 'vitest';
import { PowerTuneStateMachine } from '../../../../src/stepfunctions/cdk/index.js';
it('probe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ptcdk-'));
  for (const n of ['initialize','prepare','measure','cleanup','analyze','optimize']) { mkdirSync(join(dir, n)); writeFileSync(join(dir, n, 'index.mjs'), 'export const handler = async () => ({});'); }
  const app = new App();
  const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  new PowerTuneStateMachine(stack, 'PT', { bundleDirectory: dir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try { const a = app.synth(); console.log('ok', a.directory); } catch (e) { console.log('ERR', String(e).slice(0, 3000)); }
});
