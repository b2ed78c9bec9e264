/**
 * A small seeded PRNG (mulberry32) so "random" fault points are the same on
 * every run of the suite.
 */

/** Returns a function yielding numbers in [0, 1), fully determined by `seed`. */
const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** An integer in [min, max] drawn from `random`. */
const randomInt = (random: () => number, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

export { randomInt, seededRandom };
