import { describe, expect, it } from 'vitest';
import { parseDotenv, parseEnvAssignments, parseTimeout, ProjectInputError } from '../../../src/project/index.js';

describe('Function: parseEnvAssignments', () => {
  it('reads KEY=VALUE pairs, keeps "=" inside values, and lets a later flag win', () => {
    // Act
    const env = parseEnvAssignments(['STAGE=dev', 'URL=a=b', 'STAGE=prod', 'EMPTY=']);
    // Assess
    expect(env).toEqual({ STAGE: 'prod', URL: 'a=b', EMPTY: '' });
  });

  it.each([
    ['DEBUG', /--env: expected KEY=VALUE; got "DEBUG" without "="/],
    ['=value', /--env: expected KEY=VALUE; got "" without "="/],
    ['1BAD=x', /--env: expected a variable name .*; got "1BAD"/],
  ])('refuses %j with a message naming the flag', (given, message) => {
    expect(() => parseEnvAssignments([given])).toThrow(message);
    expect(() => parseEnvAssignments([given])).toThrow(ProjectInputError);
  });

  it('never puts a value into its message', () => {
    expect(() => parseEnvAssignments(['bad key=hunter2'])).toThrow(/^(?!.*hunter2)/s);
  });
});

describe('Function: parseDotenv', () => {
  it('reads comments, export, quotes and inline comments as dotenv does', () => {
    // Prepare
    const text = [
      '# comment',
      '',
      'A=1',
      'export B = two ',
      'C="quoted # not a comment"',
      "D='single'",
      'E=plain # a comment',
      'F="line\\nbreak"',
    ].join('\n');
    // Act
    const env = parseDotenv({ text, file: '.env' });
    // Assess
    expect(env).toEqual({ A: '1', B: 'two', C: 'quoted # not a comment', D: 'single', E: 'plain', F: 'line\nbreak' });
  });

  it.each([
    ['A=1\nnot a pair\n', /--env-file: \.env:2: expected KEY=VALUE \(dotenv syntax\)/],
    ['A=1\nB="open\n', /--env-file: \.env:2: expected a closing "/],
    ['9X=1\n', /--env-file: \.env:1: expected a variable name/],
  ])('names file:line for a bad line (%j)', (text, message) => {
    expect(() => parseDotenv({ text, file: '.env' })).toThrow(message);
  });

  it('does not print the value of a bad line', () => {
    expect(() => parseDotenv({ text: 'TOKEN="s3cret', file: '.env' })).toThrow(/^(?!.*s3cret)/s);
  });
});

describe('Function: parseTimeout', () => {
  it.each([
    ['1', 1],
    ['900', 900],
    ['30', 30],
  ])('accepts %s seconds', (given, expected) => {
    expect(parseTimeout(given)).toBe(expected);
  });

  it.each(['0', '901', '2.5', 'ten', ''])('refuses %j with the allowed range', (given) => {
    expect(() => parseTimeout(given)).toThrow(/--timeout: expected whole seconds in 1\.\.900 \(Lambda's limits\)/);
  });
});
