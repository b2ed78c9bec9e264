// CPU-bound, single-threaded: inverts a random n×n matrix (default n = 120)
// with Gauss–Jordan elimination in plain JavaScript — the article's matrix
// example without numpy (article pattern 2). Duration falls with memory up to
// one vCPU (1,769 MB).
const DEFAULT_SIZE = 120;

/** A deterministic pseudo-random generator, so every run does the same work. */
const random = (seed) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

const invert = (matrix) => {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < n; row += 1) if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) pivot = row;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const scale = a[col][col];
    if (scale === 0) throw new Error('The matrix is singular: no inverse');
    for (let j = 0; j < 2 * n; j += 1) a[col][j] /= scale;
    for (let row = 0; row < n; row += 1) {
      if (row === col) continue;
      const factor = a[row][col];
      if (factor === 0) continue;
      for (let j = 0; j < 2 * n; j += 1) a[row][j] -= factor * a[col][j];
    }
  }
  return a.map((row) => row.slice(n));
};

export const handler = async (event = {}) => {
  const size = Number.isInteger(event?.size) && event.size > 0 ? event.size : DEFAULT_SIZE;
  const next = random(42);
  const matrix = Array.from({ length: size }, () => Array.from({ length: size }, () => next()));
  const inverse = invert(matrix);
  // A cheap check that the work was done: the trace of the inverse.
  const trace = inverse.reduce((sum, row, i) => sum + row[i], 0);
  return { size, trace };
};
