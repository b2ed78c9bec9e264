import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from '../../../src/emulator/concurrency-limiter.js';
import { TooManyRequestsError } from '../../../src/emulator/errors.js';

describe('Class: ConcurrencyLimiter', () => {
  it('counts a released slot once even when release is called twice', () => {
    // Prepare
    const limiter = new ConcurrencyLimiter();
    const release = limiter.acquire({ functionName: 'a', unreservedCapacity: 1 });

    // Act
    release();
    release();
    const again = limiter.acquire({ functionName: 'a', unreservedCapacity: 1 });

    // Assess
    expect(limiter.inFlight).toBe(1);
    expect(() => limiter.acquire({ functionName: 'b', unreservedCapacity: 1 })).toThrow(TooManyRequestsError);
    again();
    expect(limiter.inFlight).toBe(0);
  });

  it('keeps reserved functions out of the unreserved pool', () => {
    const limiter = new ConcurrencyLimiter();
    limiter.acquire({ functionName: 'reserved', reserved: 2, unreservedCapacity: 1 });
    limiter.acquire({ functionName: 'reserved', reserved: 2, unreservedCapacity: 1 });
    expect(() => limiter.acquire({ functionName: 'other', unreservedCapacity: 1 })).not.toThrow();
    expect(() => limiter.acquire({ functionName: 'reserved', reserved: 2, unreservedCapacity: 1 })).toThrow(
      /Rate Exceeded/,
    );
  });

  it('hands a freed slot to a queued request, and rejects queued requests on close', async () => {
    // Prepare
    const limiter = new ConcurrencyLimiter();
    const release = limiter.acquire({ functionName: 'a', unreservedCapacity: 1 });
    const queued = limiter.acquireWhenAvailable(() => ({ functionName: 'a', unreservedCapacity: 1 }));
    const dropped = limiter.acquireWhenAvailable(() => ({ functionName: 'a', unreservedCapacity: 1 }));

    // Act
    release();
    const next = await queued;
    limiter.close();

    // Assess
    expect(limiter.inFlight).toBe(1);
    await expect(dropped).rejects.toThrow(/stopped before a queued asynchronous invocation/);
    next();
  });
});
