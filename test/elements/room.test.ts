import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/elements/room/rtc-room.js';
import '../../src/elements/participant-video/rtc-participant-video.js';
import { RtcRoom as RtcRoomClass, type RtcRoom } from '../../src/elements/room/room.js';
import type { RtcParticipantVideo } from '../../src/elements/participant-video/participant-video.js';
import type { RtcConnectionStatus } from '../../src/elements/connection-status/connection-status.js';
import { FakeSession, participant, track } from '../support/fake-session.js';
import { deepQueryAll, settled } from '../support/deep.js';
import type { RtcConference } from '../../src/elements/conference/conference.js';

const shadow = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement;
/** The default conference inside a room. */
const conference = (el: Element) => shadow(el, 'rtc-conference') as RtcConference;
/** What the default conference's status line (an rtc-connection-status) shows. */
const statusText = async (el: Element) => {
  await settled(el);
  const status = shadow(conference(el), '[part="status"]') as RtcConnectionStatus;
  return status.shadowRoot!.querySelector('[part="text"]')!.textContent;
};
/** One of the default control bar's buttons, by the part it has in its element (`microphone`, `leave`…). */
const control = (el: Element, part: string) => {
  const bar = shadow(conference(el), '[part="controls"]');
  const host = bar.shadowRoot!.querySelector(`[part="${part}"]`)!;
  return (host.shadowRoot?.querySelector('button') ?? host) as HTMLButtonElement;
};
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

describe('<rtc-room>', () => {
  it('connects on attach with its attributes, and leaves when removed', async () => {
    const session = new FakeSession();
    const el = await fixture<RtcRoom>(html`
      <rtc-room server-url="ws://127.0.0.1:7880" token-endpoint="/token" room="standup" identity="alice" name="Alice" .session=${session}></rtc-room>
    `);
    await waitUntil(() => el.connectionState === 'connected', 'connected');
    expect(session.calls[0]).to.deep.equal({
      method: 'connect',
      args: [{ serverUrl: 'ws://127.0.0.1:7880', tokenEndpoint: '/token', room: 'standup', identity: 'alice', name: 'Alice' }],
    });
    expect(el.getAttribute('connection-state')).to.equal('connected');
    el.remove();
    await nextTask();
    expect(session.calls.at(-1)!.method).to.equal('leave');
  });

  it('does not connect without a token, nor when manual', async () => {
    const session = new FakeSession();
    await fixture(html`<rtc-room server-url="ws://127.0.0.1:7880" .session=${session}></rtc-room>`);
    const manual = new FakeSession();
    await fixture(html`<rtc-room manual token="t" .session=${manual}></rtc-room>`);
    await nextTask();
    expect(session.calls).to.deep.equal([]);
    expect(manual.calls).to.deep.equal([]);
  });

  it('passes the publish defaults', async () => {
    const session = new FakeSession();
    const el = await fixture<RtcRoom>(html`<rtc-room manual token="t" audio video="hd" .session=${session}></rtc-room>`);
    await el.connect();
    expect((session.calls[0]!.args[0] as { publish: unknown }).publish).to.deep.equal({ audio: true, video: 'hd' });
  });

  it('dispatches every connection state change as a bubbling, composed event', async () => {
    const session = new FakeSession();
    const el = await fixture<RtcRoom>(html`<rtc-room manual .session=${session}></rtc-room>`);
    const seen: string[] = [];
    document.addEventListener('rtc-connection-state-changed', (e) => seen.push(`${e.detail.previous}>${e.detail.state}`));
    for (const state of ['connecting', 'connected', 'reconnecting', 'reconnected', 'failed'] as const) session.setState(state);
    session.setState('kicked', 'kicked');
    expect(seen).to.deep.equal([
      'idle>connecting',
      'connecting>connected',
      'connected>reconnecting',
      'reconnecting>reconnected',
      'reconnected>failed',
      'failed>kicked',
    ]);
    await el.updateComplete;
    expect(el.getAttribute('connection-state')).to.equal('kicked');
    expect(await statusText(el)).to.contain('You were removed from the room');
  });

  it('turns session happenings into typed DOM events', async () => {
    const session = new FakeSession();
    const el = await fixture<RtcRoom>(html`<rtc-room manual .session=${session}></rtc-room>`);
    const cases = [
      ['rtc-participant-joined', 'participant-joined', { identity: 'bob', name: 'Bob' }],
      ['rtc-participant-left', 'participant-left', { identity: 'bob', name: 'Bob' }],
      ['rtc-track-subscribed', 'track-subscribed', { identity: 'bob', source: 'camera', kind: 'video' }],
      ['rtc-track-unsubscribed', 'track-unsubscribed', { identity: 'bob', source: 'camera', kind: 'video' }],
      ['rtc-track-muted', 'track-muted', { identity: 'bob', source: 'microphone', kind: 'audio' }],
      ['rtc-track-unmuted', 'track-unmuted', { identity: 'bob', source: 'microphone', kind: 'audio' }],
    ] as const;
    for (const [domEvent, sessionEvent, detail] of cases) {
      const event = oneEvent(el, domEvent);
      session.emit(sessionEvent, detail as never);
      const received = await event;
      expect(received.detail).to.deep.equal(detail);
      expect(received.bubbles && received.composed).to.equal(true);
    }
  });

  it('renders a default conference: a tile per participant and working controls', async () => {
    const session = new FakeSession();
    session.setParticipants([
      participant('me', { isLocal: true, tracks: [track('camera'), track('microphone')] }),
      participant('alice', { name: 'Alice' }),
    ]);
    const el = await fixture<RtcRoom>(html`<rtc-room manual room="standup" .session=${session}></rtc-room>`);
    session.setState('connected');
    await settled(el);
    const tiles = deepQueryAll<RtcParticipantVideo>(conference(el), 'rtc-participant-video');
    expect(tiles.map((t) => t.participant)).to.deep.equal(['local', 'alice']);
    expect(tiles[1]!.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Alice');

    expect(control(el, 'screen').textContent!.trim()).to.equal('Share screen');
    expect(control(el, 'more-button').textContent!.trim(), 'the layout is a choice in More').to.equal('More');
    expect(control(el, 'chat-button').textContent!.trim()).to.equal('Chat');
    expect(control(el, 'participants-button').textContent!.trim()).to.match(/^Participants/);
    expect(control(el, 'microphone').getAttribute('aria-pressed')).to.equal('true');
    const camera = control(el, 'camera');
    camera.click();
    await waitUntil(() => camera.getAttribute('aria-pressed') === 'false', 'camera shown off');
    expect(session.calls.at(-1)).to.deep.equal({ method: 'setCameraEnabled', args: [false] });
    control(el, 'leave').click();
    await waitUntil(() => el.connectionState === 'disconnected');
  });

  it('lets the person leave a connection that hangs, and try again after a failure, over the stage', async () => {
    const session = new FakeSession();
    session.onConnect = () => new Promise<void>(() => undefined);
    const el = await fixture<RtcRoom>(html`<rtc-room manual .session=${session}></rtc-room>`);
    void el.connect();
    await settled(el);
    expect(shadow(conference(el), '[part="notice"]').textContent!.trim(), 'joining, said over the stage').to.equal('Connecting…');
    const leave = control(el, 'leave');
    expect(leave.disabled, 'leave cancels connecting').to.equal(false);
    leave.click();
    await waitUntil(() => el.connectionState === 'disconnected');

    session.onConnect = async () => session.setState('failed', 'server-unreachable');
    await el.connect();
    await settled(el);
    const notice = shadow(conference(el), '[part="notice"]');
    expect(notice.textContent, 'the failure and why').to.contain('Connection failed');
    const retry = shadow(conference(el), '[part="retry"]') as HTMLButtonElement;
    expect(retry.textContent!.trim()).to.equal('Try again');
    session.onConnect = async () => session.setState('connected');
    retry.click();
    await waitUntil(() => el.connectionState === 'connected', 'connected after trying again');
    expect(session.calls.filter((c) => c.method === 'connect')).to.have.length(3);
  });

  it('shows "Reconnecting" over a dimmed stage, then "Reconnected" for a moment', async () => {
    const session = new FakeSession();
    session.setParticipants([participant('me', { isLocal: true }), participant('alice')]);
    const el = await fixture<RtcRoom>(html`<rtc-room manual .session=${session} style="display: block; width: 800px; height: 500px"></rtc-room>`);
    session.setState('connected');
    await settled(el);
    expect(shadow(conference(el), '[part="notice"]'), 'nothing over a call that is fine').to.equal(null);
    session.setState('reconnecting');
    await settled(el);
    const notice = shadow(conference(el), '[part="notice"]');
    expect(notice.textContent!.trim()).to.equal('Connection lost, reconnecting…');
    const stage = shadow(conference(el), '[part="main"]').getBoundingClientRect();
    const scrim = shadow(conference(el), '.scrim').getBoundingClientRect();
    expect([scrim.width, scrim.height], 'the whole stage dims').to.deep.equal([stage.width, stage.height]);
    session.setState('reconnected');
    await settled(el);
    expect(shadow(conference(el), '[part="notice"]').textContent!.trim()).to.equal('Reconnected');
    expect(shadow(conference(el), '.scrim'), 'the stage is clear again').to.equal(null);
  });

  it('shows problems that do not end the call in the status line', async () => {
    const session = new FakeSession();
    const el = await fixture<RtcRoom>(html`<rtc-room manual .session=${session}></rtc-room>`);
    session.setState('connected');
    session.emit('error', Object.assign(new Error('no camera'), { code: 'device-not-found' as const, name: 'RtcError' }) as never);
    await el.updateComplete;
    expect(await statusText(el)).to.equal('Connected. No camera or microphone was found. Connect one, or join without it.');
    session.setState('disconnected');
    await el.updateComplete;
    expect(await statusText(el), 'leaving clears it').to.equal('You left the room');
  });

  it('gives its session to children that asked before rtc-room was defined', async () => {
    const session = new FakeSession();
    session.setParticipants([participant('alice', { name: 'Alice' })]);
    const late = document.createElement('late-room-test');
    late.innerHTML = '<rtc-participant-video participant="alice"></rtc-participant-video>';
    const child = late.firstElementChild as RtcParticipantVideo;
    document.body.append(late);
    await child.updateComplete;
    expect(child.session, 'no room yet').to.equal(undefined);
    customElements.define('late-room-test', class extends RtcRoomClass {});
    (late as RtcRoom).manual = true;
    (late as RtcRoom).session = session;
    await (late as RtcRoom).updateComplete;
    await waitUntil(() => child.session === session, 'the child found the room once it was defined');
    await child.updateComplete;
    expect(child.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Alice');
    late.remove();
  });

  it('lets the page cancel leaving', async () => {
    const session = new FakeSession();
    const el = await fixture<RtcRoom>(html`<rtc-room manual .session=${session}></rtc-room>`);
    session.setState('connected');
    await settled(el);
    el.addEventListener('rtc-leave-request', (e) => e.preventDefault(), { once: true });
    control(el, 'leave').click();
    await nextTask();
    expect(session.calls.map((c) => c.method)).to.not.include('leave');
    expect(el.connectionState).to.equal('connected');
  });

  it('re-renders only the tiles of participants who changed', async () => {
    const session = new FakeSession();
    const everyone = (speaker: string) =>
      ['alice', 'bob', 'carol'].map((id) => participant(id, { isSpeaking: id === speaker, tracks: [track('microphone')] }));
    session.setParticipants(everyone(''));
    const el = await fixture<RtcRoom>(html`<rtc-room manual .session=${session}></rtc-room>`);
    await settled(el);
    const tiles = deepQueryAll<RtcParticipantVideo>(conference(el), 'rtc-participant-video');
    // Laid out, so a late measurement does not count as a re-render.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await settled(el);
    const renders = new Map<string, number>();
    for (const tile of tiles) {
      const render = (tile as unknown as { render: () => unknown }).render.bind(tile);
      (tile as unknown as { render: () => unknown }).render = () => {
        renders.set(tile.participant, (renders.get(tile.participant) ?? 0) + 1);
        return render();
      };
    }
    session.setParticipants(everyone('bob'));
    await settled(el);
    expect(Object.fromEntries(renders)).to.deep.equal({ bob: 1 });
    expect(tiles[1]!.hasAttribute('speaking')).to.equal(true);
  });

  it('renders its children instead of the default conference, and gives them the session', async () => {
    const session = new FakeSession();
    session.setParticipants([participant('alice', { name: 'Alice' })]);
    const el = await fixture<RtcRoom>(html`
      <rtc-room manual .session=${session}><rtc-participant-video participant="alice"></rtc-participant-video></rtc-room>
    `);
    await el.updateComplete;
    expect(shadow(el, 'rtc-conference')).to.equal(null);
    const child = el.querySelector('rtc-participant-video')!;
    await child.updateComplete;
    expect(child.session).to.equal(session);
    expect(child.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Alice');
  });

  it('keeps two rooms on one page apart', async () => {
    const one = new FakeSession();
    const two = new FakeSession();
    one.setParticipants([participant('alice', { name: 'Alice' })]);
    two.setParticipants([participant('alice', { name: 'Alice in room two' })]);
    const page = await fixture(html`<div>
      <rtc-room manual .session=${one}><rtc-participant-video participant="alice"></rtc-participant-video></rtc-room>
      <rtc-room manual .session=${two}><rtc-participant-video participant="alice"></rtc-participant-video></rtc-room>
    </div>`);
    const [a, b] = [...page.querySelectorAll('rtc-participant-video')];
    await a!.updateComplete;
    await b!.updateComplete;
    expect(a!.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Alice');
    expect(b!.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Alice in room two');
    const joined: string[] = [];
    page.addEventListener('rtc-participant-joined', (e) => joined.push((e.target as HTMLElement) === page.children[0] ? 'one' : 'two'));
    two.emit('participant-joined', { identity: 'bob', name: 'Bob' });
    expect(joined).to.deep.equal(['two']);
  });

  it('dispatches rtc-error with the stable code when connecting fails', async () => {
    const session = new FakeSession();
    session.onConnect = async () => {
      session.setState('failed', 'unauthorized');
      session.emit('error', Object.assign(new Error('token expired'), { code: 'unauthorized' as const, name: 'RtcError' }) as never);
    };
    const el = await fixture<RtcRoom>(html`<rtc-room manual .session=${session}></rtc-room>`);
    const error = oneEvent(el, 'rtc-error');
    await el.connect();
    expect((await error).detail).to.deep.equal({ code: 'unauthorized', message: 'token expired' });
    await el.updateComplete;
    expect(await statusText(el)).to.contain('refused the access token');
  });

  it('is accessible, and speaks Chinese', async () => {
    const session = new FakeSession();
    session.setParticipants([participant('me', { isLocal: true, tracks: [track('microphone')] })]);
    const el = await fixture<RtcRoom>(html`<rtc-room manual lang="zh-CN" .session=${session}></rtc-room>`);
    session.setState('reconnecting');
    await settled(el);
    await expect(el).to.be.accessible();
    const words = ['microphone', 'camera', 'screen', 'chat-button', 'participants-button', 'more-button', 'leave'].map((part) =>
      control(el, part).querySelector('.label')!.textContent!.trim(),
    );
    expect(words).to.deep.equal(['麦克风', '摄像头', '共享屏幕', '聊天', '参会者', '更多', '离开']);
    expect(await statusText(el)).to.equal('连接已断开，正在重连…');
    expect(shadow(conference(el), '[part="notice"]').textContent!.trim()).to.equal('连接已断开，正在重连…');
  });
});

const syntheticAudio = () => new AudioContext().createMediaStreamDestination().stream.getAudioTracks()[0]!;
const roomAudio = (el: Element) => [...el.shadowRoot!.querySelectorAll('audio')].map((a) => (a.srcObject as MediaStream).getAudioTracks()[0]);

describe('<rtc-room> audio', () => {
  it('plays every remote participant’s audio once, whatever the layout shows', async () => {
    const session = new FakeSession();
    const alice = syntheticAudio();
    const bob = syntheticAudio();
    session.setParticipants([
      participant('me', { isLocal: true, tracks: [track('microphone', { mediaStreamTrack: syntheticAudio() })] }),
      participant('alice', { tracks: [track('microphone', { mediaStreamTrack: alice })] }),
      participant('bob', { tracks: [track('microphone', { mediaStreamTrack: bob, muted: true })] }),
    ]);
    // A custom layout that shows Alice twice and Bob not at all.
    const el = await fixture<RtcRoom>(html`<rtc-room manual .session=${session}>
      <rtc-participant-video participant="alice"></rtc-participant-video>
      <rtc-participant-video participant="alice"></rtc-participant-video>
    </rtc-room>`);
    expect(roomAudio(el)).to.have.members([alice, bob]);
    expect(roomAudio(el), 'never your own voice').to.have.length(2);
    session.setParticipants([participant('alice', { tracks: [track('microphone', { mediaStreamTrack: alice })] })]);
    await el.updateComplete;
    expect(roomAudio(el)).to.deep.equal([alice]);
  });

  // Headless Chromium blocks audio before a user gesture, as browsers do on a fresh page.
  it('shows one unlock button when the browser blocks audio, and a real click starts it', async () => {
    const session = new FakeSession();
    session.setParticipants([
      participant('alice', { tracks: [track('microphone', { mediaStreamTrack: syntheticAudio() })] }),
      participant('bob', { tracks: [track('microphone', { mediaStreamTrack: syntheticAudio() })] }),
    ]);
    const element = document.createElement('rtc-room') as RtcRoom;
    element.manual = true;
    element.session = session;
    const errors: string[] = [];
    element.addEventListener('rtc-error', (e) => errors.push(e.detail.code));
    const el = await fixture<RtcRoom>(element);
    const unlock = el.shadowRoot!.querySelector('rtc-audio-unlock')!;
    await waitUntil(() => unlock.hasAttribute('blocked'), 'the unlock button shows');
    expect(errors).to.deep.equal(['autoplay-blocked']);
    await unlock.updateComplete;
    const button = unlock.shadowRoot!.querySelector('button')!;
    expect(button.textContent!.trim()).to.equal('Play audio');
    await expect(el).to.be.accessible();
    const box = button.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await waitUntil(() => !unlock.hasAttribute('blocked'), 'the click starts the audio');
    expect(unlock.getBoundingClientRect().height, 'and the button goes').to.equal(0);
    expect([...el.shadowRoot!.querySelectorAll('audio')].every((a) => !a.paused)).to.equal(true);

    // After that gesture, audio of someone who joins later plays without asking again.
    const carol = syntheticAudio();
    session.setParticipants([...session.participants.get(), participant('carol', { tracks: [track('microphone', { mediaStreamTrack: carol })] })]);
    await el.updateComplete;
    const carolAudio = [...el.shadowRoot!.querySelectorAll('audio')].find((a) => (a.srcObject as MediaStream).getAudioTracks()[0] === carol)!;
    await waitUntil(() => !carolAudio.paused, 'the newcomer is heard');
    expect(unlock.hasAttribute('blocked')).to.equal(false);
  });

  it('announces who joins, leaves, mutes and shares, politely, in the page language, but not your own actions', async () => {
    const session = new FakeSession();
    session.setParticipants([participant('me', { isLocal: true }), participant('alice', { name: 'Alice' })]);
    const el = await fixture<RtcRoom>(html`<rtc-room manual lang="zh-CN" .session=${session}></rtc-room>`);
    const announcer = el.shadowRoot!.querySelector('[part="announcer"]')!;
    expect(announcer.getAttribute('aria-live')).to.equal('polite');
    const said: string[] = [];
    const say = async (happen: () => void) => {
      happen();
      await el.updateComplete;
      said.push(announcer.textContent!);
    };
    await say(() => session.emit('participant-joined', { identity: 'bob', name: 'Bob' }));
    await say(() => session.emit('track-muted', { identity: 'alice', source: 'microphone', kind: 'audio' }));
    await say(() => session.emit('track-unmuted', { identity: 'alice', source: 'camera', kind: 'video' }));
    await say(() => session.emit('track-subscribed', { identity: 'alice', source: 'screen', kind: 'video' }));
    await say(() => session.emit('participant-left', { identity: 'bob', name: 'Bob' }));
    const before = announcer.textContent;
    session.emit('track-muted', { identity: 'me', source: 'microphone', kind: 'audio' });
    await el.updateComplete;
    expect(said).to.deep.equal(['Bob 加入了会议', 'Alice 关闭了麦克风', 'Alice 打开了摄像头', 'Alice 正在共享屏幕', 'Bob 离开了会议']);
    expect(announcer.textContent, 'your own mute is not announced to you').to.equal(before);
    await expect(el).to.be.accessible();
  });
});
