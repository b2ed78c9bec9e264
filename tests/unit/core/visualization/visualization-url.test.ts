import { describe, expect, it } from 'vitest';
import {
  buildComparisonUrl,
  buildVisualizationUrl,
  decodeVisualizationHash,
  encodeVisualizationHash,
} from '../../../../src/core/visualization/visualization-url.js';

describe('Function: encodeVisualizationHash', () => {
  it('reproduces the reference golden hash for powers [1,2,3]', () => {
    // Prepare
    const points = [
      { value: 1, averageDuration: 2, averagePrice: 3 },
      { value: 2, averageDuration: 2, averagePrice: 2 },
      { value: 3, averageDuration: 1, averagePrice: 2 },
    ];
    // Act
    const hash = encodeVisualizationHash(points);
    // Assess
    expect(hash).toBe('AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA');
  });

  it('sorts by power before encoding, as the reference does', () => {
    const hash = encodeVisualizationHash([
      { value: 3, averageDuration: 1, averagePrice: 2 },
      { value: 1, averageDuration: 2, averagePrice: 3 },
      { value: 2, averageDuration: 2, averagePrice: 2 },
    ]);
    expect(hash).toBe('AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA');
  });

  it('matches Node Buffer base64 of the typed arrays for real-looking data', () => {
    const points = [
      { value: 128, averageDuration: 402.9533333333333, averagePrice: 8.484e-7 },
      { value: 512, averageDuration: 100.8, averagePrice: 8.568e-7 },
      { value: 1024, averageDuration: 50.28333333333333, averagePrice: 8.568e-7 },
    ];
    const b64 = (a: Int16Array | Float32Array): string => Buffer.from(new Uint8Array(a.buffer)).toString('base64');
    const expected = [
      b64(Int16Array.from([128, 512, 1024])),
      b64(Float32Array.from([402.9533333333333, 100.8, 50.28333333333333])),
      b64(Float32Array.from([8.484e-7, 8.568e-7, 8.568e-7])),
    ].join(';');
    expect(encodeVisualizationHash(points)).toBe(expected);
    expect(expected).toBe('gAAAAgAE;B3rJQ5qZyUIiIklC;m71jNdn+ZTXZ/mU1');
  });
});

describe('Function: decodeVisualizationHash', () => {
  it('decodes the reference README hash into its powers and durations', () => {
    const points = decodeVisualizationHash(
      '#gAAAAQACAAQABsAL;ZooQR4yvkUa/pQRGRC5zRaADHUVjOftE;QdWhOEMkoziDT5Q4xhiIOMYYiDi6RNc4',
    );
    expect(points.map((p) => p.value)).toEqual([128, 256, 512, 1024, 1536, 3008]);
    expect(points.map((p) => Math.round(p.averageDuration * 10) / 10)).toEqual([
      37002.4, 18647.8, 8489.4, 3890.9, 2512.2, 2009.8,
    ]);
  });
});

describe('Function: buildVisualizationUrl', () => {
  it.each([
    ['us-east-1', 'https://lambda-power-tuning.show/#'],
    ['cn-north-1', 'https://lambda-power-tuning.show/?currency=CNY#'],
    ['cn-northwest-1', 'https://lambda-power-tuning.show/?currency=CNY#'],
  ])('prefixes the hash correctly for %s', (region, prefix) => {
    const url = buildVisualizationUrl({ points: [{ value: 128, averageDuration: 1, averagePrice: 1 }], region });
    expect(url.startsWith(prefix)).toBe(true);
  });

  it('uses a self-hosted base URL when given', () => {
    const url = buildVisualizationUrl({ points: [], baseUrl: 'https://viz.example.com/' });
    expect(url).toBe('https://viz.example.com/#;;');
  });
});

describe('Function: buildComparisonUrl', () => {
  it('builds the 8-part comparison hash with encoded legends', () => {
    const a = [{ value: 1, averageDuration: 2, averagePrice: 3 }];
    const url = buildComparisonUrl({ a, b: a, legendA: 'x86 64', legendB: 'arm/64' });
    const parts = url.split('#')[1]?.split(';') ?? [];
    expect(parts).toHaveLength(8);
    expect(parts.slice(6)).toEqual(['x86%2064', 'arm%2F64']);
  });
});
