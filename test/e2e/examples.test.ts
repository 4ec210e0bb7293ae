import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { RoomSession } from '../../src/core/room-session.js';
import { waitForFrames } from '../support/media.js';

// The example apps under examples/, run as a person would: in a page of their own, against the dev server,
// with another participant joining from here.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string; name?: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;

// The framework examples are built by `npm run build` (examples/<name>/dist) and served as they are; Next's is
// served by `next start` (scripts/wtr-next-example.mjs), so its page is rendered on the server and hydrated.
for (const [example, path] of [
  ['next', '/examples/next/'],
  ['plain-html', '/examples/plain-html/index.html'],
  ['react', '/examples/react/dist/index.html'],
  ['vue', '/examples/vue/dist/index.html'],
  ['svelte', '/examples/svelte/dist/index.html'],
  ['angular', '/examples/angular/dist/browser/index.html'],
] as const) {
  describe(`examples/${example}`, () => {
    it('previews, joins, shows the other participant in its own tile list with frames, and its handler runs', async () => {
      const url = await serverUrl();
      const room = `example-${example}-${Date.now()}`;
      const frame = document.createElement('iframe');
      frame.style.cssText = 'width: 900px; height: 700px';
      frame.src = `${path}?${new URLSearchParams({ server: url, room, name: 'Alice' })}`;
      document.body.append(frame);
      const bob = new RoomSession();
      try {
        await waitUntil(() => frame.contentDocument?.querySelector('rtc-local-preview')?.getAttribute('status') === 'ready', 'the example’s preview runs', { timeout: 15000 });
        const page = frame.contentDocument!;
        (page.querySelector('#join, button') as HTMLButtonElement).click();
        await waitUntil(() => page.querySelector('rtc-room')?.getAttribute('connection-state') === 'connected', 'the example joins', { timeout: 15000 });

        await bob.connect({ serverUrl: url, token: await token({ room, identity: 'bob', name: 'Bob' }), publish: { video: 'low', audio: true } });
        await waitUntil(() => page.querySelector('#log')?.textContent === 'Bob joined', 'the example’s own handler ran', { timeout: 10000 });
        const tile = () => page.querySelector('#tile-bob');
        await waitUntil(() => tile() && !tile()!.hasAttribute('camera-off'), 'its own tile list shows bob’s camera', { timeout: 15000 });
        // A tile receives video only while in view, as a person would look at it.
        tile()!.scrollIntoView();
        await waitForFrames(tile()!.shadowRoot!.querySelector('video')!, 'bob’s frames in the example');
        // And the other way: the example sends the preview's camera, with the attributes given as a rich property.
        await waitUntil(() => bob.participants.get().find((p) => p.name === 'Alice')?.tracks.find((t) => t.source === 'camera')?.mediaStreamTrack, 'bob receives alice', { timeout: 15000 });
        expect(bob.participants.get().find((p) => p.name === 'Alice')!.attributes.role).to.equal('guest');
      } finally {
        await bob.leave();
        frame.remove();
      }
    });
  });
}

describe('examples/plain-html, joining second', () => {
  it('shows whoever was already in the room, from the joined events told at once on connecting', async () => {
    const url = await serverUrl();
    const room = `example-second-${Date.now()}`;
    const bob = new RoomSession();
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 900px; height: 700px';
    try {
      await bob.connect({ serverUrl: url, token: await token({ room, identity: 'bob', name: 'Bob' }), publish: { video: 'low', audio: true } });
      frame.src = `/examples/plain-html/index.html?${new URLSearchParams({ server: url, room, name: 'Alice' })}`;
      document.body.append(frame);
      await waitUntil(() => frame.contentDocument?.querySelector('rtc-local-preview')?.getAttribute('status') === 'ready', 'the example’s preview runs', { timeout: 15000 });
      const page = frame.contentDocument!;
      (page.querySelector('#join') as HTMLButtonElement).click();
      const tile = () => page.querySelector('#tile-bob');
      await waitUntil(() => tile() && !tile()!.hasAttribute('camera-off'), 'bob, there before, has a tile with his camera', { timeout: 15000 });
      expect(page.querySelector('#log')!.textContent).to.equal('Bob joined');
      tile()!.scrollIntoView();
      await waitForFrames(tile()!.shadowRoot!.querySelector('video')!, 'bob’s frames');
    } finally {
      await bob.leave();
      frame.remove();
    }
  });
});

describe('examples/next on the server', () => {
  it('sends HTML that already holds the room with its attributes, before any script runs', async () => {
    const html = await (await fetch('/examples/next/?server=ws%3A%2F%2F127.0.0.1%3A1&room=ssr-check&name=Alice')).text();
    expect(html).to.match(/<rtc-room [^>]*server-url="ws:\/\/127\.0\.0\.1:1"[^>]*room="ssr-check"/);
    expect(html).to.match(/<rtc-local-preview [^>]*video="low"/);
  });
});
