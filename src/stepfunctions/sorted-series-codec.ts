/**
 * A compact, exact encoding for a multiset of durations: values are quantized
 * to 0.01 ms (the precision of Lambda's text REPORT lines, so text-format
 * durations round-trip exactly; JSON-format `durationMs` has 0.001 ms, so the
 * error there is at most 0.005 ms), sorted, delta-encoded, written as
 * unsigned LEB128 varints and base64'd. A sorted multiset keeps every order
 * statistic, so trimmed means and percentiles computed from the decoded
 * values equal those of the original values (within the quantization bound).
 *
 * Billed durations are whole milliseconds and use 1 ms steps (exact).
 * 1,000 durations typically take 1–3 bytes each before base64.
 *
 * @module stepfunctions/sorted-series-codec
 */
import { SeriesCodecError } from './errors.js';

/** Quantization steps per millisecond: 0.01 ms for durations, 1 ms for billed durations (Lambda bills whole ms). */
const STEPS_PER_MS = { duration: 100, billed: 1 } as const;

interface SeriesCodecOptions {
  /** Quantization steps per millisecond. Default {@link STEPS_PER_MS}.duration (0.01 ms). */
  stepsPerMs?: number;
}
const VARINT_PAYLOAD_BITS = 7;
const VARINT_BASE = 2 ** VARINT_PAYLOAD_BITS;
const VARINT_CONTINUATION = 0x80;
const VARINT_PAYLOAD_MASK = 0x7f;

/**
 * Encodes values (any order) as a sorted, quantized, delta-varint base64 string.
 *
 * @example
 * encodeSortedSeries([102.25, 99.5, 101]); // 'Xm4...' (3 values)
 */
const encodeSortedSeries = (
  values: readonly number[],
  { stepsPerMs = STEPS_PER_MS.duration }: SeriesCodecOptions = {},
): string => {
  const steps = values.map((value) => {
    if (!Number.isFinite(value) || value < 0) {
      throw new SeriesCodecError({ reason: `cannot encode ${String(value)}: durations must be finite and >= 0` });
    }
    return Math.round(value * stepsPerMs);
  });
  steps.sort((a, b) => a - b);
  const bytes: number[] = [];
  let previous = 0;
  for (const step of steps) {
    let delta = step - previous;
    previous = step;
    // Arithmetic, not bit operators: deltas may exceed 2^31 steps in theory.
    while (delta >= VARINT_BASE) {
      bytes.push((delta % VARINT_BASE) | VARINT_CONTINUATION);
      delta = Math.floor(delta / VARINT_BASE);
    }
    bytes.push(delta);
  }
  return Buffer.from(bytes).toString('base64');
};

/**
 * Decodes {@link encodeSortedSeries} output into ascending values in ms.
 *
 * @example
 * decodeSortedSeries(encodeSortedSeries([3, 1, 2])); // [1, 2, 3]
 */
const decodeSortedSeries = (
  encoded: string,
  { stepsPerMs = STEPS_PER_MS.duration }: SeriesCodecOptions = {},
): number[] => {
  const bytes = Buffer.from(encoded, 'base64');
  const values: number[] = [];
  let previous = 0;
  let delta = 0;
  let scale = 1;
  for (const byte of bytes) {
    delta += (byte & VARINT_PAYLOAD_MASK) * scale;
    if ((byte & VARINT_CONTINUATION) !== 0) {
      scale *= VARINT_BASE;
      continue;
    }
    previous += delta;
    values.push(previous / stepsPerMs);
    delta = 0;
    scale = 1;
  }
  if (scale !== 1) {
    throw new SeriesCodecError({ reason: 'the encoded series ends in the middle of a value (truncated state?)' });
  }
  return values;
};

export { decodeSortedSeries, encodeSortedSeries, STEPS_PER_MS };
export type { SeriesCodecOptions };
