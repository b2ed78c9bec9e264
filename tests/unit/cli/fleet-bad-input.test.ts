import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

const cwd = mkdtempSync(join(tmpdir(), 'powertune-fleet-bad-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** An endpoint nothing listens on: a plan that got past validation would fail with exit 1, not 2. */
const NOWHERE = 'http://127.0.0.1:9';

describe('Command: powertune fleet (bad plans)', () => {
  it.each([
    ['not JSON', '{"functions": [\n  {"function": "a",}\n]}', /PLAN: expected valid JSON; got malformed JSON .*line 2/],
    [
      'an unknown key',
      { functions: [{ function: 'a', pyload: {} }] },
      /functions\[0\]\.pyload: unknown key; did you mean "payload"\?/,
    ],
    ['an unknown top-level key', { functionz: [] }, /functionz: unknown key; did you mean "functions"\?/],
    [
      'an entry naming no function',
      { functions: [{ payload: {} }] },
      /functions\[0\]\.function: expected the function name or ARN; got nothing/,
    ],
    [
      'a duplicate entry',
      {
        functions: [
          { function: 'a', region: 'eu-west-1' },
          { function: 'arn:aws:lambda:eu-west-1:123456789012:function:a' },
        ],
      },
      /functions\[1\]: duplicate entry: functions\[0\] already tunes a in eu-west-1/,
    ],
    [
      'a weight of zero',
      {
        functions: [
          {
            function: 'a',
            payload: [
              { payload: {}, weight: 1 },
              { payload: {}, weight: 0 },
            ],
          },
        ],
      },
      /functions\[0\]\.payload\[1\]\.weight: expected a weighted payload/,
    ],
    ['a bad tune option', { functions: [{ function: 'a', payload: {}, num: 2 }] }, /functions\[0\]\.num: /],
    [
      'payload and payloadFile',
      { functions: [{ function: 'a', payload: {}, payloadFile: 'e.json' }] },
      /functions\[0\]\.payloadFile: expected one of payload or payloadFile; got both/,
    ],
    [
      'a bad region',
      { functions: [{ function: 'a', region: 'moon' }] },
      /functions\[0\]\.region: expected a region like "eu-west-1"; got "moon"/,
    ],
  ])('refuses %s with exit 2', async (_name, plan, message) => {
    // Prepare
    writeFileSync(join(cwd, 'plan.json'), typeof plan === 'string' ? plan : JSON.stringify(plan));
    // Act
    const run = await runCli(['fleet', 'plan.json', '--endpoint-url', NOWHERE], { cwd });
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('refuses --max-functions 0', async () => {
    writeFileSync(join(cwd, 'plan.json'), JSON.stringify({ functions: [] }));
    const run = await runCli(['fleet', 'plan.json', '--max-functions', '0'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-functions: expected an integer >= 1; got "0"');
  });
});
