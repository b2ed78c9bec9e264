/**
 * A small seeded random number generator, so that simulations and tests that
 * draw noise are reproducible (core/ never calls Math.random).
 *
 * @module core/statistics/create-seeded-random
 */

const MULBERRY_INCREMENT = 0x6d2b79f5;
const UINT32_RANGE = 4_294_967_296;

/**
 * Returns a mulberry32 generator of floats in [0, 1) seeded with `seed`
 * (Tommy Ettinger's public-domain 32-bit generator). Same seed → same
 * sequence.
 *
 * @example
 * const random = createSeededRandom(42);
 * random(); // 0.6011037519201636
 */
const createSeededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (state + MULBERRY_INCREMENT) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / UINT32_RANGE;
  };
};

export { createSeededRandom };
