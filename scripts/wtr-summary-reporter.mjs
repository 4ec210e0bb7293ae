// @ts-check
/**
 * Web Test Runner reporter that writes a machine-readable summary of the run to
 * `reports/browser.json`:
 *
 *   { "suite": "browser", "passed": N, "failed": N, "skipped": N }
 *
 * Every test of every test file (every browser session) is counted, nested `describe` suites
 * included. A session that errored outside of a test (the file failed to load, an uncaught error or
 * unhandled rejection outside a test, a browser/test timeout...) counts as one extra failure, so a
 * broken file can never make the run look green. Used next to `defaultReporter()`; see
 * web-test-runner.config.mjs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * @typedef {{ name: string, suites: SuiteResult[], tests: { passed: boolean, skipped: boolean }[] }} SuiteResult
 * @typedef {{ passed: number, failed: number, skipped: number }} Counts
 */

/** @param {SuiteResult | undefined} suite @param {Counts} counts */
function countSuite(suite, counts) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, counts);
}

/**
 * @param {any[]} sessions TestSession[] from @web/test-runner-core
 * @returns {Counts}
 */
export function countSessions(sessions) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const session of sessions) {
    const before = counts.failed;
    countSuite(session.testResults, counts);
    const failedTests = counts.failed - before;
    const erroredOutsideTests = (session.errors?.length ?? 0) > 0;
    // A session that did not pass although none of its tests failed (e.g. it never finished) is a
    // failure too.
    const failedWithoutFailingTest = session.passed === false && failedTests === 0;
    if (erroredOutsideTests || failedWithoutFailingTest) counts.failed += 1;
  }
  return counts;
}

/**
 * @param {{ outFile?: string, suite?: string }} [options]
 * @returns {import('@web/test-runner').Reporter}
 */
export function summaryReporter({ outFile = 'reports/browser.json', suite = 'browser' } = {}) {
  const file = resolve(outFile);
  /** @param {any[]} sessions */
  const write = (sessions) => {
    const counts = countSessions(sessions);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ suite, ...counts }, null, 2)}\n`);
  };
  return {
    // Called after each run (once in a normal run, after every re-run in watch mode)...
    onTestRunFinished({ sessions }) {
      write(sessions);
    },
    // ...and when the runner stops, with the final state of every session.
    stop({ sessions }) {
      write(sessions);
    },
  };
}
