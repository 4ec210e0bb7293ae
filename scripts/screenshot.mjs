// npm run screenshot: the default room with four participants, rendered in headless Chromium and written to
// reports/room.png (and reports/room-zh-CN.png, and reports/room-speaker.png in the speaker layout), so a
// person can look at what the kit looks like.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_HELP, findChromium } from './chromium.mjs';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const executablePath = findChromium();
if (!executablePath) {
  console.error(`npm run screenshot: ${CHROMIUM_HELP}`);
  process.exit(1);
}

const server = await createServer({ root, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
let browser;
try {
  await server.listen();
  const { port } = server.httpServer.address();
  browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  mkdirSync(`${root}reports`, { recursive: true });
  for (const [lang, layout] of [['en', 'grid'], ['zh-CN', 'grid'], ['en', 'speaker']]) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 600 });
    await page.goto(`http://127.0.0.1:${port}/scripts/screenshot/room.html?layout=${layout}`);
    await page.evaluate((language) => (document.documentElement.lang = language), lang);
    // Every tile with a camera shows a frame.
    await page.waitForFunction(
      () => {
        const layout = document.querySelector('rtc-room')?.shadowRoot?.querySelector('rtc-grid, rtc-speaker-layout');
        const videos = [...(layout?.shadowRoot?.querySelectorAll('rtc-participant-video') ?? [])].map((tile) => tile.shadowRoot?.querySelector('video'));
        return videos.length === 4 && videos.filter((video) => video && !video.hidden).every((video) => video.videoWidth > 0);
      },
      { timeout: 20_000 },
    );
    const file = `${root}reports/room${lang === 'en' ? '' : `-${lang}`}${layout === 'grid' ? '' : `-${layout}`}.png`;
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.close();
  }
} catch (error) {
  console.error(`npm run screenshot failed: ${error?.message ?? error}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  await server.close();
}
