import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The example projects' npm dependencies, installed in their own folders when missing.
    globalSetup: ['./tests/helpers/install-example-deps.ts'],
    // Integration tests start real child processes (execution environments);
    // two cores means more parallel files only adds noise.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // The suite must not care about the user's AWS_* / NO_COLOR / CI variables.
    setupFiles: ['./tests/helpers/scrub-environment.ts'],
    // The coverage gate of the pure core (house style rule 18): `npm test`
    // runs with --coverage and fails below these floors (a partial run of a
    // few files is not gated). The rest of src/ is covered by integration
    // tests against real processes, which v8 coverage cannot see.
    coverage: {
      provider: 'v8',
      include: ['src/core/**'],
      exclude: ['src/core/**/types.ts'],
      reporter: ['text-summary'],
      thresholds: { statements: 95, branches: 88, functions: 100, lines: 95 },
    },
  },
});
