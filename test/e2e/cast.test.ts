import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { RtcCastControls } from '../../src/elements/cast-controls/cast-controls.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import type { RtcErrorEvent } from '../../src/events/error.js';

// MeetingCast end to end: <rtc-cast-controls> in every participant's room, rtc-elements/server's cast handler
// (createCastHandler) on its own port, and the dev server's egress behind it.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string; grants?: Record<string, unknown> }) => executeServerCommand('dev-server-token', options) as Promise<string>;
const castEndpoint = async (unavailable = false) => ((await executeServerCommand('dev-server-cast-endpoint', { unavailable })) as { url: string }).url;

const rooms: RtcRoom[] = [];
afterEach(() => rooms.splice(0).forEach((room) => room.remove()));

async function join(room: string, identity: string, endpoint: string, admin = false): Promise<RtcCastControls> {
  const element = document.createElement('rtc-room');
  element.serverUrl = await serverUrl();
  element.token = await token({ room, identity, ...(admin ? { grants: { roomAdmin: true } } : {}) });
  element.video = 'low';
  const controls = document.createElement('rtc-cast-controls');
  controls.castEndpoint = endpoint;
  element.append(controls);
  rooms.push(element);
  document.body.append(element);
  await waitUntil(() => element.connectionState === 'connected', `${identity} joins`, { timeout: 10000 });
  return controls;
}

const statusText = (controls: RtcCastControls) => controls.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim();

/** When each controls element first showed each status (`live:<identity>` for live), as it changes. */
const shownAt = new WeakMap<RtcCastControls, Map<string, number>>();

/** Every status each controls element shows, in order, as it changes. */
function watch(controls: RtcCastControls): string[] {
  const seen: string[] = [];
  const times = new Map<string, number>();
  shownAt.set(controls, times);
  controls.addEventListener('rtc-cast-state-changed', ({ detail }) => {
    const { state } = detail;
    const status = state.status === 'live' ? `live:${state.participant}` : state.status;
    seen.push(status);
    if (!times.has(status)) times.set(status, performance.now());
  });
  return seen;
}

/** Runs a host action and checks that `other` showed `status` no later than a second after it settled. */
async function within1s(action: () => Promise<void>, other: RtcCastControls, status: string): Promise<void> {
  await action();
  const settled = performance.now();
  await waitUntil(() => shownAt.get(other)!.has(status), `${status} reaches the others`, { timeout: 5000 });
  expect(shownAt.get(other)!.get(status)! - settled, `${status} shown to the others this long after the host's request settled`).to.be.lessThan(1000);
}

describe('cast: <rtc-cast-controls> with the cast handler and the dev server', () => {
  it('starts, switches and stops a broadcast that every participant sees, late joiners too', async function () {
    this.timeout(90000);
    const room = `cast-flow-${Date.now()}`;
    const endpoint = await castEndpoint();
    const host = await join(room, 'host', endpoint, true);
    const alice = await join(room, 'alice', endpoint);
    const bobControls = await join(room, 'bob', endpoint);
    const atHost = watch(host);
    const atAlice = watch(alice);

    await within1s(() => host.start('alice'), alice, 'live:alice');
    await waitUntil(() => alice.getAttribute('cast-status') === 'live', 'alice sees herself live', { timeout: 10000 });
    expect(host.getAttribute('cast-status')).to.equal('live');
    await alice.updateComplete;
    expect(statusText(alice)).to.contain('alice');
    expect(alice.shadowRoot!.querySelector('[part="badge"]'), 'the LIVE badge shows to everyone').to.exist;
    expect(alice.shadowRoot!.querySelector('[part="stop-button"]'), 'but the controls only to those allowed').to.equal(null);
    await host.updateComplete;
    expect(host.shadowRoot!.querySelector('[part="stop-button"]'), 'the host (roomAdmin) has them').to.exist;

    await within1s(() => host.switchTo('bob'), alice, 'live:bob');

    const carol = await join(room, 'carol', endpoint);
    await waitUntil(() => carol.getAttribute('cast-status') === 'live', 'carol, joining mid-broadcast, sees it live', { timeout: 10000 });
    await carol.updateComplete;
    expect(statusText(carol)).to.contain('bob');

    // Bob leaves while live: the broadcast goes on (on his last picture), everyone is told, and the host can still act.
    rooms.find((element) => element.querySelector('rtc-cast-controls') === bobControls)!.remove();
    await waitUntil(() => statusText(alice).includes('left the room'), 'alice is told bob left', { timeout: 10000 });
    expect(alice.getAttribute('cast-status')).to.equal('live');

    await within1s(() => host.stop(), alice, 'idle');
    await waitUntil(() => alice.getAttribute('cast-status') === 'idle' && carol.getAttribute('cast-status') === 'idle', 'everyone sees it stop', { timeout: 10000 });
    for (const seen of [atHost, atAlice]) {
      const order = seen.filter((status, i) => status !== seen[i - 1]);
      expect(order.indexOf('live:alice'), order.join(' ')).to.be.greaterThanOrEqual(0);
      expect(order.indexOf('live:bob')).to.be.greaterThan(order.indexOf('live:alice'));
      expect(order.at(-1)).to.equal('idle');
    }
    expect(atHost.filter((status, i) => status !== atHost[i - 1])).to.include.members(['starting', 'switching', 'stopping']);
  });

  it('refuses with a code and a visible message: not allowed, already live, nobody by that name, no egress', async function () {
    this.timeout(90000);
    const room = `cast-errors-${Date.now()}`;
    const endpoint = await castEndpoint();
    const host = await join(room, 'host', endpoint, true);
    const alice = await join(room, 'alice', endpoint);
    const errorOf = async (controls: RtcCastControls, action: () => Promise<void>) => {
      const error = new Promise<RtcErrorEvent>((resolve) => controls.addEventListener('rtc-error', resolve as EventListener, { once: true }));
      await action().catch(() => undefined);
      const { code } = (await error).detail;
      await controls.updateComplete;
      return code;
    };

    expect(await errorOf(alice, () => alice.start('host')), 'a participant without roomAdmin').to.equal('cast-forbidden');
    expect(alice.getAttribute('cast-status')).to.equal('idle');
    expect(await errorOf(host, () => host.start('nobody'))).to.equal('cast-participant-not-found');
    expect(host.getAttribute('cast-status'), 'nothing is left starting').to.equal('idle');
    expect(await errorOf(host, () => host.switchTo('alice')), 'switching while idle').to.equal('cast-conflict');

    await host.start('alice');
    await waitUntil(() => host.getAttribute('cast-status') === 'live', 'live', { timeout: 10000 });
    expect(await errorOf(host, () => host.start('alice')), 'starting while live').to.equal('cast-conflict');
    expect(host.getAttribute('cast-status'), 'still live').to.equal('live');
    expect(host.getAttribute('cast-error')).to.equal('cast-conflict');
    expect(statusText(host), 'the reason, visible').to.contain('The broadcast changed meanwhile');
    // A restarted backend (a new handler, nothing in memory) finds the running egress and stops it.
    host.castEndpoint = await castEndpoint();
    await host.updateComplete;
    await host.stop();
    await waitUntil(() => host.getAttribute('cast-status') === 'idle', 'stopped', { timeout: 10000 });

    host.castEndpoint = await castEndpoint(true);
    await host.updateComplete;
    expect(await errorOf(host, () => host.start('alice')), 'LiveKit does not answer').to.equal('cast-egress-unavailable');
    expect(host.getAttribute('cast-status'), 'not stuck in starting').to.equal('idle');
  });
});
