// Compute only, one thread: counts primes below `event.limit` by trial
// division. No allocation and a working set of a few registers, so its
// duration measures CPU time alone — the yardstick for the emulator's CPU
// fidelity (bench/emulator-cpu-fidelity.ts). The prime-sieve example is
// CPU-bound too but sweeps a multi-megabyte array, and sliced into 1.45 ms
// runs (128 MB) that work costs more CPU than in one piece.
const DEFAULT_LIMIT = 1_000_000;

const countPrimes = (limit) => {
  let count = 0;
  for (let n = 2; n < limit; n += 1) {
    let prime = true;
    for (let divisor = 2; divisor * divisor <= n; divisor += 1) {
      if (n % divisor === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count += 1;
  }
  return count;
};

export const handler = async (event = {}) => {
  const limit = Number.isInteger(event?.limit) && event.limit > 2 ? event.limit : DEFAULT_LIMIT;
  return { limit, primes: countPrimes(limit) };
};
