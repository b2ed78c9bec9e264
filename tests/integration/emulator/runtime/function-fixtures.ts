/**
 * Handler code for the runtime's integration tests, written to a temp
 * directory, and a snapshot builder.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { FunctionSnapshot } from '../../../../src/emulator/runtime/types.js';

const FILES: Record<string, string> = {
  'esm/index.mjs': `
console.log('init of esm');
export const handler = async (event, context) => {
  console.log('event', JSON.stringify(event));
  console.warn('careful');
  return {
    pid: process.pid,
    event,
    requestId: context.awsRequestId,
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    memoryLimitInMB: context.memoryLimitInMB,
    invokedFunctionArn: context.invokedFunctionArn,
    logGroupName: context.logGroupName,
    logStreamName: context.logStreamName,
    remaining: context.getRemainingTimeInMillis(),
    clientContext: context.clientContext,
    traceId: process.env._X_AMZN_TRACE_ID,
  };
};
export const env = async () => ({ ...process.env });
export const fail = async () => { const error = new TypeError('boom'); throw error; };
export const sleep = async (event) => { await new Promise((r) => setTimeout(r, event.ms)); return { slept: event.ms }; };
export const allocate = async (event) => {
  const buffer = Buffer.alloc(event.mb * 1024 * 1024, 1);
  await new Promise((r) => setTimeout(r, event.holdMs ?? 50));
  return { bytes: buffer.length };
};
export const crash = async () => { process.exit(3); };
export const spin = async (event) => {
  const until = event.iterations; let x = 0;
  for (let i = 0; i < until; i++) x = (x + i * i) % 1000003;
  return { x };
};
export const pid = async () => ({ pid: process.pid });
export const now = async () => ({ ns: String(process.hrtime.bigint()) });
export const big = async () => 'x'.repeat(7 * 1024 * 1024);
export const rejectLater = async () => { setTimeout(() => { throw new RangeError('late'); }, 1); await new Promise((r) => setTimeout(r, 500)); return 'never'; };
`,
  'esm-js/package.json': '{"type":"module"}',
  'esm-js/app.js': `export const handler = async () => ({ kind: typeof require === 'undefined' ? 'esm' : 'cjs' });`,
  'cjs/index.js': `exports.handler = async () => ({ kind: typeof require === 'function' && typeof module === 'object' ? 'cjs' : 'esm' });`,
  'cjs/package.json': '{"type":"commonjs"}',
  'cjs/callback.cjs': `module.exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { viaCallback: event.n * 2 }), 5); };
module.exports.failing = (event, context, callback) => callback(new Error('callback failure'));`,
  'nested/src/app.mjs': `export const handlers = { main: async () => 'nested ok' };`,
  'broken/index.mjs': `export const handler = async () => { return 1 +; };`,
  'throws-at-init/index.mjs': `throw new Error('cannot connect at init');`,
  'python/main.py': `
import json, logging, os, time
logger = logging.getLogger()
print("python init")
def handler(event, context):
    logger.info("got %s", json.dumps(event))
    print("printed line")
    return {"pid": os.getpid(), "event": event, "requestId": context.aws_request_id, "memory": context.memory_limit_in_mb,
            "name": context.function_name, "remaining": context.get_remaining_time_in_millis()}
def fail(event, context):
    raise ValueError("bad value")
def spin(event, context):
    x = 0
    for i in range(event["iterations"]):
        x = (x + i * i) % 1000003
    return {"x": x}
`,
};

/** Writes every fixture function below a new temp directory; returns it. */
const writeFixtures = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'pt-fixtures-'));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
};

const removeFixtures = (root: string): void => rmSync(root, { recursive: true, force: true });

const snapshot = (overrides: Partial<FunctionSnapshot> & { codeDir: string }): FunctionSnapshot => ({
  functionName: 'fixture',
  functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fixture',
  version: '$LATEST',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  codeSha256: 'sha-1',
  memorySizeMB: 1769,
  timeoutSeconds: 10,
  environment: {},
  logFormat: 'Text',
  architecture: 'x86_64',
  region: 'us-east-1',
  accountId: '123456789012',
  logGroup: '/aws/lambda/fixture',
  ...overrides,
});

/** Live processes whose parent is `parentPid` (zombies excluded). */
const childrenOf = (parentPid: number): number[] => {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parentPid && fields[0] !== 'Z') found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
};

/** True while a process exists and is not a zombie. */
const isAlive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
};

/** Our CPU groups of a host process (cgroup v1 cpu hierarchy of this machine). */
const cpuGroupsOf = (hostPid: number): string[] => {
  try {
    return readdirSync('/sys/fs/cgroup/cpu').filter(
      (name) => name.startsWith(`powertune-${hostPid}-`) || name === `powertune-${hostPid}`,
    );
  } catch {
    return [];
  }
};

export { childrenOf, cpuGroupsOf, isAlive, removeFixtures, snapshot, writeFixtures };
