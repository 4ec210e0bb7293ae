#!/usr/bin/env node
// @ts-check
/**
 * `npm test`: runs every check suite in order, streaming its output, and prints a per-suite line
 * and, as the very last line, `N passed, N failed` over all suites (a check counts 1; the
 * browser suite counts its tests, from reports/browser.json). That line is also written to
 * reports/summary.txt. Exits 1 if anything failed.
 *
 *   npm test                                   # everything
 *   npm test -- --only browser,typecheck       # a subset, still in the order below
 *   npm test -- --list                         # the suite names
 *
 * Suites: typecheck, manifest, build, storybook, browser, node (see SUITES below).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORTS = join(ROOT, 'reports');
const BIN = join(ROOT, 'node_modules', '.bin');
const MIN = 60_000;
/** Set on SIGINT/SIGTERM: the running suite's processes are killed and no further suite runs. */
let interrupted = false;

/**
 * @typedef {{ passed: number, failed: number, skipped?: number, note?: string, notRun?: boolean }} Result
 * @typedef {{ name: string, title: string, timeoutMs: number, skip?: () => boolean, run: () => Promise<Result> }} Suite
 *   `skip` returning true skips the suite silently (nothing to run, nothing printed).
 */

// ---------------------------------------------------------------------------------------------
// process helpers

/**
 * Runs a command with inherited stdout/stderr (no stdin), in its own process group so that a
 * timeout can kill everything it started.
 * @param {string} command
 * @param {string[]} args
 * @param {{ timeoutMs: number, env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, timedOut: boolean, error?: Error }>}
 */
function run(command, args, { timeoutMs, env }) {
  return new Promise((resolvePromise) => {
    let timedOut = false;
    let settled = false;
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}`, ...env },
      detached: true, // own process group: see kill() below
    });
    const kill = (/** @type {NodeJS.Signals} */ signal) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n[run-tests] ${command} ${args.join(' ')}: timed out after ${timeoutMs / 1000}s, killing it`);
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 5000).unref();
    }, timeoutMs);
    // Do not leave children behind if we are interrupted.
    const onSignal = () => {
      interrupted = true;
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 5000).unref();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const done = (/** @type {any} */ result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolvePromise({ timedOut, ...result });
    };
    child.on('error', (error) => done({ code: null, signal: null, error }));
    child.on('close', (code, signal) => done({ code, signal }));
  });
}

/** @param {Awaited<ReturnType<typeof run>>} r */
function describeExit(r) {
  if (r.error) return r.error.message;
  if (r.timedOut) return 'timed out';
  if (r.signal) return `killed by ${r.signal}`;
  return `exit code ${r.code}`;
}

/**
 * A suite that is one check: passes when the command exits 0.
 * @param {string} command @param {string[]} args @param {number} timeoutMs
 * @returns {Promise<Result>}
 */
async function check(command, args, timeoutMs) {
  const r = await run(command, args, { timeoutMs });
  return r.code === 0 && !r.timedOut
    ? { passed: 1, failed: 0 }
    : { passed: 0, failed: 1, note: describeExit(r) };
}

/** @param {string} file */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Files under `dir` (recursively, relative to ROOT) whose name matches `pattern`.
 * @param {string} dir @param {RegExp} pattern
 */
function findFiles(dir, pattern) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: false })
    .map(String)
    .filter((f) => pattern.test(f) && !f.split(/[\\/]/).includes('node_modules'))
    .map((f) => join(dir, f))
    .sort();
}

const nodeTestFiles = () => findFiles('test/node', /\.test\.(?:ts|mts|cts|js|mjs|cjs)$/);

// ---------------------------------------------------------------------------------------------
// suites, in the order they run

/** @type {Suite[]} */
const SUITES = [
  {
    name: 'typecheck',
    title: 'tsc --noEmit -p tsconfig.json',
    timeoutMs: 5 * MIN,
    run: () => check(join(BIN, 'tsc'), ['--noEmit', '-p', 'tsconfig.json'], 5 * MIN),
  },
  {
    name: 'manifest',
    title: 'custom-elements.json is up to date (cem analyze into a temp dir, compare modules)',
    timeoutMs: 3 * MIN,
    async run() {
      const stale = 'custom-elements.json is stale: run npm run analyze and commit';
      const tmp = mkdtempSync(join(tmpdir(), 'rtc-elements-cem-'));
      try {
        // The analyzer joins --outdir onto the cwd (path.join, not resolve): pass it relative.
        const outdir = relative(ROOT, tmp);
        const r = await run(join(BIN, 'cem'), ['analyze', '--quiet', '--outdir', outdir], {
          timeoutMs: 3 * MIN,
        });
        const fresh = readJson(join(tmp, 'custom-elements.json'));
        if (r.code !== 0 || r.timedOut || !fresh) {
          return { passed: 0, failed: 1, note: `cem analyze failed (${describeExit(r)})` };
        }
        const committed = readJson(join(ROOT, 'custom-elements.json'));
        if (!committed || JSON.stringify(committed.modules) !== JSON.stringify(fresh.modules)) {
          console.log(stale);
          return { passed: 0, failed: 1, note: stale };
        }
        return { passed: 1, failed: 0 };
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'build',
    title: 'npm run build',
    timeoutMs: 10 * MIN,
    run: () => check('npm', ['run', 'build'], 10 * MIN),
  },
  {
    name: 'storybook',
    title: 'npm run build-storybook',
    timeoutMs: 10 * MIN,
    async run() {
      if (!existsSync(join(ROOT, '.storybook', 'main.ts'))) {
        return { passed: 0, failed: 0, notRun: true, note: 'not run: .storybook/main.ts does not exist yet' };
      }
      return check('npm', ['run', 'build-storybook'], 10 * MIN);
    },
  },
  {
    name: 'browser',
    title: 'wtr (web-test-runner.config.mjs)',
    timeoutMs: 15 * MIN,
    async run() {
      const report = join(REPORTS, 'browser.json');
      rmSync(report, { force: true }); // never read a previous run's counts
      const r = await run(join(BIN, 'wtr'), [], { timeoutMs: 15 * MIN });
      const counts = readJson(report);
      if (!counts || typeof counts.passed !== 'number' || typeof counts.failed !== 'number') {
        return { passed: 0, failed: 1, note: `no reports/browser.json (wtr: ${describeExit(r)})` };
      }
      /** @type {Result} */
      const result = { passed: counts.passed, failed: counts.failed, skipped: counts.skipped ?? 0 };
      if ((r.code !== 0 || r.timedOut) && result.failed === 0) {
        // wtr failed for a reason its tests do not show (e.g. it was killed): still a failure.
        result.failed = 1;
        result.note = `wtr: ${describeExit(r)}`;
      }
      return result;
    },
  },
  {
    name: 'node',
    title: 'node --test test/node/**/*.test.*',
    timeoutMs: 10 * MIN,
    // Hook for later server-side tests. NOTE: Node 20 cannot run .ts files itself; before adding
    // test/node/*.test.ts, add a TS loader (or write them as .mjs). Skipped silently when empty.
    skip: () => nodeTestFiles().length === 0,
    async run() {
      const files = nodeTestFiles();
      mkdirSync(REPORTS, { recursive: true });
      const tap = join(REPORTS, 'node.tap');
      rmSync(tap, { force: true });
      const r = await run(
        process.execPath,
        [
          '--test',
          '--test-reporter=spec',
          '--test-reporter-destination=stdout',
          '--test-reporter=tap',
          `--test-reporter-destination=${tap}`,
          ...files,
        ],
        { timeoutMs: 10 * MIN },
      );
      const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
      const count = (/** @type {string} */ key) =>
        Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
      const pass = count('pass');
      const fail = count('fail') + (count('cancelled') || 0);
      if (Number.isNaN(pass) || Number.isNaN(fail)) {
        return { passed: 0, failed: 1, note: `no test summary (node --test: ${describeExit(r)})` };
      }
      /** @type {Result} */
      const result = { passed: pass, failed: fail, skipped: (count('skipped') || 0) + (count('todo') || 0) };
      if (r.code !== 0 && result.failed === 0) {
        result.failed = 1;
        result.note = `node --test: ${describeExit(r)}`;
      }
      return result;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// main

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Set<string> | undefined} */
  let only;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--list') {
      console.log(SUITES.map((s) => s.name).join('\n'));
      process.exit(0);
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) usage('--only needs a comma-separated list of suites');
      only ??= new Set();
      for (const name of value.split(',').map((s) => s.trim()).filter(Boolean)) only.add(name);
    } else {
      usage(`unknown argument ${arg}`);
    }
  }
  const unknown = [...(only ?? [])].filter((name) => !SUITES.some((s) => s.name === name));
  if (unknown.length > 0) usage(`unknown suite(s): ${unknown.join(', ')}`);
  return { only };
}

/** @param {string} message @returns {never} */
function usage(message) {
  console.error(`run-tests: ${message}`);
  console.error(`usage: npm test [-- --only ${SUITES.map((s) => s.name).join(',')}] [-- --list]`);
  process.exit(2);
}

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/** @param {string} name @param {Result} r @param {number} ms */
function suiteLine(name, r, ms) {
  if (r.notRun) return `${name}: ${r.note}`;
  const status = r.failed > 0 ? 'FAILED' : 'ok';
  const skipped = r.skipped ? `, ${r.skipped} skipped` : '';
  const note = r.note ? ` - ${r.note}` : '';
  return `${name}: ${status} (${r.passed} passed, ${r.failed} failed${skipped}; ${seconds(ms)})${note}`;
}

async function main() {
  const { only } = parseArgs(process.argv.slice(2));
  const selected = SUITES.filter((s) => !only || only.has(s.name));
  /** @type {string[]} */
  const lines = [];
  let passed = 0;
  let failed = 0;

  for (const suite of selected) {
    if (interrupted) {
      lines.push(`${suite.name}: not run (interrupted)`);
      failed += 1;
      continue;
    }
    if (suite.skip?.()) continue;
    const start = Date.now();
    console.log(`\n=== ${suite.name}: ${suite.title}`);
    /** @type {Result} */
    let result;
    try {
      result = await suite.run();
    } catch (error) {
      result = { passed: 0, failed: 1, note: `crashed: ${/** @type {Error} */ (error).message}` };
    }
    const line = suiteLine(suite.name, result, Date.now() - start);
    console.log(line);
    lines.push(line);
    passed += result.passed;
    failed += result.failed;
  }

  const total = `${passed} passed, ${failed} failed`;
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(join(REPORTS, 'summary.txt'), `${total}\n`);
  console.log(`\n=== summary${only ? ` (only ${[...only].join(',')})` : ''}`);
  for (const line of lines) console.log(line);
  console.log(total);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
