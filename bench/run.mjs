// npm run bench: serves bench/ with vite on 127.0.0.1, runs each page in headless Chromium and prints
// ratios against the baseline measured beside it. Numbers only; nothing here passes or fails.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const executablePath =
  process.env.CHROME_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
if (!executablePath) {
  console.error('npm run bench needs Chromium: run "sudo apt-get install chromium" or set CHROME_PATH');
  process.exit(1);
}

// Production mode, so Lit's production build is measured, as users ship it, not its development build.
const server = await createServer({ root, mode: 'production', logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
await server.listen();
const { port } = server.httpServer.address();
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--js-flags=--expose-gc',
    '--enable-precise-memory-info',
  ],
});

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`http://127.0.0.1:${port}/bench/room-updates.html`);
  const result = await page.evaluate(
    () => Promise.race([window.benchResult, new Promise((_, reject) => setTimeout(() => reject(new Error('bench timed out')), 120_000))]),
  );
  const { tiles, rounds, rooms, updates, memory } = result;
  console.log(`room updates: ${rounds} speaking changes in a ${tiles}-tile room (median of 5 runs)`);
  console.log(`  kit ${updates.kit.toFixed(1)} ms, hand-written DOM ${updates.baseline.toFixed(1)} ms, ratio ${(updates.kit / updates.baseline).toFixed(1)}x`);
  console.log(`  per change: kit ${((updates.kit / rounds) * 1000).toFixed(0)} µs`);
  console.log(`memory retained by ${rooms} more rooms of ${tiles} tiles, mounted and removed after a warm-up batch (after GC):`);
  console.log(`  heap change: kit ${kB(memory.kit)} (${kB(memory.perRoomKit)} a room), hand-written DOM ${kB(memory.baseline)}; zero or less means nothing is kept`);
} finally {
  await browser.close();
  await server.close();
}
