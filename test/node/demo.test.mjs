// The newcomer's path through `npm start`, in Chromium with fake cameras and microphones: the demo's own Vite
// config (with the dev server it starts), the lobby, Join, the invite link, a second tab that sees and hears
// the first, and a console with nothing on it.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { HEADLESS_ARGS, findChromium } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TIMEOUT = 30_000;

let server;
let browser;
let origin;

before(async () => {
  process.env.RTC_DEV_SERVER_PORT = '0';
  process.env.RTC_MEDIA = 'loopback';
  server = await createServer({ configFile: `${root}demo/vite.config.ts`, root: `${root}demo`, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
  await server.listen();
  origin = `http://127.0.0.1:${server.httpServer.address().port}`;
  browser = await puppeteer.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    headless: true,
    args: [...HEADLESS_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A tab of its own (its own browser context, so none is hidden), with its console and errors recorded. */
async function tab(url, viewport = { width: 1280, height: 800 }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const said = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn') said.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => said.push(`uncaught: ${error.message}`));
  await page.setViewport(viewport);
  await page.goto(url);
  return { page, said: () => said };
}

const inPage = {
  /** Presses the prejoin's Join. */
  join: () => document.querySelector('rtc-prejoin').shadowRoot.querySelector('[part="join-button"]').click(),
  /** The room's state and what its tiles show: whose, and whether a picture arrived. */
  room: () => {
    const room = document.querySelector('rtc-room');
    const tiles = [];
    const walk = (node) => {
      for (const element of node.querySelectorAll('*')) {
        if (element.localName === 'rtc-participant-video') {
          const video = element.shadowRoot?.querySelector('video');
          tiles.push({ participant: element.getAttribute('participant'), frames: !!video && !video.hidden && video.videoWidth > 0 });
        }
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(room);
    walk(room.shadowRoot);
    return { state: room.getAttribute('connection-state'), hidden: room.hidden, lobbyHidden: document.querySelector('#lobby').hidden, tiles };
  },
};

test('npm start: join from the lobby, send the invite link, and a second tab sees and hears the first; nothing on the console', { timeout: 120_000 }, async () => {
  const first = await tab(`${origin}/?lang=en`);
  await first.page.waitForFunction(() => document.querySelector('rtc-prejoin')?.shadowRoot?.querySelector('rtc-local-preview')?.getAttribute('status') === 'ready', { timeout: TIMEOUT });
  await first.page.evaluate(inPage.join);
  await first.page.waitForFunction(() => document.querySelector('rtc-room')?.getAttribute('connection-state') === 'connected', { timeout: TIMEOUT });
  const shown = await first.page.evaluate(inPage.room);
  assert.equal(shown.hidden, false, 'the room shows');
  assert.equal(shown.lobbyHidden, true, 'the lobby is gone');
  const address = new URL(await first.page.evaluate(() => location.href));
  assert.equal(address.searchParams.get('room'), 'daily-standup', 'the room’s name is in the address');
  const invite = await first.page.evaluate(() => document.querySelector('rtc-conference').inviteLink);
  assert.equal(new URL(invite).searchParams.get('room'), 'daily-standup');
  assert.equal(new URL(invite).searchParams.get('lang'), 'en', 'the language goes with the link');

  const second = await tab(invite);
  await second.page.waitForFunction(() => document.querySelector('rtc-prejoin')?.shadowRoot?.querySelector('rtc-local-preview')?.getAttribute('status') === 'ready', { timeout: TIMEOUT });
  await second.page.evaluate(inPage.join);
  for (const { page } of [first, second]) {
    await page.waitForFunction(
      () => {
        const walk = (node, found = []) => {
          for (const element of node.querySelectorAll('*')) {
            if (element.localName === 'rtc-participant-video' && element.getAttribute('participant') !== 'local') {
              const video = element.shadowRoot?.querySelector('video');
              if (video && !video.hidden && video.videoWidth > 0) found.push(element);
            }
            if (element.shadowRoot) walk(element.shadowRoot, found);
          }
          return found;
        };
        // The demo's room holds its own <rtc-conference>: look in the room's children and shadow root alike.
        const room = document.querySelector('rtc-room');
        return walk(room, walk(room.shadowRoot)).length === 1;
      },
      { timeout: TIMEOUT },
    );
    // Hears: the other's microphone arrives and plays in the room's audio element.
    await page.waitForFunction(
      () => {
        const audio = document.querySelector('rtc-room').shadowRoot.querySelector('audio');
        return !!audio && !audio.paused && audio.srcObject?.getAudioTracks()[0]?.readyState === 'live';
      },
      { timeout: TIMEOUT },
    );
    // …and its packets keep coming.
    await page.waitForFunction(
      async () => {
        const room = document.querySelector('rtc-room').session.room;
        const [other] = room.remoteParticipants.values();
        const receiver = [...other.audioTrackPublications.values()][0]?.audioTrack?.receiver;
        const stats = await receiver?.getStats();
        return ([...(stats?.values() ?? [])].find((entry) => entry.type === 'inbound-rtp')?.bytesReceived ?? 0) > 1000;
      },
      { timeout: TIMEOUT, polling: 250 },
    );
  }
  assert.deepEqual(first.said(), [], 'the first tab’s console');
  assert.deepEqual(second.said(), [], 'the second tab’s console');
});

test('npm start in Chinese: the whole lobby and room speak it, and the choice survives the room’s menu', { timeout: 60_000 }, async () => {
  const { page, said } = await tab(`${origin}/?lang=zh-CN&room=chinese-${Date.now()}`, { width: 390, height: 844 });
  await page.waitForFunction(() => document.querySelector('rtc-prejoin')?.shadowRoot?.querySelector('[part="join-button"]'), { timeout: TIMEOUT });
  const lobby = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    join: document.querySelector('rtc-prejoin').shadowRoot.querySelector('[part="join-button"]').textContent.trim(),
    room: document.querySelector('#room-name').closest('label').textContent.trim(),
    check: document.querySelector('#system-check summary').textContent.trim(),
  }));
  assert.deepEqual(lobby, { lang: 'zh-CN', join: '加入', room: '房间', check: '检查浏览器' });
  assert.equal(await page.evaluate(() => document.querySelector('#system-check rtc-system-check')), null, 'the browser check waits to be opened');
  await page.evaluate(inPage.join);
  await page.waitForFunction(() => document.querySelector('rtc-room')?.getAttribute('connection-state') === 'connected', { timeout: TIMEOUT });
  // English from the room's own menu: the page follows, and so does the address.
  await page.evaluate(() => document.querySelector('rtc-conference').control.chooseLanguage('en'));
  await page.waitForFunction(() => document.documentElement.lang === 'en' && new URL(location.href).searchParams.get('lang') === 'en', { timeout: 5000 });
  assert.deepEqual(said(), []);
});

/** The claims of a JWT, unverified. */
const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

test('npm start’s /token and /cast answer the demo page only, with tokens that are admin of nothing', { timeout: 30_000 }, async () => {
  const ask = (path, { from, body = { room: 'grants', name: 'Ann' } } = {}) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(from ? { origin: from } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  // Another local page (Vite's CORS would let it read the answer) gets no token and starts no broadcast.
  for (const path of ['/token', '/cast']) {
    const refused = await ask(path, { from: 'http://localhost:9999' });
    assert.equal(refused.status, 403, `${path} from another origin`);
    assert.match((await refused.json()).message, /demo page only/);
  }
  const answer = await ask('/token', { from: origin });
  assert.equal(answer.status, 200);
  const { token } = await answer.json();
  const { video } = claimsOf(token);
  assert.equal(video.room, 'grants');
  assert.equal(video.roomJoin, true);
  assert.notEqual(video.roomAdmin, true, 'no admin grant: it would let any guest remove and mute others');
  // A body over the limit is refused with an answer, not a reset.
  const tooLarge = await ask('/token', { from: origin, body: JSON.stringify({ room: 'x'.repeat(64 * 1024) }) });
  assert.equal(tooLarge.status, 413);
  assert.match((await tooLarge.json()).message, /over \d+ bytes/);
});

test('npm start: anyone in the demo’s room sees the broadcast controls, though nobody is admin', { timeout: 60_000 }, async () => {
  const { page, said } = await tab(`${origin}/?lang=en&room=broadcast-${Date.now()}`);
  await page.waitForFunction(() => document.querySelector('rtc-prejoin')?.shadowRoot?.querySelector('[part="join-button"]'), { timeout: TIMEOUT });
  await page.evaluate(inPage.join);
  await page.waitForFunction(() => document.querySelector('rtc-room')?.getAttribute('connection-state') === 'connected', { timeout: TIMEOUT });
  await page.evaluate(() => document.querySelector('rtc-conference').setPanel('cast'));
  await page.waitForFunction(
    () => document.querySelector('rtc-conference').shadowRoot.querySelector('rtc-cast-controls')?.shadowRoot?.querySelector('[part="start-button"]'),
    { timeout: TIMEOUT },
  );
  assert.deepEqual(said(), []);
});
