import type { Reporter, TestModule, Vitest } from 'vitest/node';

/**
 * Prints the plain closing line CI reads: `N passed, N failed, N skipped`.
 * Skipped tests are counted so that a missing Chromium or AWS CLI is visible.
 * With coverage on, the line waits until the coverage summary is printed so
 * it stays the last line of the run.
 */
export default class SummaryReporter implements Reporter {
  #line: string | undefined;
  #coverage = false;

  onInit(ctx: Vitest): void {
    this.#coverage = ctx.config.coverage.enabled;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed += 1;
    }
    this.#line = `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`;
    if (!this.#coverage) this.#flush();
  }

  onCoverage(): void {
    // The coverage provider prints its summary right after this hook.
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    if (this.#line === undefined) return;
    process.stdout.write(this.#line);
    this.#line = undefined;
  }
}
