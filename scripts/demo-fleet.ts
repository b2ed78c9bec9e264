/**
 * `npm run demo:fleet` — scan → fleet → apply on the local Lambda service
 * with no AWS account: four example functions get different traffic, scan
 * ranks them, fleet tunes the three that have a payload (the fourth is
 * skipped, never invoked) and apply shows the template diff (--dry-run).
 * Everything lands in ./powertune-fleet-demo/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { main } from '../src/cli/main.js';
import { createZip, startEmulator } from '../src/emulator/index.js';

/** example → memory MB, invocations of generated traffic, the event fleet may send (none: skipped). */
const FUNCTIONS = [
  { name: 'prime-sieve', memoryMB: 2048, traffic: 12, payload: { limit: 1_000_000 } },
  { name: 'network-call', memoryMB: 1024, traffic: 20, payload: { latencyMs: 20 } },
  { name: 'noop', memoryMB: 512, traffic: 30, payload: {} },
  { name: 'db-queries', memoryMB: 256, traffic: 6, payload: undefined },
] as const;

const out = resolve('powertune-fleet-demo');
mkdirSync(out, { recursive: true });
const context = {
  cwd: out,
  env: { ...process.env, AWS_REGION: 'us-east-1' },
  stdout: process.stdout,
  stderr: process.stderr,
};
const step = (text: string): void => {
  process.stderr.write(`\n━━ ${text}\n`);
};

const emulator = await startEmulator({
  announce: false,
  logger: { info: () => undefined, warn: (m) => process.stderr.write(`${m}\n`) },
});
const lambda = new LambdaClient({
  endpoint: emulator.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
});
try {
  step(`Local Lambda service on ${emulator.endpoint}: creating four example functions and generating traffic`);
  for (const fn of FUNCTIONS) {
    const code = readFileSync(resolve('examples/functions', fn.name, 'index.mjs'));
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: fn.name,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::123456789012:role/demo',
        Code: { ZipFile: createZip([{ path: 'index.mjs', data: code }]) },
        MemorySize: fn.memoryMB,
        Timeout: 30,
      }),
    );
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
      { FunctionName: fn.name },
    );
    for (let i = 0; i < fn.traffic; i += 1)
      await lambda.send(new InvokeCommand({ FunctionName: fn.name, Payload: JSON.stringify(fn.payload ?? {}) }));
    process.stderr.write(`  ${fn.name}: ${fn.memoryMB} MB, ${fn.traffic} invocations\n`);
  }

  step('powertune scan --logs --write-plan plan.json (reads metrics and REPORT lines; invokes nothing)');
  await main({
    ...context,
    argv: [
      'scan',
      '--endpoint-url',
      emulator.endpoint,
      '--days',
      '1',
      '--logs',
      '--write-plan',
      'plan.json',
      '--report',
      'scan.html',
    ],
  });

  step('Adding a payload to three plan entries (db-queries keeps none, so fleet skips it)');
  const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as {
    functions: Array<Record<string, unknown>>;
  };
  const edited = {
    defaults: { num: 5, powerValues: [256, 1024, 1769] },
    functions: plan.functions.map((entry) => {
      const payload = FUNCTIONS.find((fn) => fn.name === entry.function)?.payload;
      return payload === undefined ? entry : { ...entry, payload };
    }),
  };
  writeFileSync(join(out, 'plan.json'), `${JSON.stringify(edited, null, 2)}\n`);

  step('powertune fleet plan.json --max-functions 1 --out fleet-result.json --report fleet.html');
  await main({
    ...context,
    argv: [
      'fleet',
      'plan.json',
      '--endpoint-url',
      emulator.endpoint,
      '--max-functions',
      '1',
      '--out',
      'fleet-result.json',
      '--report',
      'fleet.html',
    ],
  });

  step('powertune apply fleet-result.json --template template.yaml --dry-run');
  writeFileSync(
    join(out, 'template.yaml'),
    [
      '# Demo stack: the sizes below are what the functions run with today.',
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      ...FUNCTIONS.flatMap((fn) => [
        `  ${fn.name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}:`,
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        `      FunctionName: ${fn.name}`,
        '      Handler: index.handler',
        `      MemorySize: ${fn.memoryMB} # chosen by hand`,
      ]),
      '',
    ].join('\n'),
  );
  await main({ ...context, argv: ['apply', 'fleet-result.json', '--template', 'template.yaml', '--dry-run'] });
  step(`Done. See ${join(out, 'scan.html')} and ${join(out, 'fleet.html')}`);
} finally {
  lambda.destroy();
  await emulator.stop();
}
