// @livekit/rtc-node (the client under LiveKit Agents and most bots: libwebrtc through its Rust binary) meets an
// <rtc-room> page in Chromium on the dev server: a red picture and a tone one way, the fake camera the other,
// chat both ways on LiveKit's chat topic, data on a topic of the page's, RPC both ways, the agent seen as an
// agent, and its leave seen within a second. Both clients take the single-connection path (/rtc/v1).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  LocalVideoTrack,
  ParticipantKind,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
  VideoStream,
  dispose,
} from '@livekit/rtc-node';
import { createToken, machineNetwork, startDevServer } from 'rtc-elements/server';
import { HEADLESS_ARGS, findChromium } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TIMEOUT = 20_000;
const ROOM = `agents-${process.pid}`;
const WIDTH = 320;
const HEIGHT = 240;

let server;
let pages;
let browser;
let page;
let agent;
let stopMedia = () => undefined;
const joined = [];
const said = [];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(predicate, what, ms = TIMEOUT) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = await predicate();
    if (value) return value;
    await sleep(50);
  }
  throw new Error(`timed out: ${what}`);
}

before(async () => {
  // rtc-node's libwebrtc offers no loopback candidates: media goes over this machine's own addresses.
  server = await startDevServer({
    host: '127.0.0.1',
    port: 0,
    mediaNetwork: machineNetwork(),
    log: { info: (line) => joined.push(line), verbose: () => undefined },
  });
  // The page: the kit's elements from source, and a room that joins with its camera and microphone.
  const cache = `${root}node_modules/.cache/rtc-elements`;
  mkdirSync(cache, { recursive: true });
  const bundle = `${cache}/rtc-node-page-${process.pid}.js`;
  await build({
    entryPoints: [`${root}src/define.ts`],
    bundle: true,
    format: 'esm',
    outfile: bundle,
    logLevel: 'error',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  });
  const token = await createToken({ room: ROOM, identity: 'person', name: 'Person' });
  const html = `<!doctype html><html lang="en"><body style="margin:0">
    <script type="module" src="/kit.js"></script>
    <rtc-room server-url="${server.url}" token="${token}" video="low" audio style="display:block;width:900px;height:600px"></rtc-room>
  </body></html>`;
  pages = createServer((request, response) => {
    if (request.url === '/kit.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(bundle));
    response.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise((resolve) => pages.listen(0, '127.0.0.1', resolve));
  browser = await puppeteer.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    headless: true,
    args: [...HEADLESS_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
  });
  page = await browser.newPage();
  page.on('console', (message) => (message.type() === 'error' || message.type() === 'warn') && said.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => said.push(`uncaught: ${error.message}`));
  await page.goto(`http://127.0.0.1:${pages.address().port}/`);
  await page.evaluate(() => {
    const room = document.querySelector('rtc-room');
    window.seen = { left: [], received: [] };
    room.addEventListener('rtc-participant-left', ({ detail }) => window.seen.left.push({ identity: detail.identity, at: Date.now() }));
    room.addEventListener('rtc-message-received', ({ detail }) => window.seen.received.push({ kind: detail.kind, topic: detail.topic, text: detail.text, from: detail.from.identity }));
  });
  await page.waitForFunction(() => document.querySelector('rtc-room')?.getAttribute('connection-state') === 'connected', { timeout: TIMEOUT });
});

after(async () => {
  stopMedia();
  await agent?.disconnect().catch(() => undefined);
  await browser?.close();
  pages?.close();
  await server?.close();
  await dispose();
});

/** The agent: a red picture and a 440 Hz tone, as a bot or an AI agent would publish them. */
async function startAgent() {
  const token = await createToken({ room: ROOM, identity: 'agent', name: 'Helper', kind: 'agent', attributes: { 'lk.agent.state': 'listening' }, grants: { agent: true } });
  agent = new Room();
  const seen = { frames: 0, chat: [], data: [] };
  agent.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
    if (track.kind !== TrackKind.KIND_VIDEO || participant.identity !== 'person') return;
    (async () => {
      for await (const event of new VideoStream(track)) {
        seen.frames++;
        seen.size = [event.frame.width, event.frame.height];
      }
    })().catch(() => undefined);
  });
  agent.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => seen.data.push({ from: participant?.identity, topic, text: new TextDecoder().decode(payload) }));
  agent.registerTextStreamHandler('lk.chat', async (reader, from) => seen.chat.push({ from: from.identity, text: await reader.readAll() }));
  await agent.connect(server.url, token, { autoSubscribe: true, dynacast: false });
  agent.localParticipant.registerRpcMethod('echo', async ({ payload, callerIdentity }) => `${callerIdentity} said ${payload}`);

  const video = new VideoSource(WIDTH, HEIGHT);
  const red = new Uint8Array(WIDTH * HEIGHT * 4);
  for (let i = 0; i < red.length; i += 4) red.set([255, 0, 0, 255], i);
  const frames = setInterval(() => video.captureFrame(new VideoFrame(red, WIDTH, HEIGHT, VideoBufferType.RGBA), BigInt(Date.now()) * 1000n), 1000 / 15);
  const audio = new AudioSource(48000, 1);
  let playing = true;
  (async () => {
    let phase = 0;
    while (playing) {
      const frame = AudioFrame.create(48000, 1, 480);
      for (let i = 0; i < 480; i++) frame.data[i] = Math.round(Math.sin((phase++ * 2 * Math.PI * 440) / 48000) * 8000);
      await audio.captureFrame(frame).catch(() => (playing = false));
    }
  })();
  stopMedia = () => {
    clearInterval(frames);
    playing = false;
  };
  await agent.localParticipant.publishTrack(LocalVideoTrack.createVideoTrack('picture', video), new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }));
  await agent.localParticipant.publishTrack(LocalAudioTrack.createAudioTrack('voice', audio), new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }));
  return seen;
}

test('an rtc-node agent and an <rtc-room> page: media both ways, chat, data, RPC, the agent kind, a prompt leave, a clean console', { timeout: 120_000 }, async () => {
  const seen = await startAgent();

  // The page shows the agent's picture in its tile, red, and knows it is an agent.
  await page.evaluate(() => {
    /** The tile of `identity` in the room's conference, however deep in shadow roots. */
    window.tileOf = (identity, node = document.querySelector('rtc-room').shadowRoot) => {
      for (const element of node.querySelectorAll('*')) {
        if (element.localName === 'rtc-participant-video' && element.getAttribute('participant') === identity) return element;
        const inner = element.shadowRoot && window.tileOf(identity, element.shadowRoot);
        if (inner) return inner;
      }
      return undefined;
    };
  });
  const pixel = await page.waitForFunction(
    () => {
      const video = window.tileOf('agent')?.shadowRoot?.querySelector('video');
      if (!video || video.hidden || !video.videoWidth) return false;
      const canvas = Object.assign(document.createElement('canvas'), { width: video.videoWidth, height: video.videoHeight });
      const context = canvas.getContext('2d');
      context.drawImage(video, 0, 0);
      const [r, g, b] = context.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
      return r > 200 && g < 60 && b < 60 ? { r, g, b, width: video.videoWidth } : false;
    },
    { timeout: TIMEOUT, polling: 200 },
  );
  assert.ok((await pixel.jsonValue()).width > 0, 'the agent’s red picture in the page’s tile');
  const view = await page.evaluate(() => document.querySelector('rtc-room').session.participants.get().find((p) => p.identity === 'agent'));
  assert.equal(view.kind, 'agent', 'the page sees an agent');
  const badge = await page.evaluate(() => window.tileOf('agent')?.shadowRoot?.querySelector('[part="agent-badge"]')?.textContent);
  assert.equal(badge, 'AI agent', 'and its tile says so');
  assert.equal(view.attributes['lk.agent.state'], 'listening');
  const person = [...agent.remoteParticipants.values()].find((p) => p.identity === 'person');
  assert.equal(person.kind, ParticipantKind.STANDARD);
  // The page hears the tone: its audio track arrives and plays.
  await page.waitForFunction(
    () => {
      const audio = document.querySelector('rtc-room').shadowRoot.querySelector('audio');
      return audio && !audio.paused && audio.srcObject?.getAudioTracks()[0]?.readyState === 'live';
    },
    { timeout: TIMEOUT },
  );

  // The agent receives the page's fake camera.
  await until(() => seen.frames > 10, 'the agent decodes the page’s camera');
  assert.ok(seen.size[0] > 0);

  // Chat both ways on LiveKit's chat topic, data on a topic of the page's.
  await agent.localParticipant.sendText('Hello, I am the helper', { topic: 'lk.chat' });
  await page.waitForFunction(() => window.seen.received.some((m) => m.kind === 'chat' && m.text === 'Hello, I am the helper' && m.from === 'agent'), { timeout: TIMEOUT });
  await page.evaluate(() => document.querySelector('rtc-room').session.messages.sendChat('Hi helper'));
  await until(() => seen.chat.some((m) => m.text === 'Hi helper' && m.from === 'person'), 'the agent reads the page’s chat');
  await agent.localParticipant.publishData(new TextEncoder().encode('{"question":1}'), { reliable: true, topic: 'quiz' });
  await page.waitForFunction(() => window.seen.received.some((m) => m.topic === 'quiz' && m.text === '{"question":1}'), { timeout: TIMEOUT });
  await page.evaluate(() => document.querySelector('rtc-room').session.messages.send('quiz', '{"answer":42}'));
  // The kit's own topics carry a small envelope (an id, so a message counts once, and when it was sent).
  const envelope = (text) => {
    try {
      return JSON.parse(text);
    } catch {
      return {};
    }
  };
  await until(() => seen.data.some((d) => d.topic === 'quiz' && envelope(d.text).text === '{"answer":42}'), 'the agent gets the page’s data on its topic');

  // RPC both ways.
  const answer = await page.evaluate(() => document.querySelector('rtc-room').session.performRpc({ destinationIdentity: 'agent', method: 'echo', payload: 'ping' }));
  assert.equal(answer, 'person said ping');
  await page.evaluate(() => document.querySelector('rtc-room').session.registerRpcMethod('shout', async ({ payload }) => payload.toUpperCase()));
  assert.equal(await agent.localParticipant.performRpc({ destinationIdentity: 'person', method: 'shout', payload: 'hello' }), 'HELLO');

  // Both took the single-connection path.
  assert.match(joined.find((line) => line.includes(': person ')) ?? '', /one connection \(\/rtc\/v1\)/);
  assert.match(joined.find((line) => line.includes(': agent ')) ?? '', /one connection \(\/rtc\/v1\)/);

  // The agent leaves: the page sees it within a second.
  stopMedia();
  const leftAt = Date.now();
  await agent.disconnect();
  const left = await page.waitForFunction(() => window.seen.left.find((l) => l.identity === 'agent'), { timeout: TIMEOUT });
  const gone = (await left.jsonValue()).at - leftAt;
  assert.ok(gone < 1000, `the leave was seen after ${gone} ms`);
  assert.deepEqual(said, [], 'the page’s console');
});
