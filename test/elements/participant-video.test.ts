import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/participant-video/rtc-participant-video.js';
import type { RtcParticipantVideo } from '../../src/elements/participant-video/participant-video.js';
import { initialsOf } from '../../src/elements/participant-video/participant-video.js';
import { FakeSession, participant, track } from '../support/fake-session.js';
import { fakeCameraTrack, fakeMicrophoneTrack, waitForFrames } from '../support/media.js';

/** Chromium's breakout-box track: live, and delivers exactly the frames written to it (not in TypeScript's DOM types). */
declare const MediaStreamTrackGenerator: new (init: { kind: 'video' }) => MediaStreamTrack & { writable: WritableStream<VideoFrame> };

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement;

describe('<rtc-participant-video>', () => {
  const tracks: MediaStreamTrack[] = [];
  afterEach(() => tracks.splice(0).forEach((t) => t.stop()));

  it('shows a track given by property, with real frames', async () => {
    const camera = await fakeCameraTrack();
    tracks.push(camera);
    const el = await fixture<RtcParticipantVideo>(html`<rtc-participant-video name="Alice" .track=${camera}></rtc-participant-video>`);
    const video = part(el, 'video') as HTMLVideoElement;
    await waitForFrames(video);
    expect(video.videoWidth).to.be.greaterThan(0);
    expect(el.cameraOff).to.equal(false);
    await waitUntil(() => part(el, 'placeholder').hidden, 'the initials give way to the picture');
    expect(part(el, 'name').textContent).to.equal('Alice');
  });

  it('shows its track again after being moved within the page', async () => {
    const camera = await fakeCameraTrack(320, 240);
    tracks.push(camera);
    const el = await fixture<RtcParticipantVideo>(html`<rtc-participant-video .track=${camera}></rtc-participant-video>`);
    await waitForFrames(part(el, 'video') as HTMLVideoElement);
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await waitForFrames(part(el, 'video') as HTMLVideoElement, 'frames after the move');
    expect((part(el, 'video') as HTMLVideoElement).srcObject).to.not.equal(null);
    elsewhere.remove();
  });

  it('covers a video whose first picture has not arrived with the initials, never a blank box', async () => {
    // A live track that delivers no frame until one is written: a camera still starting, a stream on its way.
    const generator = new MediaStreamTrackGenerator({ kind: 'video' });
    tracks.push(generator);
    const el = await fixture<RtcParticipantVideo>(html`<rtc-participant-video name="Grace Hopper" .track=${generator}></rtc-participant-video>`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await el.updateComplete;
    expect(el.cameraOff, 'there is a video').to.equal(false);
    expect(part(el, 'placeholder').hidden, 'but no picture yet: the initials show').to.equal(false);
    expect(part(el, 'initials').textContent).to.equal('GH');
    const writer = generator.writable.getWriter();
    const canvas = new OffscreenCanvas(64, 36);
    canvas.getContext('2d')!.fillRect(0, 0, 64, 36);
    const timer = setInterval(() => {
      const frame = new VideoFrame(canvas, { timestamp: performance.now() * 1000 });
      void writer.write(frame);
    }, 50);
    try {
      await waitUntil(() => part(el, 'placeholder').hidden, 'the first picture replaces the initials');
    } finally {
      clearInterval(timer);
      writer.releaseLock();
    }
  });

  it('shows initials instead of video when there is no track', async () => {
    const el = await fixture<RtcParticipantVideo>(html`<rtc-participant-video name="Grace Hopper"></rtc-participant-video>`);
    expect(el.hasAttribute('camera-off')).to.equal(true);
    expect(part(el, 'placeholder').hidden).to.equal(false);
    expect(part(el, 'initials').textContent).to.equal('GH');
  });

  it('marks a weak connection, in words for screen readers, and nothing while it is good', async () => {
    const session = new FakeSession();
    session.setParticipants([participant('alice', { name: 'Alice', connectionQuality: 'good' })]);
    const el = await fixture<RtcParticipantVideo>(html`<rtc-participant-video participant="alice" .session=${session}></rtc-participant-video>`);
    expect(el.getAttribute('connection-quality')).to.equal('good');
    expect(part(el, 'quality')).to.equal(null);
    session.setParticipants([participant('alice', { name: 'Alice', connectionQuality: 'poor' })]);
    await el.updateComplete;
    expect(el.getAttribute('connection-quality')).to.equal('poor');
    expect(part(el, 'quality').getAttribute('aria-label')).to.equal('Connection poor');
    await expect(el).to.be.accessible();
    session.setParticipants([participant('alice', { name: 'Alice', connectionQuality: 'lost' })]);
    await el.updateComplete;
    expect(part(el, 'quality').getAttribute('aria-label')).to.equal('Connection lost');
  });

  it('makes initials from one or two words, Chinese names included', () => {
    expect(initialsOf('ada')).to.equal('A');
    expect(initialsOf('  Ada   Lovelace  King')).to.equal('AL');
    expect(initialsOf('张伟')).to.equal('张');
    expect(initialsOf('')).to.equal('?');
  });

  describe('inside a room session', () => {
    it('follows a remote participant: video, speaking, mic muted, camera off', async () => {
      const session = new FakeSession();
      const camera = await fakeCameraTrack(320, 240);
      tracks.push(camera);
      session.setParticipants([
        participant('alice', { name: 'Alice', isSpeaking: true, tracks: [track('camera', { mediaStreamTrack: camera }), track('microphone', { muted: true })] }),
      ]);
      const el = await fixture<RtcParticipantVideo>(html`<rtc-participant-video participant="alice" .session=${session}></rtc-participant-video>`);
      await waitForFrames(part(el, 'video') as HTMLVideoElement);
      expect(el.hasAttribute('speaking')).to.equal(true);
      expect(el.hasAttribute('muted')).to.equal(true);
      expect(part(el, 'mic-muted').getAttribute('aria-label')).to.equal('Microphone muted');
      expect(el.hasAttribute('mirrored'), 'remote video is not mirrored').to.equal(false);

      session.setParticipants([participant('alice', { name: 'Alice', tracks: [track('camera', { muted: true, mediaStreamTrack: camera })] })]);
      await el.updateComplete;
      expect(el.hasAttribute('camera-off')).to.equal(true);
      expect(el.hasAttribute('speaking')).to.equal(false);
      expect(part(el, 'placeholder').hidden).to.equal(false);
    });

    it('shows your own camera mirrored, labelled "You", and plays no audio of yours', async () => {
      const session = new FakeSession();
      const camera = await fakeCameraTrack(320, 240);
      const microphone = await fakeMicrophoneTrack();
      tracks.push(camera, microphone);
      session.setParticipants([
        participant('me', { name: '', isLocal: true, tracks: [track('camera', { mediaStreamTrack: camera }), track('microphone', { mediaStreamTrack: microphone })] }),
      ]);
      const el = await fixture<RtcParticipantVideo>(html`<rtc-participant-video participant="local" .session=${session}></rtc-participant-video>`);
      await waitForFrames(part(el, 'video') as HTMLVideoElement);
      expect(el.hasAttribute('mirrored')).to.equal(true);
      expect(part(el, 'name').textContent).to.equal('You');
      expect(el.shadowRoot!.querySelector('audio')).to.equal(null);
    });

    it('says "(you)" after your own name, and colours each person’s initials from their identity', async () => {
      const session = new FakeSession();
      session.setParticipants([participant('me', { name: 'Ming Li', isLocal: true }), participant('alice', { name: 'Alice' }), participant('bob', { name: 'Bob' })]);
      const page = await fixture(html`<div>
        <rtc-participant-video participant="local" .session=${session}></rtc-participant-video>
        <rtc-participant-video participant="alice" .session=${session}></rtc-participant-video>
        <rtc-participant-video participant="bob" .session=${session}></rtc-participant-video>
      </div>`);
      const [me, alice, bob] = [...page.querySelectorAll<RtcParticipantVideo>('rtc-participant-video')];
      await Promise.all([me, alice, bob].map((tile) => tile!.updateComplete));
      expect(part(me!, 'name').textContent).to.equal('Ming Li (you)');
      expect(part(alice!, 'name').textContent).to.equal('Alice');
      const colour = (tile: Element) => getComputedStyle(part(tile, 'initials')).backgroundColor;
      expect(colour(alice!), 'each their own colour').to.not.equal(colour(bob!));
      await expect(page).to.be.accessible();
    });

    it('says beside an AI agent’s name that it is one, and nothing beside a person’s', async () => {
      const session = new FakeSession();
      session.setParticipants([participant('notes', { name: 'Note taker', kind: 'agent' }), participant('alice', { name: 'Alice' })]);
      const page = await fixture(html`<div>
        <rtc-participant-video participant="notes" .session=${session}></rtc-participant-video>
        <rtc-participant-video participant="alice" .session=${session} lang="zh-CN"></rtc-participant-video>
      </div>`);
      const [agent, person] = [...page.querySelectorAll<RtcParticipantVideo>('rtc-participant-video')];
      await Promise.all([agent!.updateComplete, person!.updateComplete]);
      expect(part(agent!, 'agent-badge').textContent).to.equal('AI agent');
      expect(part(agent!, 'name').textContent).to.equal('Note taker');
      expect(part(person!, 'agent-badge')).to.equal(null);
      await expect(page).to.be.accessible();
    });

    it('leaves audio to the room: a tile in a room has no audio of its own', async () => {
      const session = new FakeSession();
      const microphone = new AudioContext().createMediaStreamDestination().stream.getAudioTracks()[0]!;
      session.setParticipants([participant('bob', { tracks: [track('microphone', { mediaStreamTrack: microphone })] })]);
      const el = await fixture<RtcParticipantVideo>(html`<rtc-participant-video participant="bob" .session=${session}></rtc-participant-video>`);
      expect(el.shadowRoot!.querySelector('audio')).to.equal(null);
      expect(el.hasAttribute('muted')).to.equal(false);
      microphone.stop();
    });
  });

  it('is accessible', async () => {
    const el = await fixture(html`<rtc-participant-video name="Alice"></rtc-participant-video>`);
    await expect(el).to.be.accessible();
  });

  it('speaks Chinese when the page does', async () => {
    const session = new FakeSession();
    session.setParticipants([participant('me', { name: '', isLocal: true, tracks: [track('microphone', { muted: true })] })]);
    const el = await fixture<RtcParticipantVideo>(html`<div lang="zh-CN"><rtc-participant-video participant="local" .session=${session}></rtc-participant-video></div>`);
    const video = el.querySelector('rtc-participant-video')!;
    await video.updateComplete;
    expect(part(video, 'name').textContent).to.equal('我');
    expect(part(video, 'mic-muted').getAttribute('aria-label')).to.equal('麦克风已静音');
  });
});
