import { describe, expect, it } from 'vitest';
import { copyFunctionName, validateInput } from '../../../src/core/index.js';
import type { TuningInput } from '../../../src/core/index.js';
import {
  cleanupFromJournal,
  createMemoryJournal,
  FunctionCopyError,
  RunInterruptedError,
  tuneFunctionCopy,
} from '../../../src/tuner/index.js';
import type { TuningEvent } from '../../../src/tuner/index.js';
import { CODE_URL, FakeLambdaAccount } from '../../helpers/fake-lambda-account.js';

const RUN_ID = 'cmp1';
const ZIP = new Uint8Array([0x50, 0x4b, 3, 4]);

const makeInput = (overrides: Record<string, unknown> = {}): TuningInput =>
  validateInput({ lambdaARN: 'my-fn', num: 5, powerValues: [128, 512], ...overrides });

/** arm64 copies run 20% faster than the x86_64 original. */
const makeAccount = (): FakeLambdaAccount =>
  new FakeLambdaAccount({
    primary: { memoryMB: 256, durationModel: (power) => 51_200 / power },
    copyOptions: ({ architecture }) => ({
      durationModel: (power) => (architecture === 'arm64' ? 0.8 : 1) * (51_200 / power),
    }),
  });

describe('Function: tuneFunctionCopy', () => {
  it('tunes an arm64 copy with the same settings and code, then deletes it and finishes its journal', async () => {
    // Prepare
    const account = makeAccount();
    const journal = createMemoryJournal();
    const downloads: string[] = [];
    // Act
    const result = await tuneFunctionCopy({
      input: makeInput(),
      lambda: account,
      architecture: 'arm64',
      runId: RUN_ID,
      journalFor: () => journal,
      download: async (url) => {
        downloads.push(url);
        return ZIP;
      },
      sleep: async () => undefined,
    });
    // Assess
    expect(downloads).toEqual([CODE_URL]);
    expect(account.created).toHaveLength(1);
    expect(account.created[0]).toMatchObject({
      functionName: 'my-fn-pt-cmp1-arm64',
      architecture: 'arm64',
      memoryMB: 256,
      zipFile: ZIP,
      handler: 'index.handler',
      environment: { STAGE: 'prod' },
      role: 'arn:aws:iam::123456789012:role/fn',
    });
    expect(result.run.architecture).toBe('arm64');
    expect(result.sizes.map((size) => size.value)).toEqual([128, 512]);
    expect(result.sizes.find((size) => size.value === 512)?.averageDuration).toBeCloseTo(80, 0);
    // Deleted, and the original is untouched.
    expect(account.deleted).toEqual(['my-fn-pt-cmp1-arm64']);
    expect([...account.functions.keys()]).toEqual(['my-fn']);
    expect(account.functions.get('my-fn')?.callsOf('updateConfiguration')).toEqual([]);
    // Journalled before it was created; the journal is finished once it is gone.
    expect(journal.entries[0]).toMatchObject({
      type: 'create-function',
      functionName: 'my-fn-pt-cmp1-arm64',
      sourceFunction: 'my-fn',
    });
    expect(journal.entries.at(-1)?.type).toBe('finished');
  });

  it('deletes the copy when the run is interrupted', async () => {
    // Prepare
    const account = makeAccount();
    const controller = new AbortController();
    const events: TuningEvent[] = [];
    // Act
    const running = tuneFunctionCopy({
      input: makeInput(),
      lambda: account,
      architecture: 'arm64',
      runId: RUN_ID,
      download: async () => ZIP,
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'invocation-done') controller.abort(new Error('SIGINT'));
      },
      sleep: async () => undefined,
    });
    // Assess
    await expect(running).rejects.toBeInstanceOf(RunInterruptedError);
    expect(account.deleted).toEqual(['my-fn-pt-cmp1-arm64']);
    expect(account.functions.has('my-fn-pt-cmp1-arm64')).toBe(false);
  });

  it('refuses a container-image function before creating anything, and says what to do instead', async () => {
    // Prepare
    const account = makeAccount();
    account.packageType = 'Image';
    // Act
    const running = tuneFunctionCopy({
      input: makeInput(),
      lambda: account,
      architecture: 'arm64',
      download: async () => ZIP,
    });
    // Assess
    await expect(running).rejects.toBeInstanceOf(FunctionCopyError);
    await expect(running).rejects.toThrow(/container image.*use --compare-function ARN instead/);
    expect(account.created).toEqual([]);
  });

  it('refuses when the code cannot be downloaded, before creating anything', async () => {
    // Prepare
    const account = makeAccount();
    // Act
    const running = tuneFunctionCopy({
      input: makeInput(),
      lambda: account,
      architecture: 'arm64',
      download: async () => {
        throw new Error('HTTP 403 Forbidden');
      },
    });
    // Assess
    await expect(running).rejects.toThrow(/its code could not be downloaded \(HTTP 403 Forbidden\)/);
    expect(account.created).toEqual([]);
  });
});

describe('Function: cleanupFromJournal (function copies)', () => {
  it('deletes a copy a crashed comparison left behind, once', async () => {
    // Prepare: the journal recorded the copy, the process died before deleting it.
    const account = makeAccount();
    await account.createFunction({
      functionName: 'my-fn-pt-cmp1-arm64',
      role: 'r',
      zipFile: ZIP,
      memoryMB: 256,
      architecture: 'arm64',
    });
    const journal = createMemoryJournal();
    await journal.record({
      type: 'create-function',
      functionName: 'my-fn-pt-cmp1-arm64',
      sourceFunction: 'my-fn',
      architecture: 'arm64',
      at: '2026-01-01T00:00:00Z',
    });
    // Act
    const first = await cleanupFromJournal({ entries: journal.entries, lambda: account, journal });
    // Assess
    expect(first.complete).toBe(true);
    expect(account.functions.has('my-fn-pt-cmp1-arm64')).toBe(false);
    expect(account.functions.has('my-fn')).toBe(true);
    expect(journal.entries.at(-1)?.type).toBe('finished');
  });
});

describe('Function: copyFunctionName', () => {
  it.each([
    ['my-fn', 'my-fn-pt-cmp1-arm64'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:orders:live', 'orders-pt-cmp1-arm64'],
    ['f'.repeat(64), `${'f'.repeat(50)}-pt-cmp1-arm64`],
  ])('names the copy of %s %s (within 64 characters)', (functionName, expected) => {
    const name = copyFunctionName({ functionName, runId: RUN_ID, architecture: 'arm64' });
    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(64);
  });
});
