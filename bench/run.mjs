// npm run bench: serves bench/ with vite on 127.0.0.1, runs each page in headless Chromium and prints
// ratios against the baseline measured beside it. Numbers only; nothing here passes or fails.
// `npm run bench -- forwarding` (or `-- room-updates`) runs one benchmark alone; bench/README.md reads them.
import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleDevServer } from '../scripts/bundle-dev-server.mjs';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_HELP, HEADLESS_ARGS, findChromium } from '../scripts/chromium.mjs';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const executablePath = findChromium();
if (!executablePath) {
  console.error(`npm run bench: ${CHROMIUM_HELP}`);
  process.exit(1);
}

const benchmarks = { 'room-updates': roomUpdates, forwarding, 'grid-bandwidth': gridBandwidth };
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in benchmarks));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; there are: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(1);
}

/** Rejects after `ms` with a message saying what did not happen; `clear()` stops the timer. */
function timeout(ms, what) {
  let timer;
  const promise = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms / 1000} s`)), ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

async function within(promise, ms, what, ...alsoFailing) {
  const limit = timeout(ms, what);
  try {
    return await Promise.race([promise, limit.promise, ...alsoFailing]);
  } finally {
    limit.clear();
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function roomUpdates(browser, origin) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${origin}/bench/room-updates.html`);
  const result = await page.evaluate(
    () => Promise.race([window.benchResult, new Promise((_, reject) => setTimeout(() => reject(new Error('bench timed out')), 120_000))]),
  );
  await page.close();
  const { tiles, rounds, rooms, updates, memory } = result;
  console.log(`room updates: ${rounds} speaking changes in a ${tiles}-tile room (median of 5 runs)`);
  console.log(`  kit ${updates.kit.toFixed(1)} ms, hand-written DOM ${updates.baseline.toFixed(1)} ms, ratio ${(updates.kit / updates.baseline).toFixed(1)}x`);
  console.log(`  per change: kit ${((updates.kit / rounds) * 1000).toFixed(0)} µs`);
  console.log(`memory retained by ${rooms} more rooms of ${tiles} tiles, mounted and removed after a warm-up batch (after GC):`);
  console.log(`  heap change: kit ${kB(memory.kit)} (${kB(memory.perRoomKit)} a room), hand-written DOM ${kB(memory.baseline)}; zero or less means nothing is kept`);
}

// The forwarding benchmark (page: bench/forwarding.ts, server process: bench/forwarding-server.mjs). One
// publisher and N subscribers in fresh rooms for each N; after every subscriber decodes and a settling pause,
// a fixed window measures the frames the publisher sent of the layer each subscriber receives, the frames
// the subscribers received, and the dev server process's CPU time. N = 1 is the baseline of the ratios.
const SUBSCRIBER_COUNTS = [1, 4, 8];
const JOIN_TIMEOUT_MS = 30_000;
// Chromium's bandwidth estimate ramps up and turns the higher simulcast layers on over the first seconds.
const SETTLE_MS = 8_000;
const WINDOW_MS = 10_000;

/**
 * The dev server alone in a child process (bench/forwarding-server.mjs, run on a bundle of the server's source as
 * it stands). Runs `use` with it and always stops it, Ctrl-C included.
 */
async function withDevServer(use) {
  let bundle;
  let child;
  // Also when Ctrl-C ends this process (puppeteer exits on SIGINT), without running the finally below.
  const cleanUp = () => {
    child?.kill();
    if (bundle) rmSync(bundle, { force: true });
  };
  process.once('exit', cleanUp);
  try {
    bundle = await bundleDevServer(`bench-server-${process.pid}.mjs`);
    const { createToken } = await import(pathToFileURL(bundle).href);

    child = fork(fileURLToPath(new URL('./forwarding-server.mjs', import.meta.url)), [bundle], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const serverDied = new Promise((_, reject) => {
      child.once('error', (error) => reject(new Error(`the dev server process failed: ${error.message}`)));
      child.once('exit', (code, signal) => reject(new Error(`the dev server process exited (${signal ?? `code ${code}`})`)));
    });
    serverDied.catch(() => undefined);
    const reply = (key) => new Promise((resolve) => child.on('message', function listener(message) {
      if (!(key in message)) return;
      child.off('message', listener);
      resolve(message[key]);
    }));
    const serverUrl = await within(reply('url'), 20_000, 'the dev server starting', serverDied);
    const cpuMs = async () => {
      const answer = reply('cpu');
      child.send('cpu');
      const { user, system } = await within(answer, 5_000, 'the dev server reporting its CPU', serverDied);
      return (user + system) / 1000;
    };
    await use({ serverUrl, createToken, cpuMs, serverDied });
  } finally {
    process.off('exit', cleanUp);
    cleanUp();
  }
}

async function forwarding(browser, origin) {
  await withDevServer(async ({ serverUrl, createToken, cpuMs, serverDied }) => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`${origin}/bench/forwarding.html`);
    await page.waitForFunction(() => window.forwarding, { timeout: 30_000 });

    const results = [];
    for (const n of SUBSCRIBER_COUNTS) {
      const room = `forwarding-${n}`;
      const publisherToken = await createToken({ room, identity: 'publisher' });
      const subscriberTokens = await Promise.all(Array.from({ length: n }, (_, i) => createToken({ room, identity: `subscriber-${i + 1}` })));
      try {
        await within(
          page.evaluate((...args) => window.forwarding.join(...args), serverUrl, publisherToken, subscriberTokens, JOIN_TIMEOUT_MS),
          JOIN_TIMEOUT_MS + 5_000,
          `N = ${n}: joining and decoding`,
          serverDied,
        );
        await Promise.race([sleep(SETTLE_MS), serverDied]);
        const snapshot = () => within(page.evaluate(() => window.forwarding.snapshot()), 10_000, 'reading the stats');
        const cpuBefore = await cpuMs();
        const cpuStarted = performance.now();
        const before = await snapshot();
        const started = performance.now();
        await Promise.race([sleep(WINDOW_MS), serverDied]);
        const cpuAfter = await cpuMs();
        const cpuSeconds = (performance.now() - cpuStarted) / 1000;
        const after = await snapshot();
        results.push(summarize(n, before, after, (performance.now() - started) / 1000, (cpuAfter - cpuBefore) / cpuSeconds));
      } finally {
        await within(page.evaluate(() => window.forwarding.leave()), 10_000, 'leaving').catch((error) => console.error(error.message));
      }
      // The server tears the room down outside any window.
      await sleep(1_000);
    }
    report(results);
  });
}

/** Frames and CPU of one window; each subscriber is matched to the publisher's layer of the width it receives. */
function summarize(n, before, after, seconds, cpuMsPerSecond) {
  const delta = (key, a, b) => (b?.[key] ?? 0) - (a?.[key] ?? 0);
  const kbps = (bytes) => (bytes * 8) / seconds / 1000;
  const layers = after.layers.map((layer) => {
    const earlier = before.layers.find((l) => l.rid === layer.rid);
    return { ...layer, frames: delta('framesSent', earlier, layer), kbps: kbps(delta('bytesSent', earlier, layer)) };
  });
  let published = 0;
  let received = 0;
  let decoded = 0;
  let receivedBytes = 0;
  let lost = 0;
  const ridCounts = new Map();
  after.subscribers.forEach((subscriber, i) => {
    const layer = layers.find((l) => l.width === subscriber.width);
    const rid = layer ? layer.rid || '(single)' : `? ${subscriber.width}px`;
    ridCounts.set(rid, (ridCounts.get(rid) ?? 0) + 1);
    // A width no layer sends (a resize in the window) is compared with the most frames any layer sent.
    published += layer ? layer.frames : Math.max(0, ...layers.map((l) => l.frames));
    received += delta('framesReceived', before.subscribers[i], subscriber);
    decoded += delta('framesDecoded', before.subscribers[i], subscriber);
    receivedBytes += delta('bytesReceived', before.subscribers[i], subscriber);
    lost += delta('packetsLost', before.subscribers[i], subscriber);
  });
  return {
    n,
    layers,
    forwardedRids: [...ridCounts].map(([rid, count]) => `${rid} x${count}`).join(', '),
    receivedKbps: kbps(receivedBytes),
    publishedFramesPerSubscriber: published / n,
    receivedRatio: published ? received / published : 0,
    decodedRatio: published ? decoded / published : 0,
    lost,
    cpuMsPerSecond,
    cpuPerStream: cpuMsPerSecond / n,
  };
}

function report(results) {
  const [base] = results;
  const ratio = (value) => value.toFixed(2);
  const ms = (value) => `${value.toFixed(1)} ms/s`;
  console.log(`forwarding: 1 publisher (fake camera, simulcast), N subscribers in one page, the dev server alone in a process; ${WINDOW_MS / 1000} s windows`);
  for (const r of results) {
    const sent = r.layers.map((l) => `${l.rid || '(single)'} ${l.width}x${l.height} ${l.fps.toFixed(0)} fps ${l.kbps.toFixed(0)} kbps${l.limitation === 'none' ? '' : ` (limited: ${l.limitation})`}`);
    console.log(`  N = ${r.n}: publisher sends ${sent.join(', ')}; subscribers receive ${r.forwardedRids}, ${r.receivedKbps.toFixed(0)} kbps in all`);
  }
  console.log('  published = frames the publisher sent of the layer a subscriber receives (not the sum of its layers)');
  const rows = [['N', 'published', 'received/published', 'decoded/published', 'lost packets', 'server CPU', 'per stream', 'per added', 'vs N=1: received', 'per stream']];
  for (const r of results) {
    rows.push([
      String(r.n),
      String(Math.round(r.publishedFramesPerSubscriber)),
      ratio(r.receivedRatio),
      ratio(r.decodedRatio),
      String(r.lost),
      ms(r.cpuMsPerSecond),
      ms(r.cpuPerStream),
      r.n > base.n ? ms((r.cpuMsPerSecond - base.cpuMsPerSecond) / (r.n - base.n)) : '-',
      ratio(r.receivedRatio / base.receivedRatio),
      ratio(r.cpuPerStream / base.cpuPerStream),
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) console.log(`  ${row.map((cell, column) => cell.padStart(widths[column])).join('  ')}`);
  console.log('  per added = (server CPU at N - at N=1) / (N - 1): what one more subscriber costs, without the publisher\'s intake');
  // The browser and anything else running compete with the server: say how busy the machine was.
  console.log(`  load average over the last minute, this browser included: ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores (well above the core count: expect noisy CPU numbers)`);
}

// The grid bandwidth benchmark (page: bench/grid-bandwidth.ts): 11 publishers and a viewer, 12 participants,
// in the viewer's default grid. The video bytes the viewer receives in a window with a page size of 4 (you and
// three others shown) are compared with everyone on one page, in the same run and the same room.
const GRID_PUBLISHERS = 11;
const GRID_PAGE_SIZE = 4;

async function gridBandwidth(browser, origin) {
  await withDevServer(async ({ serverUrl, createToken, serverDied }) => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`${origin}/bench/grid-bandwidth.html`);
    await page.waitForFunction(() => window.gridBandwidth, { timeout: 30_000 });
    const room = 'grid-bandwidth';
    const publisherTokens = await Promise.all(Array.from({ length: GRID_PUBLISHERS }, (_, i) => createToken({ room, identity: `publisher-${i + 1}` })));
    const viewerToken = await createToken({ room, identity: 'viewer' });
    const windowKbps = async () => {
      await Promise.race([sleep(SETTLE_MS), serverDied]);
      const before = await within(page.evaluate(() => window.gridBandwidth.bytesReceived()), 10_000, 'reading the stats');
      const started = performance.now();
      await Promise.race([sleep(WINDOW_MS), serverDied]);
      const after = await within(page.evaluate(() => window.gridBandwidth.bytesReceived()), 10_000, 'reading the stats');
      return ((after - before) * 8) / ((performance.now() - started) / 1000) / 1000;
    };
    try {
      await within(
        page.evaluate((...args) => window.gridBandwidth.join(...args), serverUrl, publisherTokens, viewerToken, GRID_PAGE_SIZE, JOIN_TIMEOUT_MS),
        JOIN_TIMEOUT_MS + 5_000,
        'joining the grid',
        serverDied,
      );
      const paged = await windowKbps();
      await page.evaluate(() => window.gridBandwidth.setPageSize(0));
      const all = await windowKbps();
      console.log(`grid bandwidth: ${GRID_PUBLISHERS + 1} participants, each sending 320x180 at 15 fps, in a viewer's default grid`);
      console.log(`  page size ${GRID_PAGE_SIZE} (you and ${GRID_PAGE_SIZE - 1} others shown): ${paged.toFixed(0)} kbps received`);
      console.log(`  everyone on one page (${GRID_PUBLISHERS} others shown): ${all.toFixed(0)} kbps received`);
      console.log(`  ratio ${(paged / all).toFixed(2)} (the share of videos shown is ${((GRID_PAGE_SIZE - 1) / GRID_PUBLISHERS).toFixed(2)})`);
    } finally {
      await within(page.evaluate(() => window.gridBandwidth.leave()), 10_000, 'leaving').catch((error) => console.error(error.message));
      await page.close();
    }
  });
}

// Production mode, so Lit's production build is measured, as users ship it, not its development build.
const server = await createServer({ root, mode: 'production', logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
let browser;
try {
  await server.listen();
  const { port } = server.httpServer.address();
  browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      ...HEADLESS_ARGS,
      '--js-flags=--expose-gc',
      '--enable-precise-memory-info',
      // The forwarding benchmark: a fake camera without a prompt, and WebRTC on 127.0.0.1, where the dev
      // server's media is.
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  for (const [name, run] of Object.entries(benchmarks)) {
    if (chosen.length && !chosen.includes(name)) continue;
    await run(browser, `http://127.0.0.1:${port}`);
  }
} catch (error) {
  console.error(`npm run bench failed: ${error?.message ?? error}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  await server.close();
}
// A failure can leave a timer of the abandoned step behind: do not wait for it.
if (process.exitCode) process.exit();
