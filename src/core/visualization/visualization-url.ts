/**
 * The public visualization site's URL hash, byte-compatible with the
 * reference tool, AWS Lambda Power Tuning: `#A;B;C` where
 * A = base64(Int16Array of powers, little-endian), B = base64(Float32Array of
 * average durations), C = base64(Float32Array of average costs), sorted by
 * power. A comparison adds a second triple and two URI-encoded legends.
 *
 * @module core/visualization/visualization-url
 */

/** Default base of the public site (the reference's `visualizationURL`). */
const DEFAULT_VISUALIZATION_BASE_URL = 'https://lambda-power-tuning.show/';

interface VisualizationPoint {
  value: number;
  averageDuration: number;
  averagePrice: number;
}

/** Standard base64 (with `+/=`) of a typed array's little-endian bytes, without Buffer. */
const bytesToBase64 = (bytes: Uint8Array): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const triple = (b0 << 16) | (b1 << 8) | b2;
    out += alphabet[(triple >> 18) & 63];
    out += alphabet[(triple >> 12) & 63];
    out += i + 1 < bytes.length ? alphabet[(triple >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? alphabet[triple & 63] : '=';
  }
  return out;
};

const base64ToBytes = (text: string): Uint8Array => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = text.replace(/=+$/, '');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new RangeError(`visualization hash: invalid base64 character "${char}"`);
    buffer = (buffer << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
};

/** Little-endian bytes regardless of the host's endianness. */
const encodeSeries = (values: number[], kind: 'int16' | 'float32'): string => {
  const width = kind === 'int16' ? 2 : 4;
  const view = new DataView(new ArrayBuffer(values.length * width));
  values.forEach((v, i) => {
    if (kind === 'int16') view.setInt16(i * 2, v, true);
    else view.setFloat32(i * 4, v, true);
  });
  return bytesToBase64(new Uint8Array(view.buffer));
};

const decodeSeries = (text: string, kind: 'int16' | 'float32'): number[] => {
  const bytes = base64ToBytes(text);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = kind === 'int16' ? 2 : 4;
  const out: number[] = [];
  for (let i = 0; i + width <= bytes.length; i += width) {
    out.push(kind === 'int16' ? view.getInt16(i, true) : view.getFloat32(i, true));
  }
  return out;
};

/**
 * Encodes the three-part hash (without `#`).
 *
 * @example
 * encodeVisualizationHash([{ value: 1, averageDuration: 2, averagePrice: 3 }]);
 */
const encodeVisualizationHash = (points: VisualizationPoint[]): string => {
  const sorted = [...points].sort((a, b) => a.value - b.value);
  return [
    encodeSeries(
      sorted.map((p) => p.value),
      'int16',
    ),
    encodeSeries(
      sorted.map((p) => p.averageDuration),
      'float32',
    ),
    encodeSeries(
      sorted.map((p) => p.averagePrice),
      'float32',
    ),
  ].join(';');
};

/**
 * Decodes a three-part hash (with or without `#`) back into points; values
 * carry Float32 precision.
 *
 * @example
 * decodeVisualizationHash('AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA');
 */
const decodeVisualizationHash = (hash: string): VisualizationPoint[] => {
  const [a = '', b = '', c = ''] = hash.replace(/^#/, '').split(';');
  const powers = decodeSeries(a, 'int16');
  const durations = decodeSeries(b, 'float32');
  const prices = decodeSeries(c, 'float32');
  return powers.map((value, i) => ({
    value,
    averageDuration: durations[i] ?? Number.NaN,
    averagePrice: prices[i] ?? Number.NaN,
  }));
};

/**
 * Builds the full visualization URL as the reference does, adding
 * `?currency=CNY` for China regions.
 *
 * @example
 * buildVisualizationUrl({ points, region: 'eu-west-1' });
 */
const buildVisualizationUrl = ({
  points,
  region,
  baseUrl = DEFAULT_VISUALIZATION_BASE_URL,
}: {
  points: VisualizationPoint[];
  region?: string;
  baseUrl?: string;
}): string => {
  const currency = region?.startsWith('cn-') ? '?currency=CNY' : '';
  return `${baseUrl}${currency}#${encodeVisualizationHash(points)}`;
};

/**
 * Builds the site's 8-part comparison URL: two runs and their legends.
 *
 * @example
 * buildComparisonUrl({ a: pointsX86, b: pointsArm, legendA: 'x86_64', legendB: 'arm64' });
 */
const buildComparisonUrl = ({
  a,
  b,
  legendA,
  legendB,
  baseUrl = DEFAULT_VISUALIZATION_BASE_URL,
}: {
  a: VisualizationPoint[];
  b: VisualizationPoint[];
  legendA: string;
  legendB: string;
  baseUrl?: string;
}): string =>
  `${baseUrl}#${encodeVisualizationHash(a)};${encodeVisualizationHash(b)};${encodeURIComponent(legendA)};${encodeURIComponent(legendB)}`;

export {
  buildComparisonUrl,
  buildVisualizationUrl,
  decodeVisualizationHash,
  DEFAULT_VISUALIZATION_BASE_URL,
  encodeVisualizationHash,
};
export type { VisualizationPoint };
