// CPU-bound, single-threaded: the sieve of Eratosthenes up to `event.limit`
// (default 15,000,000 — about 80 ms on one vCPU, sweeping a 15 MB array).
// Duration falls in proportion to memory up to 1,769 MB (one vCPU) and stays
// flat above it: one thread cannot use a second vCPU (article pattern 3), so
// the cost is about the same from 128 to 1,536 MB.
//
// Why 80 ms: each invocation starts with up to one 20 ms CPU period's quota
// at full speed. For a run of only a few periods that head start is a large
// share, and it is larger at the bigger sizes: at 30 ms (the old default,
// 5,000,000) 1,536 MB cost about 10% more than 1,024 MB, so the example no
// longer showed its own pattern. At 80 ms no size from 128 to 1,536 MB
// costs more than about 5% above the cheapest.
const DEFAULT_LIMIT = 15_000_000;

const countPrimes = (limit) => {
  const composite = new Uint8Array(limit + 1);
  let count = 0;
  for (let i = 2; i <= limit; i += 1) {
    if (composite[i] === 1) continue;
    count += 1;
    for (let multiple = i * i; multiple <= limit; multiple += i) composite[multiple] = 1;
  }
  return count;
};

export const handler = async (event = {}) => {
  const limit = Number.isInteger(event?.limit) && event.limit > 1 ? event.limit : DEFAULT_LIMIT;
  return { limit, primes: countPrimes(limit) };
};
