/**
 * scan → fleet → apply on the local service, with no AWS account: four
 * functions with different traffic and sizes are ranked by monthly cost,
 * the written plan's entries without a payload are skipped (never invoked),
 * the others are tuned (one that fails at every size is `failed`), and the
 * result rewrites a SAM template with its comments intact.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetResult, ScannedFunction } from '../../../src/core/fleet/index.js';
import { createZip, startEmulator } from '../../../src/emulator/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { FakeExecutionBackend } from '../../helpers/fake-execution-backend.js';
import { runCli } from '../../helpers/run-cli.js';

/** name → [memory MB, invocations of traffic, ms of work at 1024 MB]. "broken" fails at every size. */
const FUNCTIONS = {
  thumbs: [2048, 8, 80],
  orders: [1024, 12, 50],
  audit: [256, 20, 20],
  broken: [512, 3, 10],
} as const;

let emulator: RunningEmulator;
let lambda: LambdaClient;
let backend: FakeExecutionBackend;
const cwd = mkdtempSync(join(tmpdir(), 'powertune-fleet-e2e-'));
const env = (): Record<string, string> => ({ AWS_REGION: 'us-east-1' });

beforeAll(async () => {
  backend = new FakeExecutionBackend({
    respond: (request) => {
      const [, , work] = FUNCTIONS[request.fn.functionName as keyof typeof FUNCTIONS];
      if (request.fn.functionName === 'broken')
        return { functionError: 'Unhandled', payload: '{"errorType":"Error","errorMessage":"boom"}', durationMs: 3 };
      // CPU-bound until one vCPU (then flat) plus 5 ms of fixed overhead: the smallest size measured is the cheapest.
      return {
        payload: '"ok"',
        durationMs: (work * 1024) / Math.min(request.fn.memorySizeMB, 1769) + 5,
        maxMemoryUsedMB: 60,
      };
    },
  });
  emulator = await startEmulator({
    announce: false,
    backend,
    logger: { info: () => undefined, warn: () => undefined },
  });
  lambda = new LambdaClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  for (const [name, [memory, traffic]] of Object.entries(FUNCTIONS)) {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::123456789012:role/powertune-test',
        Code: {
          ZipFile: createZip([{ path: 'index.mjs', data: Buffer.from('export const handler = async () => 1;') }]),
        },
        MemorySize: memory,
      }),
    );
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
      { FunctionName: name },
    );
    for (let i = 0; i < traffic; i += 1) await lambda.send(new InvokeCommand({ FunctionName: name }));
  }
}, 60_000);

afterAll(async () => {
  lambda?.destroy();
  await emulator?.stop();
  rmSync(cwd, { recursive: true, force: true });
});

describe('Fleet end to end on the local service', () => {
  let plan: { functions: Array<Record<string, unknown>> };
  let fleetResult: FleetResult;

  it('scan --json ranks the functions by monthly cost with their invocation counts and signals', async () => {
    // Act
    const run = await runCli(
      ['scan', '--endpoint-url', emulator.endpoint, '--days', '1', '--json', '--write-plan', 'plan.json', '--top', '4'],
      { cwd, env: env() },
    );
    // Assess
    expect(run.code, run.stderr).toBe(0);
    const { functions } = JSON.parse(run.stdout) as { functions: ScannedFunction[] };
    expect(functions.map((f) => [f.functionName, f.invocations])).toEqual([
      ['thumbs', 8],
      ['orders', 12],
      ['audit', 20],
      ['broken', 3],
    ]);
    const signals = Object.fromEntries(functions.map((f) => [f.functionName, f.signals.map((s) => s.code)]));
    expect(signals.thumbs).toEqual(['above-one-vcpu', 'arm64-available', 'never-tuned', 'outside-compute-optimizer']);
    expect(signals.orders).toEqual(['arm64-available', 'never-tuned']);
    expect(functions.find((f) => f.functionName === 'broken')?.errors).toBe(3);
    // thumbs: 8 × 1 day→month × 51.3 ms (billed 52) × 2 GB, priced by the catalog, plus requests
    const thumbs = functions[0];
    expect(thumbs?.monthlyCost).toBeCloseTo(8 * 30.4375 * (0.052 * 2 * 0.0000166667 + 2e-7), 8);
    plan = JSON.parse(readFileSync(join(cwd, 'plan.json'), 'utf8')) as typeof plan;
    expect(plan.functions.map((e) => e.function)).toEqual(['thumbs', 'orders', 'audit', 'broken']);
    expect(plan.functions.every((e) => e.payload === undefined)).toBe(true);
  });

  it('fleet tunes the entries with a payload, skips the others without invoking them, and adds up the totals', async () => {
    // Prepare: payloads for three entries; "audit" keeps none.
    const withPayloads = {
      defaults: { num: 5, powerValues: [512, 1024] },
      functions: plan.functions.map((entry) =>
        entry.function === 'audit' ? entry : { ...entry, payload: { ping: true } },
      ),
    };
    writeFileSync(join(cwd, 'plan.json'), JSON.stringify(withPayloads, null, 2));
    const auditBefore = backend.requests.filter((r) => r.fn.functionName === 'audit').length;
    // Act
    const run = await runCli(
      [
        'fleet',
        'plan.json',
        '--endpoint-url',
        emulator.endpoint,
        '--json',
        '--out',
        'fleet-result.json',
        '--report',
        'fleet.html',
        '--max-functions',
        '2',
      ],
      { cwd, env: env() },
    );
    // Assess
    expect(run.code, run.stderr).toBe(1);
    fleetResult = JSON.parse(run.stdout) as FleetResult;
    const status = Object.fromEntries(fleetResult.functions.map((f) => [f.functionName, f.status]));
    expect(status).toEqual({ thumbs: 'tuned', orders: 'tuned', audit: 'skipped', broken: 'failed' });
    expect(fleetResult.functions.find((f) => f.functionName === 'audit')?.reason).toMatch(/^no payload/);
    expect(backend.requests.filter((r) => r.fn.functionName === 'audit').length).toBe(auditBefore);
    const thumbs = fleetResult.functions.find((f) => f.functionName === 'thumbs');
    expect(thumbs).toMatchObject({ currentMemoryMB: 2048, recommendedMemoryMB: 512 });
    expect(thumbs?.monthlySaving?.value).toBeGreaterThan(0);
    expect(fleetResult.totals).toMatchObject({ tuned: 2, skipped: 1, failed: 1 });
    const sum = fleetResult.functions.reduce((total, f) => total + (f.monthlySaving?.value ?? 0), 0);
    expect(fleetResult.totals.monthlySaving.value).toBeCloseTo(sum, 12);
    expect(readFileSync(join(cwd, 'fleet.html'), 'utf8')).toContain('href="#fn-0-thumbs"');
    // Tuning changed no function: every size ran on its own version and alias.
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'thumbs' }));
    expect(config.MemorySize).toBe(2048);
  });

  it('apply rewrites the SAM template with its comments intact, and --dry-run changes nothing', async () => {
    // Prepare
    const fixture = join(__dirname, '../../fixtures/fleet/template.yaml');
    copyFileSync(fixture, join(cwd, 'template.yaml'));
    writeFileSync(join(cwd, 'map.json'), JSON.stringify({ OrdersFunction: 'orders' }));
    const before = readFileSync(fixture, 'utf8');
    // Act: a dry run first
    const dry = await runCli(
      ['apply', 'fleet-result.json', '--template', 'template.yaml', '--map', 'map.json', '--dry-run'],
      { cwd },
    );
    // Assess
    expect(dry.code, dry.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'template.yaml'), 'utf8')).toBe(before);
    expect(dry.stdout).toContain('-   16 |       MemorySize: 2048 # set by hand in 2023');
    // Act
    const run = await runCli(['apply', 'fleet-result.json', '--template', 'template.yaml', '--map', 'map.json'], {
      cwd,
    });
    // Assess: only the two MemorySize lines differ; every comment and the rest of the layout are kept.
    expect(run.code, run.stderr).toBe(0);
    const after = readFileSync(join(cwd, 'template.yaml'), 'utf8');
    const expected = before
      .replace('MemorySize: 2048 # set by hand in 2023', 'MemorySize: 512 # set by hand in 2023')
      .replace(
        '      # the name comes from the stack',
        `      MemorySize: ${fleetResult.functions.find((f) => f.functionName === 'orders')?.recommendedMemoryMB}\n      # the name comes from the stack`,
      );
    expect(after).toBe(expected);
    expect(run.stderr).toBe('');
  });

  it('apply refuses a template with no matching function and writes nothing', async () => {
    writeFileSync(
      join(cwd, 'other.yaml'),
      'Resources:\n  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: other # keep\n',
    );
    const run = await runCli(['apply', 'fleet-result.json', '--template', 'other.yaml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no function of the template matches a tuned function of the result (thumbs, orders)');
    expect(readFileSync(join(cwd, 'other.yaml'), 'utf8')).toContain('FunctionName: other # keep');
  });

  it('apply refuses a result of another region than the template', async () => {
    const run = await runCli(['apply', 'fleet-result.json', '--template', 'template.yaml', '--region', 'eu-west-1'], {
      cwd,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('thumbs was tuned in us-east-1, but the template deploys to eu-west-1');
  });

  it('apply --format terraform prints the changes to make by hand and writes nothing', async () => {
    const run = await runCli(['apply', 'fleet-result.json', '--format', 'terraform'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/thumbs\s+us-east-1\s+2048\s+512\s+memory_size = 512/);
  });
});
