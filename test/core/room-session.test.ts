import { expect, waitUntil } from '@open-wc/testing';
import { ConnectionError, DisconnectReason, RoomEvent, Track } from 'livekit-client';
import { LocalMedia } from '../../src/core/local-media.js';
import { RECONNECTED_SETTLES_MS, RoomSession } from '../../src/core/room-session.js';
import type { ConnectionState, SessionEventMap } from '../../src/core/types.js';
import { FakeLivekitRoom, FakeRemoteParticipant, fakeToken } from '../support/fake-livekit-room.js';
import { countCaptures } from '../support/media.js';

function setup() {
  const room = new FakeLivekitRoom();
  const session = new RoomSession({ createRoom: () => room.asRoom() });
  const states: ConnectionState[] = [];
  session.connection.subscribe((status) => states.push(status.state));
  const events: { type: keyof SessionEventMap; detail: unknown }[] = [];
  for (const type of ['participant-joined', 'participant-left', 'track-subscribed', 'track-unsubscribed', 'track-muted', 'track-unmuted', 'error'] as const) {
    session.on(type, (detail) => events.push({ type, detail }));
  }
  return { room, session, states, events };
}

const tick = () => new Promise((resolve) => setTimeout(resolve));

describe('RoomSession connection states', () => {
  it('goes idle → connecting → connected, and leaves to disconnected', async () => {
    const { room, session, states } = setup();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken(), room: 'standup' });
    expect(room.connectCalls[0]!.url).to.equal('ws://127.0.0.1:7880');
    expect(session.roomName.get()).to.equal('fake-room');
    await session.leave();
    expect(room.disconnectCalls).to.equal(1);
    expect(states).to.deep.equal(['idle', 'connecting', 'connected', 'disconnected']);
    expect(room.listenerCount(), 'no listener left on the old room').to.equal(0);
  });

  it('reports reconnecting and reconnected, which settles back to connected a few seconds later', async function () {
    this.timeout(RECONNECTED_SETTLES_MS + 5000);
    const { room, session, states } = setup();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    room.emit(RoomEvent.Reconnecting);
    room.emit(RoomEvent.Reconnected);
    expect(states.slice(-2)).to.deep.equal(['reconnecting', 'reconnected']);
    await new Promise((resolve) => setTimeout(resolve, RECONNECTED_SETTLES_MS + 200));
    expect(states.slice(-3)).to.deep.equal(['reconnecting', 'reconnected', 'connected']);
    expect(session.connection.get()).to.deep.equal({ state: 'connected', previous: 'reconnected' });
    // A new drop before it settles: no "connected" in the middle of reconnecting.
    room.emit(RoomEvent.Reconnecting);
    room.emit(RoomEvent.Reconnected);
    room.emit(RoomEvent.Reconnecting);
    await new Promise((resolve) => setTimeout(resolve, RECONNECTED_SETTLES_MS + 200));
    expect(session.connection.get().state).to.equal('reconnecting');
    await session.leave();
  });

  it('fails with reconnect-failed when the reconnection gives up', async () => {
    const { room, session, events } = setup();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    room.emit(RoomEvent.Reconnecting);
    room.emit(RoomEvent.Disconnected, DisconnectReason.SIGNAL_CLOSE);
    expect(session.connection.get()).to.include({ state: 'failed', previous: 'reconnecting', reason: 'reconnect-failed' });
    expect(events.at(-1)).to.deep.include({ type: 'error' });
  });

  const removals: [DisconnectReason, string][] = [
    [DisconnectReason.PARTICIPANT_REMOVED, 'kicked'],
    [DisconnectReason.DUPLICATE_IDENTITY, 'duplicate-identity'],
    [DisconnectReason.ROOM_DELETED, 'room-closed'],
  ];
  for (const [reason, code] of removals) {
    it(`is kicked (${code}) when the server removes us with ${DisconnectReason[reason]}`, async () => {
      const { room, session } = setup();
      await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
      room.emit(RoomEvent.Disconnected, reason);
      expect(session.connection.get()).to.include({ state: 'kicked', reason: code });
    });
  }

  it('fails with unauthorized when the server refuses the token', async () => {
    const { room, session, events } = setup();
    room.connectImpl = async () => {
      throw ConnectionError.notAllowed('invalid token', 401);
    };
    const failure = await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() }).catch((e) => e);
    expect(failure.code).to.equal('unauthorized');
    expect(session.connection.get()).to.include({ state: 'failed', reason: 'unauthorized' });
    expect(events).to.have.length(1);
  });

  it('fails with invalid-url before touching the network', async () => {
    const { room, session } = setup();
    const failure = await session.connect({ serverUrl: 'not a url', token: fakeToken() }).catch((e) => e);
    expect(failure.code).to.equal('invalid-url');
    expect(room.connectCalls).to.have.length(0);
  });

  it('fails with missing-token, and rejects an expired token', async () => {
    const { session } = setup();
    expect((await session.connect({ serverUrl: 'ws://127.0.0.1:7880' }).catch((e) => e)).code).to.equal('missing-token');
    const expired = fakeToken({ exp: Math.floor(Date.now() / 1000) - 60 });
    expect((await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: expired }).catch((e) => e)).code).to.equal('unauthorized');
  });

  it('asks a token function with the room and identity, and uses the server it returns', async () => {
    const { room, session } = setup();
    const asked: unknown[] = [];
    await session.connect({
      room: 'standup',
      identity: 'alice',
      token: async (request) => {
        asked.push(request);
        return { token: fakeToken(), serverUrl: 'wss://rtc.example.test' };
      },
    });
    expect(asked[0]).to.deep.include({ room: 'standup', identity: 'alice' });
    expect(room.connectCalls[0]!.url).to.equal('wss://rtc.example.test');
  });

  it('POSTs to a token endpoint and accepts LiveKit field names', async () => {
    const { room, session } = setup();
    const realFetch = globalThis.fetch;
    let body: Record<string, unknown> = {};
    globalThis.fetch = (async (_url: string, init: RequestInit) => {
      body = JSON.parse(String(init.body));
      return new Response(JSON.stringify({ participant_token: fakeToken(), server_url: 'ws://127.0.0.1:7999' }));
    }) as typeof fetch;
    try {
      await session.connect({ tokenEndpoint: '/token', room: 'standup', name: 'Alice' });
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(body).to.deep.include({ room: 'standup', name: 'Alice', room_name: 'standup' });
    expect(room.connectCalls[0]!.url).to.equal('ws://127.0.0.1:7999');
  });

  it('fails with token-fetch-failed when the endpoint errors', async () => {
    const { session } = setup();
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () => new Response('boom', { status: 500 })) as typeof fetch;
    try {
      const failure = await session.connect({ tokenEndpoint: '/token', serverUrl: 'ws://127.0.0.1:7880' }).catch((e) => e);
      expect(failure.code).to.equal('token-fetch-failed');
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('ends in disconnected, not failed, when left while connecting', async () => {
    const { room, session } = setup();
    let release: () => void = () => undefined;
    room.connectImpl = () => new Promise<void>((resolve) => (release = resolve));
    const connecting = session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    await tick();
    await session.leave();
    release();
    await connecting;
    expect(session.connection.get().state).to.equal('disconnected');
  });
});

describe('RoomSession participants and tracks', () => {
  it('lists remote participants in join order and reports joins and departures', async () => {
    const { room, session, events } = setup();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    room.addRemote('alice', 'Alice');
    room.addRemote('bob', 'Bob');
    await tick();
    expect(session.participants.get().map((p) => p.identity)).to.deep.equal(['me', 'alice', 'bob']);
    room.removeRemote('alice');
    await tick();
    expect(session.participants.get().map((p) => p.identity)).to.deep.equal(['me', 'bob']);
    expect(events.map((e) => [e.type, (e.detail as { identity: string }).identity])).to.deep.equal([
      ['participant-joined', 'alice'],
      ['participant-joined', 'bob'],
      ['participant-left', 'alice'],
    ]);
  });

  it('tells of everyone already in the room on joining, one initial participant-joined each, as livekit lists them', async () => {
    const { room, session, events } = setup();
    // livekit puts those present in the room during the join, without a ParticipantConnected for them.
    room.connectImpl = async () => {
      for (const [identity, name] of [['alice', 'Alice'], ['bob', '']] as const) room.remoteParticipants.set(identity, new FakeRemoteParticipant(identity, name));
    };
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    expect(events.map((e) => e.detail)).to.deep.equal([
      { identity: 'alice', name: 'Alice', initial: true },
      { identity: 'bob', name: 'bob', initial: true },
    ]);
    room.addRemote('carol', 'Carol');
    expect(events.at(-1)!.detail, 'a later arrival is not initial').to.deep.equal({ identity: 'carol', name: 'Carol' });
  });

  it('reports track subscribed, muted and unsubscribed with the source and kind', async () => {
    const { room, session, events } = setup();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    const alice = room.addRemote('alice');
    const publication = { trackSid: 'TR_1', source: Track.Source.Camera, kind: 'video', isMuted: false, isSubscribed: true };
    alice.trackPublications.set('TR_1', publication);
    room.emit(RoomEvent.TrackSubscribed, {}, publication, alice);
    publication.isMuted = true;
    room.emit(RoomEvent.TrackMuted, publication, alice);
    room.emit(RoomEvent.TrackUnsubscribed, {}, publication, alice);
    await tick();
    const detail = { identity: 'alice', source: 'camera', kind: 'video' };
    expect(events.slice(1)).to.deep.equal([
      { type: 'track-subscribed', detail },
      { type: 'track-muted', detail },
      { type: 'track-unsubscribed', detail },
    ]);
    expect(session.participants.get()[1]!.tracks[0]).to.include({ source: 'camera', muted: true });
  });

  it('subscribes and unsubscribes a remote track on request', async () => {
    const { room, session } = setup();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken(), autoSubscribe: false });
    expect(room.connectCalls[0]!.options).to.deep.include({ autoSubscribe: false });
    const alice = room.addRemote('alice');
    const asked: boolean[] = [];
    alice.trackPublications.set('TR_1', {
      trackSid: 'TR_1', source: Track.Source.Microphone, kind: 'audio', isMuted: false, isSubscribed: false,
      setSubscribed: (subscribed: boolean) => asked.push(subscribed),
    });
    session.setSubscribed('alice', 'microphone', true);
    session.setSubscribed('alice', 'microphone', false);
    expect(asked).to.deep.equal([true, false]);
  });
});

describe('RoomSession publishing', () => {
  it('publishes the attached local media on join without capturing again', async () => {
    const { room, session } = setup();
    const media = new LocalMedia();
    await media.start({ video: 'low', audio: true });
    const camera = media.camera.get()!.track;
    session.useLocalMedia(media);
    const captures = await countCaptures(async () => {
      await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
      await waitUntil(() => room.published.length === 2, 'camera and microphone published');
    });
    media.stop();
    expect(captures, 'no second camera prompt').to.equal(0);
    expect(room.published.map((p) => p.track)).to.include(camera);
    expect(room.published.map((p) => p.source)).to.have.members([Track.Source.Camera, Track.Source.Microphone]);
  });

  it('unpublishes a source without stopping its capture, and publishes it again', async () => {
    const { room, session } = setup();
    const media = new LocalMedia();
    await media.start({ video: 'low' });
    session.useLocalMedia(media);
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    await waitUntil(() => room.published.length === 1);
    await session.unpublish('camera');
    expect(room.published).to.have.length(0);
    expect(media.camera.get()!.mediaStreamTrack.readyState).to.equal('live');
    await session.publish('camera');
    expect(room.published).to.have.length(1);
    media.stop();
  });

  it('captures and publishes the room defaults when no preview gives media, and stops them on leave', async () => {
    const { room, session } = setup();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken(), publish: { video: 'low' } });
    await waitUntil(() => room.published.length === 1, 'the camera is published');
    const track = session.localMedia.get()!.camera.get()!.mediaStreamTrack;
    expect(session.participants.get()[0]!.tracks.map((t) => t.source)).to.deep.equal(['camera']);
    await session.leave();
    expect(track.readyState).to.equal('ended');
    expect(session.localMedia.get()).to.equal(undefined);
  });
});

describe('RoomSession across leaving, overlapping connects and reconnects', () => {
  it('keeps the preview capture running after leaving, and publishes the same tracks on rejoin', async () => {
    const { room, session } = setup();
    const media = new LocalMedia();
    await media.start({ video: 'low', audio: true });
    session.useLocalMedia(media);
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    await waitUntil(() => room.published.length === 2, 'published');
    const camera = media.camera.get()!.mediaStreamTrack;
    await session.leave();
    expect(camera.readyState, 'the preview still shows the camera').to.equal('live');
    expect(media.camera.get()!.enabled).to.equal(true);
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    await waitUntil(() => room.published.length === 2, 'published again');
    expect(room.published.map((p) => p.track.mediaStreamTrack)).to.include(camera);
    media.stop();
  });

  it('lets the newest of two overlapping connects win and leaves no ghost room behind', async () => {
    const rooms: FakeLivekitRoom[] = [];
    const session = new RoomSession({
      createRoom: () => {
        const room = new FakeLivekitRoom();
        rooms.push(room);
        return room.asRoom();
      },
    });
    let releaseToken: (token: string) => void = () => undefined;
    const slowToken = new Promise<string>((resolve) => (releaseToken = resolve));
    const first = session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: async () => ({ token: await slowToken }) });
    const second = session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    await second;
    releaseToken(fakeToken());
    await first;
    expect(rooms).to.have.length(1);
    expect(rooms[0]!.connected).to.equal(true);
    expect(session.connection.get().state).to.equal('connected');

    const joined: string[] = [];
    session.on('participant-joined', (p) => joined.push(p.identity));
    rooms[0]!.addRemote('alice');
    expect(joined, 'reported once').to.deep.equal(['alice']);
  });

  it('disconnects a room whose connect finished just as leave() was called', async () => {
    const { room, session } = setup();
    room.cancelConnectOnDisconnect = false;
    let finish: () => void = () => undefined;
    room.connectImpl = () => new Promise<void>((resolve) => (finish = resolve));
    const connecting = session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    await tick();
    await session.leave();
    finish();
    await connecting;
    expect(room.connected, 'no ghost participant left in the room').to.equal(false);
    expect(room.disconnectCalls).to.equal(2);
    expect(session.connection.get().state).to.equal('disconnected');
  });

  it('does not report everyone leaving and rejoining around a full reconnect', async () => {
    const { room, session, events } = setup();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    const alice = room.addRemote('alice');
    const bob = room.addRemote('bob');
    events.splice(0);
    // livekit-client's order on a full reconnect: unwind everyone, announce reconnecting, rebuild the
    // participants from the new join, announce reconnected, then emit the joins it buffered meanwhile.
    room.remoteParticipants.clear();
    room.emit(RoomEvent.ParticipantDisconnected, alice);
    room.emit(RoomEvent.ParticipantDisconnected, bob);
    room.emit(RoomEvent.Reconnecting);
    await tick();
    room.remoteParticipants.set('alice', alice);
    room.emit(RoomEvent.Reconnected);
    room.emit(RoomEvent.ParticipantConnected, alice);
    await tick();
    expect(events.map((e) => `${e.type}:${(e.detail as { identity: string }).identity}`)).to.deep.equal(['participant-left:bob']);
    expect(session.participants.get().map((p) => p.identity)).to.deep.equal(['me', 'alice']);
  });

  it('forgets who was missing during a reconnect when the person leaves instead', async () => {
    const { room, session, events } = setup();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    const alice = room.addRemote('alice');
    room.remoteParticipants.clear();
    room.emit(RoomEvent.ParticipantDisconnected, alice);
    room.emit(RoomEvent.Reconnecting);
    await tick();
    await session.leave();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    events.splice(0);
    room.addRemote('alice');
    expect(events.map((e) => e.type)).to.deep.equal(['participant-joined']);
  });

  it('joins cleanly when connect() follows leave() before the old room has closed', async () => {
    const { room, session, states, events } = setup();
    room.disconnectDelayMs = 200;
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken(), publish: { video: 'low' } });
    await waitUntil(() => room.published.length === 1, 'published');
    void session.leave();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken(), publish: { video: 'low' } });
    await waitUntil(() => room.published.length === 1, 'the new capture is published');
    expect(room.published[0]!.track.mediaStreamTrack.readyState, 'not stopped by the old leave').to.equal('live');
    expect(states.slice(-3)).to.deep.equal(['disconnected', 'connecting', 'connected']);
    expect(events.filter((e) => e.type === 'error')).to.have.length(0);
    await session.leave();
  });

  it('publishes a camera turned on while reconnecting once reconnected', async () => {
    const { room, session } = setup();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    room.emit(RoomEvent.Reconnecting);
    await session.setCameraEnabled(true);
    expect(room.published).to.have.length(0);
    room.emit(RoomEvent.Reconnected);
    await waitUntil(() => room.published.length === 1, 'published after reconnecting');
    await session.leave();
  });

  it('stops its own capture when the connection fails', async () => {
    const { room, session } = setup();
    room.connectImpl = async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      throw ConnectionError.notAllowed('bad token', 401);
    };
    const failing = session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken(), publish: { video: 'low' } });
    await waitUntil(() => session.localMedia.get()?.camera.get(), 'the room captured its camera');
    const camera = session.localMedia.get()!.camera.get()!.mediaStreamTrack;
    await failing.catch(() => undefined);
    expect(camera.readyState, 'camera light off under "Connection failed"').to.equal('ended');
  });

  it('forgets the cast and the token after leaving', async () => {
    const { room, session } = setup();
    await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
    room.emit(RoomEvent.RoomMetadataChanged, JSON.stringify({ 'rtc.cast': { status: 'live', participant: 'me', since: 1 } }));
    expect(session.cast.state.get().status).to.equal('live');
    await session.leave();
    expect(session.cast.state.get().status).to.equal('idle');
    session.cast.provider = { request: async () => undefined };
    const failure = await session.cast.start('me').catch((e) => e);
    expect(failure.code, 'no request goes out with a stale room or token').to.equal('not-connected');
  });

  it('keeps the state machine running when a page listener throws', async () => {
    const { session } = setup();
    // Mocha fails a test on any uncaught error through window.onerror: take it over for this test only.
    const mochaOnError = window.onerror;
    const thrown: string[] = [];
    window.onerror = (message) => {
      thrown.push(String(message));
      return true;
    };
    try {
      session.connection.subscribe(({ state }) => {
        if (state === 'connected') throw new Error('a broken page listener');
      });
      await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: fakeToken() });
      expect(session.connection.get().state).to.equal('connected');
      await waitUntil(() => thrown.length > 0, 'the error still reaches the page');
      expect(thrown[0]).to.contain('a broken page listener');
    } finally {
      window.onerror = mochaOnError;
      await session.leave();
    }
  });

  it('gives up on a token function that never answers', async () => {
    const realSetTimeout = window.setTimeout.bind(window);
    const { session } = setup();
    // Make the 20 s token timeout pass at once.
    window.setTimeout = ((fn: () => void, ms?: number) => realSetTimeout(fn, ms && ms >= 20_000 ? 0 : ms)) as typeof setTimeout;
    try {
      const failure = await session.connect({ serverUrl: 'ws://127.0.0.1:7880', token: () => new Promise(() => undefined) }).catch((e) => e);
      expect(failure.code).to.equal('connection-timeout');
      expect(session.connection.get().state).to.equal('failed');
    } finally {
      window.setTimeout = realSetTimeout;
    }
  });
});
