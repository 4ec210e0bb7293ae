import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/cast-controls/rtc-cast-controls.js';
import type { RtcCastControls } from '../../src/elements/cast-controls/cast-controls.js';
import { formatElapsed } from '../../src/elements/cast-controls/cast-controls.js';
import { RtcError } from '../../src/core/errors.js';
import { CAST_METADATA_KEY, type CastProvider, type CastRequest } from '../../src/core/cast.js';
import { FakeSession, participant } from '../support/fake-session.js';

const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string) =>
  el.shadowRoot!.querySelector(`[part~="${name}"]`) as T;

function recordingProvider(fail?: RtcError) {
  const requests: CastRequest[] = [];
  const provider: CastProvider = {
    async request(request) {
      requests.push(request);
      if (fail) throw fail;
    },
  };
  return { requests, provider };
}

async function setup(provider?: CastProvider) {
  const session = new FakeSession({ room: 'standup', token: 'tok', ...(provider ? { castProvider: provider } : {}) });
  session.setParticipants([participant('me', { isLocal: true, name: 'Me' }), participant('alice', { name: 'Alice' })]);
  const el = await fixture<RtcCastControls>(html`<rtc-cast-controls .session=${session}></rtc-cast-controls>`);
  return { session, el };
}

describe('<rtc-cast-controls>', () => {
  it('starts, switches and stops a cast, showing LIVE with the running time', async () => {
    const { requests, provider } = recordingProvider();
    const { el } = await setup(provider);
    const select = part<HTMLSelectElement>(el, 'select');
    expect(select.value).to.equal('me');
    select.value = 'alice';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;

    const started = oneEvent(el, 'rtc-cast-state-changed');
    part<HTMLButtonElement>(el, 'start-button').click();
    expect((await started).detail.state.status).to.equal('starting');
    await waitUntil(() => el.castStatus === 'live', 'live');
    await el.updateComplete;
    expect(part(el, 'badge').textContent).to.match(/LIVE\s+0:0\d/);
    expect(part(el, 'status').textContent).to.equal('Broadcasting Alice');

    const select2 = part<HTMLSelectElement>(el, 'select');
    select2.value = 'me';
    select2.dispatchEvent(new Event('change'));
    await el.updateComplete;
    part<HTMLButtonElement>(el, 'switch-button').click();
    await waitUntil(() => el.state.status === 'live' && el.state.participant === 'me', 'switched');
    part<HTMLButtonElement>(el, 'stop-button').click();
    await waitUntil(() => el.castStatus === 'idle', 'stopped');
    expect(requests).to.deep.equal([
      { action: 'start', room: 'standup', participant: 'alice' },
      { action: 'switch', room: 'standup', participant: 'me' },
      { action: 'stop', room: 'standup' },
    ]);
  });

  it('does nothing when the page prevents the request', async () => {
    const { requests, provider } = recordingProvider();
    const { el } = await setup(provider);
    el.addEventListener('rtc-cast-start-request', (e) => e.preventDefault());
    part<HTMLButtonElement>(el, 'start-button').click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(requests).to.have.length(0);
    expect(el.castStatus).to.equal('idle');
  });

  it('does not switch or stop when the page prevents those requests', async () => {
    const { requests, provider } = recordingProvider();
    const { el } = await setup(provider);
    await el.start('alice');
    el.addEventListener('rtc-cast-switch-request', (e) => e.preventDefault());
    el.addEventListener('rtc-cast-stop-request', (e) => e.preventDefault());
    await el.updateComplete;
    part<HTMLButtonElement>(el, 'switch-button').click();
    part<HTMLButtonElement>(el, 'stop-button').click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(requests.map((r) => r.action)).to.deep.equal(['start']);
    expect(el.state).to.include({ status: 'live', participant: 'alice' });
  });

  it('is busy while a request is on its way', async () => {
    let finish: () => void = () => undefined;
    const provider: CastProvider = { request: () => new Promise<void>((resolve) => (finish = resolve)) };
    const { el } = await setup(provider);
    part<HTMLButtonElement>(el, 'start-button').click();
    await el.updateComplete;
    expect(el.hasAttribute('busy')).to.equal(true);
    expect(part(el, 'group').getAttribute('aria-busy')).to.equal('true');
    expect(part<HTMLSelectElement>(el, 'select').disabled).to.equal(true);
    finish();
    await waitUntil(() => !el.busy);
  });

  it('shows a failure and dispatches rtc-error with its code', async () => {
    const { provider } = recordingProvider(new RtcError('cast-forbidden', 'not an admin'));
    const { el } = await setup(provider);
    const error = oneEvent(el, 'rtc-error');
    part<HTMLButtonElement>(el, 'start-button').click();
    expect((await error).detail.code).to.equal('cast-forbidden');
    await el.updateComplete;
    expect(el.getAttribute('cast-error')).to.equal('cast-forbidden');
    expect(el.castStatus, 'nothing started').to.equal('idle');
    expect(part(el, 'status').textContent).to.equal('Broadcast failed: You are not allowed to control the broadcast.');
    expect(part(el, 'start-button'), 'can try again').to.exist;
  });

  it('keeps a live broadcast live, and stoppable, when switching fails', async () => {
    let fail = false;
    const provider: CastProvider = {
      async request() {
        if (fail) throw new RtcError('cast-request-failed', 'egress busy');
      },
    };
    const { el } = await setup(provider);
    await el.start('alice');
    fail = true;
    const error = oneEvent(el, 'rtc-error');
    await el.switchTo('me');
    expect((await error).detail.code).to.equal('cast-request-failed');
    await el.updateComplete;
    expect(el.state).to.include({ status: 'live', participant: 'alice' });
    expect(el.hasAttribute('cast-error')).to.equal(true);
    expect(part(el, 'status').textContent).to.equal('Broadcast failed: The broadcast request failed.');
    expect(part<HTMLButtonElement>(el, 'stop-button').disabled).to.equal(false);
    fail = false;
    await el.stop();
    expect(el.castStatus).to.equal('idle');
    expect(el.hasAttribute('cast-error')).to.equal(false);
  });

  it('lets a listener act on the new state at once, and refuses a request while one is on its way', async () => {
    const { requests, provider } = recordingProvider();
    const { el } = await setup(provider);
    el.addEventListener('rtc-cast-state-changed', ({ detail }) => {
      if (detail.state.status === 'live') void el.stop();
    });
    await el.start('alice');
    await waitUntil(() => el.castStatus === 'idle', 'stopped by the listener');
    expect(requests.map((r) => r.action)).to.deep.equal(['start', 'stop']);

    let finish: () => void = () => undefined;
    const slow: CastProvider = { request: () => new Promise<void>((resolve) => (finish = resolve)) };
    el.session!.cast.provider = slow;
    const errors: string[] = [];
    el.addEventListener('rtc-error', (e) => errors.push(e.detail.code));
    const first = el.start('alice');
    await el.start('me');
    expect(errors).to.deep.equal(['cast-busy']);
    finish();
    await first;
  });

  it('lets the backend or leaving win over an answer that comes late', async () => {
    let finish: () => void = () => undefined;
    let fail: (error: Error) => void = () => undefined;
    const provider: CastProvider = {
      request: () =>
        new Promise<void>((resolve, reject) => {
          finish = resolve;
          fail = reject;
        }),
    };
    const { session, el } = await setup(provider);
    const starting = el.start('alice');
    session.cast.reset();
    finish();
    await starting;
    expect(el.state.status, 'left the room meanwhile: stays idle').to.equal('idle');

    const again = el.start('alice');
    session.cast.applyRoomMetadata(JSON.stringify({ 'rtc.cast': { status: 'live', participant: 'alice', since: Date.now() } }));
    fail(new RtcError('cast-request-failed', 'timed out'));
    await again;
    expect(el.state.status, 'the backend said live before our request timed out').to.equal('live');
  });

  it('reports the state of a session it is moved to', async () => {
    const { el } = await setup();
    const live = new FakeSession({ room: 'other' });
    live.cast.applyRoomMetadata(JSON.stringify({ 'rtc.cast': { status: 'live', participant: 'bob', since: Date.now() } }));
    const changed = oneEvent(el, 'rtc-cast-state-changed');
    el.session = live;
    expect((await changed).detail.state).to.include({ status: 'live', participant: 'bob' });
  });

  it('offers Stop while a step hangs (starting, switching, stopping), so nothing can stay stuck', async () => {
    const { provider, requests } = recordingProvider();
    const { session, el } = await setup(provider);
    for (const state of [
      { status: 'starting', participant: 'alice', by: 'me', at: Date.now() },
      { status: 'switching', from: 'alice', to: 'me' },
      { status: 'stopping', participant: 'alice' },
    ]) {
      session.cast.applyRoomMetadata(JSON.stringify({ [CAST_METADATA_KEY]: state }));
      await el.updateComplete;
      expect(part(el, 'stop-button'), `Stop while ${state.status}`).to.exist;
    }
    part<HTMLButtonElement>(el, 'stop-button').click();
    await waitUntil(() => requests.length === 1);
    expect(requests[0]).to.deep.equal({ action: 'stop', room: 'standup' });
  });

  it('hides the controls from a token without roomAdmin, unless told otherwise, and always shows who is live', async () => {
    const claims = btoa(JSON.stringify({ sub: 'me', video: { room: 'standup' } })).replace(/=+$/, '');
    const session = new FakeSession({ room: 'standup', token: `x.${claims}.y` });
    session.setParticipants([participant('me', { isLocal: true, name: 'Me' }), participant('alice', { name: 'Alice' })]);
    session.cast.applyRoomMetadata(JSON.stringify({ [CAST_METADATA_KEY]: { status: 'live', participant: 'alice', since: Date.now() } }));
    const el = await fixture<RtcCastControls>(html`<rtc-cast-controls .session=${session}></rtc-cast-controls>`);
    expect(part(el, 'stop-button')).to.equal(null);
    expect(part(el, 'badge')).to.exist;
    expect(part(el, 'status').textContent).to.contain('Alice');
    await expect(el).to.be.accessible();
    el.controls = 'always';
    await el.updateComplete;
    expect(part(el, 'stop-button')).to.exist;
  });

  it('says cast-no-provider when no endpoint or provider is set', async () => {
    const { el } = await setup();
    const error = oneEvent(el, 'rtc-error');
    part<HTMLButtonElement>(el, 'start-button').click();
    expect((await error).detail.code).to.equal('cast-no-provider');
  });

  it('POSTs {action, room, participant} to cast-endpoint with the participant token as bearer', async () => {
    const session = new FakeSession({ room: 'standup', token: 'tok-123' });
    session.setParticipants([participant('alice')]);
    const el = await fixture<RtcCastControls>(html`<rtc-cast-controls cast-endpoint="/cast" .session=${session}></rtc-cast-controls>`);
    const realFetch = globalThis.fetch;
    const sent: { url: string; init: RequestInit }[] = [];
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return new Response(JSON.stringify({ state: { status: 'live', participant: 'alice', since: Date.now() - 65000 } }));
    }) as typeof fetch;
    try {
      await el.start('alice');
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(sent[0]!.url).to.equal('/cast');
    expect(JSON.parse(String(sent[0]!.init.body))).to.deep.equal({ action: 'start', room: 'standup', participant: 'alice' });
    expect((sent[0]!.init.headers as Record<string, string>).authorization).to.equal('Bearer tok-123');
    await el.updateComplete;
    expect(part(el, 'badge').textContent).to.contain('1:05');
  });

  it('shows what the backend writes to room metadata, as late joiners see it', async () => {
    const { session, el } = await setup();
    session.cast.applyRoomMetadata(JSON.stringify({ topic: 'ours', [CAST_METADATA_KEY]: { status: 'live', participant: 'alice', since: Date.now() } }));
    await el.updateComplete;
    expect(el.castStatus).to.equal('live');
    session.cast.applyRoomMetadata('{not json');
    expect(el.state.status, 'malformed metadata changes nothing').to.equal('live');
  });

  it('is disabled outside a room, says why, and refuses with not-connected', async () => {
    const el = await fixture<RtcCastControls>(html`<rtc-cast-controls></rtc-cast-controls>`);
    expect(part<HTMLButtonElement>(el, 'start-button').disabled).to.equal(true);
    expect(part(el, 'status').textContent).to.equal('Join a room to broadcast.');
    const error = oneEvent(el, 'rtc-error');
    await el.start('alice');
    expect((await error).detail.code).to.equal('not-connected');
  });

  it('is accessible, live or idle, and speaks Chinese', async () => {
    const { session, el } = await setup(recordingProvider().provider);
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'zh-CN');
    await el.start('alice');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(part(el, 'badge').textContent).to.contain('直播中');
    expect(part(el, 'stop-button').textContent!.trim()).to.equal('停止直播');
    expect(session.cast.state.get().status).to.equal('live');
  });

  it('formats the running time', () => {
    expect(formatElapsed(0)).to.equal('0:00');
    expect(formatElapsed(65_000)).to.equal('1:05');
    expect(formatElapsed(3_725_000)).to.equal('1:02:05');
  });
});
