import { describe, expect, it } from 'vitest';
import {
  AllSizesFailedError,
  InputError,
  NoViableSizeError,
  PowerTuneError,
  ReportParseError,
} from '../../../src/core/index.js';

describe('Class: InputError', () => {
  it('formats "field: expected; got value" and exits with 2', () => {
    const cause = new Error('root');
    const error = new InputError({ field: 'num', expected: 'must be an integer >= 5', got: '3', cause });
    expect(error.message).toBe('num: must be an integer >= 5; got 3');
    expect(error).toMatchObject({
      name: 'InputError',
      field: 'num',
      expected: 'must be an integer >= 5',
      got: '3',
      exitCode: 2,
      cause,
    });
    expect(error).toBeInstanceOf(PowerTuneError);
    expect(error).toBeInstanceOf(Error);
  });

  it('leaves the got part out when the explanation already names the value', () => {
    const error = new InputError({
      field: 'powerValues',
      expected: '20000 is above the Lambda maximum of 10240 MB',
      got: '20000',
      gotInExpected: true,
    });
    expect(error.message).toBe('powerValues: 20000 is above the Lambda maximum of 10240 MB');
  });
});

describe('Class: AllSizesFailedError', () => {
  it('lists each size and reason, says what to do, and exits with 1', () => {
    const error = new AllSizesFailedError({
      reasons: [{ power: 128, reason: 'Sandbox.Timedout: Task timed out after 3.00 seconds' }],
    });
    expect(error.message).toBe(
      'Every memory size failed, so there is nothing to recommend (128 MB: Sandbox.Timedout: Task timed out after 3.00 seconds). ' +
        'Fix the errors above (or list the expected ones in allowedExceptions) and run again.',
    );
    expect(error).toMatchObject({ name: 'AllSizesFailedError', exitCode: 1 });
  });
});

describe('Class: NoViableSizeError / ReportParseError', () => {
  it('name the candidates and the invocation', () => {
    expect(new NoViableSizeError({ candidates: [128, 256] }).message).toMatch(/none of \[128, 256\] completed/);
    const parse = new ReportParseError({ reason: 'no REPORT line', requestId: 'abc' });
    expect(parse.message).toMatch(/^Could not read the REPORT of invocation abc: no REPORT line\./);
    expect(parse).toMatchObject({ name: 'ReportParseError', requestId: 'abc', exitCode: 1 });
  });
});
