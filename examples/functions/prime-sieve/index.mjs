// CPU-bound, single-threaded: the sieve of Eratosthenes up to `event.limit`
// (default 5,000,000: a 5 MB array), run `event.rounds` times (default 3;
// about 90 ms on one vCPU in all). Duration falls in proportion to memory up
// to 1,769 MB (one vCPU) and stays flat above it: one thread cannot use a
// second vCPU (article pattern 3), so the cost is about the same from 128 to
// 1,536 MB.
//
// Why three rounds: each invocation starts with up to one 20 ms CPU period's
// quota at full speed. In a run only a few periods long that head start is a
// large share, and a larger one at the bigger sizes: with one round (30 ms)
// 1,536 MB cost about 10% more than 1,024 MB, and the example did not show
// its own pattern. A bigger array instead of more rounds would make the
// example sensitive to how much of the host's cache its neighbours use.
const DEFAULT_LIMIT = 5_000_000;
const DEFAULT_ROUNDS = 3;
const MAX_ROUNDS = 100;

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
  const rounds =
    Number.isInteger(event?.rounds) && event.rounds >= 1 ? Math.min(event.rounds, MAX_ROUNDS) : DEFAULT_ROUNDS;
  let primes = 0;
  for (let round = 0; round < rounds; round += 1) primes = countPrimes(limit);
  return { limit, rounds, primes };
};
