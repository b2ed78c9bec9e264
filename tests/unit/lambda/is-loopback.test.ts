import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../../src/lambda/is-loopback.js';

describe('Function: isLoopback', () => {
  it.each([
    ['http://127.0.0.1:9001', true],
    ['http://127.0.0.2:9001', true],
    ['http://127.255.255.254', true],
    ['http://localhost:9001', true],
    ['http://LOCALHOST:9001', true],
    ['http://[::1]:9001', true],
    ['https://lambda.us-east-1.amazonaws.com', false],
    ['http://128.0.0.1:9001', false],
    ['http://10.0.0.1:9001', false],
    ['http://127.0.0.1.example.com', false],
    ['http://localhost.example.com', false],
    ['not a url', false],
    ['', false],
  ])('returns %s → %s', (endpoint, expected) => {
    expect(isLoopback(endpoint)).toBe(expected);
  });
});
