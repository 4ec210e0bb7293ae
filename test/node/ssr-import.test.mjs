// Importing the kit on a server (Next, Nuxt, Angular SSR) and constructing its elements there: Node has no
// window, document, localStorage, media devices or RTCPeerConnection, so any use of them at import or
// construction time (rather than once the element is in a browser page) throws here.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

const browserOnly = ['window', 'document', 'localStorage', 'RTCPeerConnection', 'MediaStream', 'AudioContext'];

test('the package imports, defines and constructs every element in Node, and leaves no fake browser behind', async () => {
  for (const name of browserOnly) assert.equal(typeof globalThis[name], 'undefined', `Node has no ${name}`);
  const kit = await import('../../dist/index.js');
  await import('../../dist/define.js');
  const manifest = JSON.parse(await readFile(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
  const tags = manifest.modules.flatMap((module) => (module.declarations ?? []).map((declaration) => declaration.tagName).filter(Boolean));
  assert.ok(tags.length >= 20, `the manifest lists the elements (${tags.length})`);
  for (const tag of tags) {
    const ElementClass = customElements.get(tag);
    assert.ok(ElementClass, `${tag} is defined in Node`);
    assert.doesNotThrow(() => new ElementClass(), `${tag} constructs`);
  }
  // The core's objects too: a session and local media are made on the server by frameworks that render there.
  assert.doesNotThrow(() => new kit.RoomSession());
  assert.doesNotThrow(() => new kit.LocalMedia());
  assert.doesNotThrow(() => new kit.CallClient({ userId: 'alice', tokenEndpoint: '/token' }));
  // Lit's DOM shim gives Node customElements and HTMLElement; nothing may pretend to be a browser window.
  for (const name of browserOnly) assert.equal(typeof globalThis[name], 'undefined', `${name} was not made up`);
});

test('the React wrappers render on the server: attributes in the HTML, rich props and handlers left for the browser', async () => {
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { RtcRoom, RtcParticipantVideo } = await import('../../dist/react/index.js');
  const html = renderToString(
    createElement(
      RtcRoom,
      { serverUrl: 'wss://example.test', room: 'daily-standup', manual: true, pageSize: 9, participantAttributes: { role: 'host' }, onRtcParticipantJoined: () => undefined, className: 'conference' },
      createElement(RtcParticipantVideo, { participant: 'bob', noPin: false }),
    ),
  );
  assert.equal(
    html,
    '<rtc-room server-url="wss://example.test" room="daily-standup" manual="" page-size="9" class="conference"><rtc-participant-video participant="bob"></rtc-participant-video></rtc-room>',
  );
  for (const name of browserOnly) assert.equal(typeof globalThis[name], 'undefined', `${name} was not made up`);
});
