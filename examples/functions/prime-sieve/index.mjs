// CPU-bound, single-threaded: the sieve of Eratosthenes up to `event.limit`
// (default 5,000,000 — about 30 ms on one vCPU). Duration falls in proportion
// to memory up to 1,769 MB (one vCPU) and stays flat above it: one thread
// cannot use a second vCPU (article pattern 3).
const DEFAULT_LIMIT = 5_000_000;

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
