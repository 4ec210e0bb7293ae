// Machine-mode media with real Chromium, run ONLY inside a private network namespace: this workplace allows
// no traffic to non-loopback addresses, so the "machine" here is a namespace with loopback and one private
// interface (10.77.0.1), which nothing outside can reach or be reached from.
// test/node/dev-server-machine-media.test.mjs starts it as `unshare -rn node test/netns/machine-media.mjs`
// with RTC_PARENT_NETNS set, and checks the one JSON line it prints last (`RESULT {...}`).
import { execFileSync, spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_HELP, findChromium } from '../../scripts/chromium.mjs';
import { createToken } from 'rtc-elements/server';
import { machineAddresses } from '../../dist/server/dev-server/media/media-peer.js';

const ADDRESS = '10.77.0.1';
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('../../dist/server/dev-server/cli.js', import.meta.url));
const STEP_MS = 15_000;
/** How long a loopback-mode server is watched for media that must not come. */
const REFUSED_MS = 8_000;

const children = new Set();
const browsers = new Set();
const closers = [];

function fail(message) {
  console.log(`FAILED: ${message}`);
  process.exitCode = 1;
}

/**
 * Loopback up and one private interface on 10.77.0.1 (a dummy, or a veth pair whose other end goes nowhere
 * where dummy is not built in), with the default route on it as a real machine has: Chrome then hides a
 * watching tab's address behind an mDNS name, as it does on a laptop. Nothing leaves the namespace.
 */
function setUpNetwork() {
  const ip = (...args) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    ip('link', 'set', 'lo', 'up');
  } catch (error) {
    throw new Error(`could not set up the namespace's network with "ip" (Debian: apt-get install iproute2): ${error.message}`);
  }
  try {
    ip('link', 'add', 'rtc0', 'type', 'dummy');
  } catch {
    ip('link', 'add', 'rtc0', 'type', 'veth', 'peer', 'name', 'rtc1');
    ip('link', 'set', 'rtc1', 'up');
  }
  ip('addr', 'add', `${ADDRESS}/24`, 'dev', 'rtc0');
  ip('link', 'set', 'rtc0', 'up');
  ip('route', 'add', 'default', 'dev', 'rtc0');
}

/**
 * Refuses to touch anything but a fresh namespace: a network namespace other than the test's, with only a
 * loopback interface, down. Run by hand outside `unshare -rn`, this stops before changing any interface.
 */
function assertFreshNamespace() {
  const parent = process.env.RTC_PARENT_NETNS;
  const own = readlinkSync('/proc/self/ns/net');
  if (!parent || parent === own) throw new Error(`not in a private network namespace (own ${own}, parent ${parent ?? 'not given'}): run it through unshare -rn`);
  const names = Object.keys(networkInterfaces());
  if (names.length > 0) throw new Error(`the namespace is not fresh: it has ${names.join(', ')} up already`);
}

/** After setting up: exactly loopback and 10.77.0.1 are this namespace machine's addresses. */
function assertNamespaceAddresses() {
  const addresses = machineAddresses().sort();
  if (addresses.join() !== ['10.77.0.1', '127.0.0.1'].join()) throw new Error(`unexpected addresses in the namespace: ${addresses.join(', ')}`);
}

/** The page: livekit-client and test/netns/media-page.js in one bundle, served on 127.0.0.1. */
async function servePage() {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('media-page.js', import.meta.url))],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'error',
    absWorkingDir: root,
  });
  const script = bundle.outputFiles[0].text;
  const http = createServer((request, response) => {
    if (request.url === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(script);
    } else {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>machine media</title><script type="module" src="/page.js"></script>');
    }
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => {
    http.closeAllConnections();
    http.close(resolve);
  }));
  return `http://127.0.0.1:${http.address().port}/`;
}

/** Starts the dev server's command line with `args`; resolves with its URL and its log so far. */
async function startCli(args) {
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + STEP_MS;
  while (Date.now() < deadline) {
    const url = /dev server on (ws:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    const media = /media \(--media \w+\) on .*/.exec(output)?.[0];
    if (url && media) return { url, media, output: () => output };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the dev server (${args.join(' ') || 'no options'}) did not start:\n${output}`);
}

function chromium() {
  const path = findChromium();
  if (!path) throw new Error(CHROMIUM_HELP);
  return path;
}

/**
 * Headless Chromium as an everyday browser: no --allow-loopback-in-peer-connection. `showHostAddresses`
 * stands for a page with camera permission (Chrome then shares host addresses); without it Chrome hides
 * them behind mDNS names, as for a tab that only watches.
 */
async function launch({ showHostAddresses }) {
  const args = ['--no-sandbox', '--use-fake-device-for-media-stream', '--mute-audio'];
  if (showHostAddresses) args.push('--use-fake-ui-for-media-stream', '--disable-features=WebRtcHideLocalIpsWithMdns');
  const browser = await puppeteer.launch({ executablePath: chromium(), headless: true, pipe: true, args, timeout: STEP_MS });
  browsers.add(browser);
  return browser;
}

async function openPage(browser, pageUrl) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  page.setDefaultTimeout(STEP_MS * 2);
  await page.goto(pageUrl);
  await page.waitForFunction(() => typeof window.watchCamera === 'function', { timeout: STEP_MS });
  return page;
}

const token = (room, identity) => createToken({ room, identity });

async function machineMode(pageUrl, sharing, hiding) {
  const server = await startCli([]);
  const page = await openPage(sharing, pageUrl);
  await page.evaluate((url, t, ms) => window.join('alice', url, t, ms), server.url, await token('machine', 'alice'), STEP_MS);
  await page.evaluate((url, t, ms) => window.join('bob', url, t, ms), server.url, await token('machine', 'bob'), STEP_MS);
  const publisher = await page.evaluate((ms) => window.publishCamera('alice', ms), STEP_MS);
  const subscriber = await page.evaluate((ms) => window.watchCamera('bob', ms), STEP_MS);

  // A tab that only watches, in a browser that hides addresses: it signals mDNS names, which the server
  // ignores, so the server learns its address from its checks alone (a peer-reflexive candidate).
  const watcherPage = await openPage(hiding, pageUrl);
  await watcherPage.evaluate((url, t, ms) => window.join('carol', url, t, ms), server.url, await token('machine', 'carol'), STEP_MS);
  const watcher = await watcherPage.evaluate((ms) => window.watchCamera('carol', ms), STEP_MS);
  const watcherConnections = await watcherPage.evaluate(() => window.peerConnections());
  await watcherPage.evaluate(() => window.leaveAll());
  await page.evaluate(() => window.leaveAll());
  await Promise.all([page.close(), watcherPage.close()]);
  return { log: server.media, publisher, subscriber, watcher, watcherConnections };
}

/** A promise's outcome as data: `{ value }` or `{ error }`. */
const settle = (promise) => promise.then((value) => ({ value }), (error) => ({ error: error.message.split('\n')[0] }));

async function loopbackMode(pageUrl, sharing) {
  const server = await startCli(['--media', 'loopback']);
  const page = await openPage(sharing, pageUrl);
  const [aliceToken, bobToken] = await Promise.all([token('loopback', 'alice'), token('loopback', 'bob')]);
  // Signalling works (the server logs both joins); media must not, and livekit-client's connect waits for
  // it. Everything runs side by side for one window: joining, publishing once joined, and watching.
  const join = (name, t) => settle(page.evaluate((n, url, tk, ms) => window.join(n, url, tk, ms), name, server.url, t, REFUSED_MS));
  const watching = settle(page.evaluate((ms) => window.watchCamera('bob', ms), REFUSED_MS));
  const publishing = join('alice', aliceToken).then(async (joined) =>
    joined.error ? { joined, publish: 'not tried' } : { joined, publish: await settle(page.evaluate((ms) => window.publishCamera('alice', ms), REFUSED_MS)) },
  );
  const [alice, bob, watch] = await Promise.all([publishing, join('bob', bobToken), watching]);
  const connections = await page.evaluate(() => window.peerConnections());
  await settle(page.evaluate(() => window.leaveAll()));
  return { log: server.media, serverLog: server.output(), alice, bob, watch, connections };
}

/**
 * `npm start` as a person uses it: vite serves the demo and starts the dev server (machine mode, its default);
 * one tab joins, and its "Join as another participant" link opens a second tab that joins the same room. Each
 * must show the other's camera with frames.
 */
async function demoTwoTabs(sharing) {
  const vite = spawn(process.execPath, [`${root}node_modules/vite/bin/vite.js`, '--config', 'demo/vite.config.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The namespace has ports of its own: npm start's defaults (5173, 7880) are free.
    env: Object.fromEntries(
      Object.entries({ ...process.env, HOST: '127.0.0.1' }).filter(([name]) => !['PORT', 'RTC_DEV_SERVER_PORT', 'RTC_MEDIA', 'RTC_SERVER_URL'].includes(name)),
    ),
  });
  children.add(vite);
  vite.once('exit', () => children.delete(vite));
  let output = '';
  vite.stdout.on('data', (chunk) => (output += chunk));
  vite.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + STEP_MS * 2;
  let demoUrl;
  while (!(demoUrl = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output.replace(/\x1b\[[0-9;]*m/g, ''))?.[1]) || !/media \(RTC_MEDIA=\w+\) on|media .* on/.test(output)) {
    if (Date.now() > deadline || vite.exitCode !== null) throw new Error(`npm start's vite did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const remoteFrames = (page, other) =>
    page.waitForFunction(
      (name) => {
        const room = document.querySelector('rtc-room');
        const remote = room?.session.participants.get().find((p) => p.name === name);
        const camera = remote?.tracks.find((t) => t.source === 'camera')?.mediaStreamTrack;
        if (!camera) return false;
        const videos = [];
        const walk = (root) => {
          for (const element of root.querySelectorAll('*')) {
            if (element.tagName === 'VIDEO') videos.push(element);
            if (element.shadowRoot) walk(element.shadowRoot);
          }
        };
        walk(room);
        if (room.shadowRoot) walk(room.shadowRoot);
        const showing = videos.find((video) => video.srcObject?.getVideoTracks?.().includes(camera));
        return showing && showing.videoWidth > 0 ? { width: showing.videoWidth, tiles: videos.filter((v) => v.videoWidth > 0).length } : false;
      },
      { timeout: STEP_MS * 2, polling: 250 },
      other,
    );
  // Each tab in its own context, as two windows: a background tab of one window is hidden and not painted.
  const join = async (page) => {
    await page.waitForFunction(() => document.querySelector('rtc-prejoin')?.shadowRoot?.querySelector('rtc-local-preview')?.getAttribute('status') === 'ready', {
      timeout: STEP_MS,
      polling: 200,
    });
    await page.evaluate(() => document.querySelector('rtc-prejoin').shadowRoot.querySelector('[part="join-button"]').click());
    await page.waitForFunction(() => document.querySelector('rtc-room')?.getAttribute('connection-state') === 'connected', { timeout: STEP_MS, polling: 200 });
  };
  const first = await (await sharing.createBrowserContext()).newPage();
  first.on('pageerror', (error) => console.log(`demo page error: ${error.message}`));
  await first.goto(`${demoUrl}/?room=standup&name=Alice`);
  await join(first);
  // The invite link, as the participants panel offers it.
  const link = await first.evaluate(() => document.querySelector('rtc-conference').inviteLink);
  const second = await (await sharing.createBrowserContext()).newPage();
  second.on('pageerror', (error) => console.log(`demo page error: ${error.message}`));
  await second.goto(link);
  const secondName = await second.evaluate(async () => {
    await customElements.whenDefined('rtc-prejoin');
    return document.querySelector('rtc-prejoin').name;
  });
  await join(second);
  const state = (page) =>
    page.evaluate(() => {
      const room = document.querySelector('rtc-room');
      return {
        status: document.querySelector('#lobby-status')?.textContent,
        participants: room?.session.participants.get().map((p) => ({ name: p.name, tracks: p.tracks.map((t) => [t.source, !!t.mediaStreamTrack, t.muted]) })),
      };
    });
  let atFirst;
  let atSecond;
  try {
    [atFirst, atSecond] = await Promise.all([remoteFrames(first, secondName), remoteFrames(second, 'Alice')]);
  } catch (error) {
    throw new Error(`${error.message}; first tab ${JSON.stringify(await state(first))}, second ${JSON.stringify(await state(second))}\n${output}`);
  }
  // MeetingCast from the first tab's broadcast panel: broadcast the second participant, switch to Alice, stop;
  // then the dev server lists the recording and serves it.
  const cast = await first.evaluate(async (timeoutMs) => {
    const conference = document.querySelector('rtc-conference');
    conference.setPanel('cast');
    await conference.updateComplete;
    const controls = conference.shadowRoot.querySelector('rtc-cast-controls');
    const room = document.querySelector('rtc-room');
    const other = room.session.participants.get().find((p) => !p.isLocal);
    const me = room.session.participants.get().find((p) => p.isLocal);
    const seen = [];
    controls.addEventListener('rtc-cast-state-changed', ({ detail }) => seen.push(detail.state.status === 'live' ? `live:${detail.state.participant === me.identity ? 'Alice' : 'other'}` : detail.state.status));
    const until = async (status) => {
      const deadline = Date.now() + timeoutMs;
      while (controls.getAttribute('cast-status') !== status) {
        if (Date.now() > deadline) throw new Error(`the broadcast did not become ${status}: ${JSON.stringify(seen)} ${controls.getAttribute('cast-error')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await controls.start(other.identity);
    await until('live');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await controls.switchTo(me.identity);
    await until('live');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await controls.stop();
    await until('idle');
    return seen.filter((status, i) => status !== seen[i - 1]);
  }, STEP_MS);
  // The demo's chat, in its panel: the first tab writes, the second reads it.
  const chatOf = "document.querySelector('rtc-conference').shadowRoot.querySelector('rtc-chat')";
  await first.evaluate(`${chatOf}.send('Hello from Alice')`);
  const chatRead = await second
    .waitForFunction(
      `[...(${chatOf}?.shadowRoot?.querySelectorAll('[part="text"]') ?? [])].map((p) => p.textContent).includes('Hello from Alice')`,
      { timeout: STEP_MS, polling: 200 },
    )
    .then(() => true, () => false);
  // Barrage from the chat panel's box flies over the second tab's video.
  await first.evaluate(() => document.querySelector('rtc-conference').setPanel('chat'));
  await first.type('#barrage-form input[name=text]', '666 弹幕');
  await first.click('#barrage-form button[type=submit]');
  const barrageSeen = await second
    .waitForFunction(
      () => [...(document.querySelector('rtc-barrage')?.shadowRoot?.querySelectorAll('[part~="item"]') ?? [])].some((item) => item.textContent.includes('666 弹幕')),
      { timeout: STEP_MS, polling: 100 },
    )
    .then(() => true, () => false);
  // A 1:1 call between the tabs, both online since they joined: the first rings the second from its
  // participants panel; each is asked whether to leave the meeting first, says yes; both then see each other
  // in the call's room.
  const call = await (async () => {
    const secondUser = await second.evaluate(() => document.querySelector('#calls').userId);
    const firstUser = await first.evaluate(() => document.querySelector('#calls').userId);
    for (const page of [first, second]) {
      await page.evaluate(() => {
        window.callEvents = [];
        const center = document.querySelector('#calls');
        center.addEventListener('rtc-call-state-changed', ({ detail }) => window.callEvents.push(detail.state));
        center.addEventListener('rtc-error', ({ detail }) => window.callEvents.push(`error:${detail.code}:${detail.message}`));
      });
    }
    await first.waitForFunction((user) => document.querySelector(`#people-panel rtc-call-button[user="${user}"]`)?.getAttribute('presence') === 'online', { timeout: STEP_MS, polling: 200 }, secondUser);
    await first.evaluate((user) => document.querySelector(`#people-panel rtc-call-button[user="${user}"]`).shadowRoot.querySelector('button').click(), secondUser);
    const confirmLeaving = async (page) => {
      await page.waitForSelector('#leave-for-call[open]', { timeout: STEP_MS });
      await page.click('#leave-for-call-confirm');
    };
    await confirmLeaving(first);
    const accept = await second.waitForFunction(() => document.querySelector('rtc-incoming-call')?.shadowRoot?.querySelector('dialog[open] [part="accept"]'), {
      timeout: STEP_MS,
      polling: 200,
    });
    await accept.asElement().click();
    await confirmLeaving(second);
    const framesInCall = (page, other) =>
      page
        .waitForFunction(
          (identity) => {
            const walk = (node) => {
              for (const element of node.querySelectorAll('*')) {
                if (element.localName === 'rtc-participant-video' && element.getAttribute('participant') === identity) return element;
                const inner = element.shadowRoot && walk(element.shadowRoot);
                if (inner) return inner;
              }
              return undefined;
            };
            const room = document.querySelector('#calls')?.shadowRoot?.querySelector('rtc-room');
            const video = room && walk(room.shadowRoot)?.shadowRoot?.querySelector('video');
            return video && video.videoWidth > 0 ? video.videoWidth : false;
          },
          { timeout: STEP_MS * 2, polling: 250 },
          other,
        )
        .then(
          (handle) => handle.jsonValue(),
          async (error) =>
            `${error.message}: ${await page.evaluate(() => {
              const room = document.querySelector('#calls')?.shadowRoot?.querySelector('rtc-room');
              return JSON.stringify({
                state: room?.getAttribute('connection-state'),
                participants: room?.session.participants.get().map((p) => [p.identity, p.tracks.map((t) => [t.source, t.subscribed, !!t.mediaStreamTrack, t.muted])]),
              });
            })}`,
        );
    const group = (page) => page.evaluate(() => document.querySelector('#call').getAttribute('connection-state'));
    return {
      atFirst: await framesInCall(first, secondUser),
      atSecond: await framesInCall(second, firstUser),
      meetingLeft: [await group(first), await group(second)],
    };
  })().catch(async (error) => {
    const where = (page) =>
      page.evaluate(() => {
        const center = document.querySelector('#calls');
        return {
          presence: center?.presence,
          people: [...document.querySelectorAll('#people-panel rtc-call-button')].map((b) => [b.user, b.getAttribute('presence'), b.getAttribute('call-state')]),
          ringer: !!document.querySelector('rtc-incoming-call')?.shadowRoot?.querySelector('[part="dialog"]'),
          room: center?.shadowRoot?.querySelector('rtc-room')?.getAttribute('connection-state'),
          log: document.querySelector('#lobby-status')?.textContent,
          events: window.callEvents,
        };
      });
    return { error: error.message, first: await where(first), second: await where(second) };
  });
  const listing = await (await fetch('http://127.0.0.1:7880/dev/egress/')).text();
  const recording = /href="(\/dev\/egress\/EG_[\w-]+\.webm)"[^<]*<\/a>[^<]*EGRESS_COMPLETE/.exec(listing)?.[1];
  const recordingBytes = recording ? (await (await fetch(`http://127.0.0.1:7880${recording}`)).arrayBuffer()).byteLength : 0;
  const result = {
    link,
    secondName,
    atFirst: await atFirst.jsonValue(),
    atSecond: await atSecond.jsonValue(),
    log: /media .* on .*/.exec(output)?.[0],
    cast: { states: cast, recordingBytes },
    chatRead,
    barrageSeen,
    call,
  };
  await Promise.all([first.close(), second.close()]);
  vite.kill('SIGTERM');
  return result;
}

async function main() {
  const started = Date.now();
  assertFreshNamespace();
  setUpNetwork();
  assertNamespaceAddresses();
  const pageUrl = await servePage();
  const [sharing, hiding] = await Promise.all([launch({ showHostAddresses: true }), launch({ showHostAddresses: false })]);
  const machine = await machineMode(pageUrl, sharing, hiding);
  const loopback = await loopbackMode(pageUrl, sharing);
  const demo = await demoTwoTabs(sharing);
  console.log(`RESULT ${JSON.stringify({ addresses: machineAddresses(), machine, loopback, demo, seconds: (Date.now() - started) / 1000 })}`);
}

try {
  await main();
} catch (error) {
  fail(error.message.split('\n')[0]);
  console.log(error.stack);
} finally {
  for (const browser of browsers) await browser.close().catch(() => undefined);
  for (const child of children) child.kill('SIGTERM');
  for (const close of closers) await close();
}
