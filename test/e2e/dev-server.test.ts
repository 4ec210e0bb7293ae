import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  AddTrackRequest,
  DataPacket_Kind,
  MuteTrackRequest,
  SessionDescription,
  SignalRequest,
  SignalTarget,
  TrickleRequest,
  UpdateParticipantMetadata,
} from '@livekit/protocol';
import { RoomEvent, Track, type RemoteVideoTrack, type RpcError } from 'livekit-client';
import { RoomSession } from '../../src/core/room-session.js';
import '../../src/define.js';
import type { ParticipantEventDetail } from '../../src/core/types.js';
import { framesIn, waitForFrames } from '../support/media.js';
import { deepQuery } from '../support/deep.js';
import { HELLO_TOPIC, RECEIPT_TOPIC } from '../../src/core/delivery.js';

// Real livekit-client 2.23.0 against the kit's dev server (server/), started by the test runner on 127.0.0.1.

interface TokenOptions {
  room: string;
  identity: string;
  name?: string;
  apiSecret?: string;
  grants?: Record<string, unknown>;
}

/** The sessions' own delivery notes (hello, receipts), beside the data a test sends. */
const isKitNote = (topic: string | undefined) => topic === HELLO_TOPIC || topic === RECEIPT_TOPIC;
const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: TokenOptions) => executeServerCommand('dev-server-token', options) as Promise<string>;
let roomCounter = 0;
const uniqueRoom = () => `room-${Date.now()}-${roomCounter++}`;

// Every session a test joins is left after it, whatever happened.
const sessions: RoomSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.leave()));
});

interface JoinOptions {
  name?: string;
  publish?: { video?: 'low' | 'standard'; audio?: boolean };
  /** Runs before connecting, to listen from the very start. */
  before?: (session: RoomSession) => void;
}

async function join(room: string, identity: string, { name = identity, publish, before }: JoinOptions = {}): Promise<RoomSession> {
  const session = new RoomSession();
  sessions.push(session);
  before?.(session);
  await session.connect({ serverUrl: await serverUrl(), token: await token({ room, identity, name }), ...(publish ? { publish } : {}) });
  return session;
}

/** What `viewer` receives of `identity`'s camera. */
const cameraOf = (viewer: RoomSession, identity: string) =>
  viewer.participants.get().find((p) => p.identity === identity)?.tracks.find((t) => t.source === 'camera');

/** Alice publishes a simulcast camera and Bob receives it: the start of most media tests. */
async function callWithCamera(room: string, bobOptions: JoinOptions = {}) {
  const alice = await join(room, 'alice', { publish: { video: 'standard' } });
  const bob = await join(room, 'bob', bobOptions);
  await waitUntil(() => cameraOf(bob, 'alice')?.mediaStreamTrack, 'bob receives the camera', { timeout: 15000 });
  return { alice, bob };
}

/** Asserts that a received track shows decoded frames. */
async function expectFrames(track: MediaStreamTrack | undefined, message: string): Promise<void> {
  expect(track, message).to.exist;
  (await framesIn(track!, message)).remove();
}

describe('dev server: signalling with the real livekit-client', () => {
  it('lets a participant join a room that did not exist, and leave', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice', { name: 'Alice' });
    expect(alice.connection.get().state).to.equal('connected');
    expect(alice.roomName.get()).to.equal(room);
    expect(alice.participants.get().map((p) => [p.identity, p.name, p.isLocal])).to.deep.equal([['alice', 'Alice', true]]);
    await alice.leave();
    expect(alice.connection.get().state).to.equal('disconnected');
  });

  it('tells participants who joins and who leaves, and keeps rooms apart', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice', { name: 'Alice' });
    const joined: ParticipantEventDetail[] = [];
    const left: ParticipantEventDetail[] = [];
    alice.on('participant-joined', (p) => joined.push(p));
    alice.on('participant-left', (p) => left.push(p));
    const bob = await join(room, 'bob', { name: 'Bob' });
    const elsewhere = await join(uniqueRoom(), 'carol', { name: 'Carol' });
    await waitUntil(() => joined.length === 1, 'alice hears that bob joined');
    expect(joined).to.deep.equal([{ identity: 'bob', name: 'Bob' }]);
    expect(bob.participants.get().map((p) => p.identity)).to.deep.equal(['bob', 'alice']);
    expect(elsewhere.participants.get().map((p) => p.identity), 'another room sees nobody').to.deep.equal(['carol']);
    await bob.leave();
    await waitUntil(() => left.length === 1, 'alice hears that bob left');
    expect(left).to.deep.equal([{ identity: 'bob', name: 'Bob' }]);
    await waitUntil(() => alice.participants.get().length === 1, 'bob is gone from the list');
  });

  it('hands out tokens from its own endpoint in dev mode, which a session joins with', async () => {
    const url = await serverUrl();
    const room = uniqueRoom();
    const session = new RoomSession();
    sessions.push(session);
    await session.connect({ tokenEndpoint: `${url.replace(/^ws/, 'http')}/token`, room, identity: 'dora', name: 'Dora' });
    expect(session.roomName.get()).to.equal(room);
    expect(session.participants.get().map((p) => [p.identity, p.name])).to.deep.equal([['dora', 'Dora']]);
    const viaGet = await fetch(`${url.replace(/^ws/, 'http')}/token?identity=eve`);
    expect(viaGet.status, 'a room is required').to.equal(400);
  });

  it('refuses a forged token with unauthorized, quickly', async () => {
    const session = new RoomSession();
    const forged = await token({ room: uniqueRoom(), identity: 'mallory', apiSecret: 'not-the-server-secret' });
    const started = performance.now();
    const failure = await session.connect({ serverUrl: await serverUrl(), token: forged }).catch((e) => e);
    expect(failure.code).to.equal('unauthorized');
    expect(failure.message).to.contain('signature');
    expect(performance.now() - started, 'no hang').to.be.below(5000);
    expect(session.connection.get()).to.include({ state: 'failed', reason: 'unauthorized' });
  });

  it('refuses a participant over the room limit with room-full, quickly, and admits them once there is room', async () => {
    const { url } = (await executeServerCommand('dev-server-small')) as { url: string };
    const room = uniqueRoom();
    const joinSmall = async (identity: string) => {
      const session = new RoomSession();
      sessions.push(session);
      await session.connect({ serverUrl: url, token: await token({ room, identity }) });
      return session;
    };
    const alice = await joinSmall('alice');
    await joinSmall('bob');
    const started = performance.now();
    const failure = await joinSmall('carol').catch((error) => error);
    expect(failure.code).to.equal('room-full');
    expect(failure.message).to.contain('full');
    expect(performance.now() - started, 'no hang').to.be.below(5000);
    await alice.leave();
    const carol = await joinSmall('carol');
    expect(carol.participants.get().map((p) => p.identity)).to.deep.equal(['carol', 'bob']);
  });

  it('refuses a token that does not grant joining', async () => {
    const session = new RoomSession();
    const failure = await session
      .connect({ serverUrl: await serverUrl(), token: await token({ room: uniqueRoom(), identity: 'eve', grants: { roomJoin: false } }) })
      .catch((e) => e);
    expect(failure.code).to.equal('unauthorized');
    expect(failure.message).to.contain('roomJoin');
  });

  it('drops the first connection when the same identity joins again', async () => {
    const room = uniqueRoom();
    const first = await join(room, 'alice');
    await join(room, 'alice');
    await waitUntil(() => first.connection.get().state === 'kicked', 'the first connection is told');
    expect(first.connection.get().reason).to.equal('duplicate-identity');
    // The room lives on with the new connection: someone joining next meets it there.
    const bob = await join(room, 'bob');
    expect(bob.participants.get().map((p) => p.identity)).to.deep.equal(['bob', 'alice']);
  });

  it('closes only the socket that sends garbage', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice');
    const url = `${await serverUrl()}/rtc?access_token=${await token({ room, identity: 'fuzzer' })}`;
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const closed = new Promise((resolve) => (socket.onclose = resolve));
    for (let i = 0; i < 200; i++) socket.send(new Uint8Array(Array.from({ length: 64 }, () => (Math.random() * 256) | 0)));
    await closed;
    const bob = await join(room, 'bob');
    expect(bob.participants.get().map((p) => p.identity)).to.include('alice');
    expect(alice.connection.get().state).to.equal('connected');
  });
});

describe('dev server: media', () => {
  // 'standard' (640x480) makes livekit-client publish three simulcast layers, as most real calls do.
  it('forwards a simulcast camera and a microphone to another participant, with real frames', async () => {
    const room = uniqueRoom();
    await join(room, 'alice', { publish: { video: 'standard', audio: true } });
    const subscribed: string[] = [];
    const bob = await join(room, 'bob', { before: (session) => session.on('track-subscribed', (t) => subscribed.push(`${t.identity}:${t.source}`)) });
    await waitUntil(
      () => {
        const alice = bob.participants.get().find((p) => p.identity === 'alice');
        return alice?.tracks.filter((t) => t.mediaStreamTrack).length === 2;
      },
      'bob receives alice’s camera and microphone',
      { timeout: 15000 },
    );
    await expectFrames(cameraOf(bob, 'alice')?.mediaStreamTrack, 'alice’s camera shows frames at bob’s');
    expect(subscribed).to.have.members(['alice:camera', 'alice:microphone']);
  });

  it('gives three participants each other two cameras and microphones, and carries mute both ways', async function () {
    // Three publishers and six decoders share two cores here.
    this.timeout(45000);
    const room = uniqueRoom();
    const everyone = ['alice', 'bob', 'carol'];
    const sessions3 = await Promise.all(everyone.map((identity) => join(room, identity, { publish: { video: 'low', audio: true } })));
    const receives = (viewer: RoomSession, identity: string, source: 'camera' | 'microphone') =>
      viewer.participants.get().find((p) => p.identity === identity)?.tracks.find((t) => t.source === source);
    for (const [index, viewer] of sessions3.entries()) {
      for (const other of everyone.filter((identity) => identity !== everyone[index])) {
        await waitUntil(() => receives(viewer, other, 'camera')?.mediaStreamTrack && receives(viewer, other, 'microphone')?.mediaStreamTrack, `${everyone[index]} receives ${other}`, {
          timeout: 15000,
        });
        await expectFrames(receives(viewer, other, 'camera')!.mediaStreamTrack, `${other}'s camera at ${everyone[index]}'s`);
        expect(receives(viewer, other, 'microphone')!.mediaStreamTrack!.readyState).to.equal('live');
      }
    }
    const [alice, bob, carol] = sessions3 as [RoomSession, RoomSession, RoomSession];
    await alice.setMicrophoneEnabled(false);
    await waitUntil(() => receives(bob, 'alice', 'microphone')?.muted && receives(carol, 'alice', 'microphone')?.muted, 'both see alice muted', { timeout: 10000 });
    await alice.setMicrophoneEnabled(true);
    await waitUntil(() => receives(bob, 'alice', 'microphone')?.muted === false && receives(carol, 'alice', 'microphone')?.muted === false, 'and unmuted', {
      timeout: 10000,
    });
  });

  it('sends what is already published to someone who joins later, publishing too, and reports mute', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice', { publish: { video: 'standard' } });
    await waitUntil(() => alice.participants.get()[0]?.tracks.some((t) => t.sid), 'alice published', { timeout: 10000 });
    // Carol's own camera shares her one connection: her requests for a keyframe come from its SSRC.
    const carol = await join(room, 'carol', { publish: { video: 'low' } });
    const muted: string[] = [];
    carol.on('track-muted', (t) => muted.push(`${t.identity}:${t.source}`));
    await waitUntil(() => cameraOf(carol, 'alice')?.mediaStreamTrack, 'carol receives alice', { timeout: 15000 });
    // Joining after the publisher's first keyframe, carol can only decode once the server asks for another.
    await expectFrames(cameraOf(carol, 'alice')?.mediaStreamTrack, 'a late joiner decodes the simulcast camera');
    await alice.setCameraEnabled(false);
    await waitUntil(() => muted.length === 1, 'carol hears alice muted her camera');
    expect(muted).to.deep.equal(['alice:camera']);
  });
});

describe('dev server: unpublish and republish', () => {
  it('tells the others when a camera is unpublished, and delivers it again when republished', async () => {
    const events: string[] = [];
    const { alice, bob } = await callWithCamera(uniqueRoom(), {
      before: (session) => {
        session.on('track-subscribed', (t) => events.push(`subscribed:${t.identity}:${t.source}`));
        session.on('track-unsubscribed', (t) => events.push(`unsubscribed:${t.identity}:${t.source}`));
      },
    });

    await alice.unpublish('camera');
    await waitUntil(() => !cameraOf(bob, 'alice'), 'the camera is gone from bob’s view of alice', { timeout: 10000 });
    expect(events).to.deep.equal(['subscribed:alice:camera', 'unsubscribed:alice:camera']);
    expect(alice.localMedia.get()!.camera.get()!.mediaStreamTrack.readyState, 'alice still previews it').to.equal('live');

    await alice.publish('camera');
    await waitUntil(() => cameraOf(bob, 'alice')?.mediaStreamTrack, 'bob receives the camera again', { timeout: 15000 });
    await expectFrames(cameraOf(bob, 'alice')?.mediaStreamTrack, 'the republished camera shows frames');
  });
});

describe('dev server: a dropped connection', () => {
  it('resumes after the signal socket drops mid-call: same participant, nobody sees a leave, media keeps arriving', async () => {
    const room = uniqueRoom();
    const { alice, bob } = await callWithCamera(room);
    const states: string[] = [];
    bob.connection.subscribe(({ state }) => states.push(state));
    states.splice(0);
    const left: string[] = [];
    alice.on('participant-left', (p) => left.push(p.identity));
    const sidBefore = bob.room!.localParticipant.sid;

    const { dropped } = (await executeServerCommand('dev-server-drop', { room, identity: 'bob' })) as { dropped: boolean };
    expect(dropped).to.equal(true);
    await waitUntil(() => states.includes('reconnected'), 'bob reconnects', { timeout: 15000 });
    expect(states[0]).to.equal('reconnecting');
    expect(bob.room!.localParticipant.sid, 'resumed, not joined again').to.equal(sidBefore);

    await expectFrames(cameraOf(bob, 'alice')?.mediaStreamTrack, 'frames arrive after resuming');
    expect(left, 'alice never saw bob leave').to.deep.equal([]);
  });

  it('rejoins fully when the server has nothing to resume, and media comes back', async () => {
    const room = uniqueRoom();
    const { alice, bob } = await callWithCamera(room);
    const states: string[] = [];
    bob.connection.subscribe(({ state }) => states.push(state));
    states.splice(0);
    const sidBefore = bob.room!.localParticipant.sid;
    const joined: string[] = [];
    alice.on('participant-joined', (p) => joined.push(p.identity));

    await executeServerCommand('dev-server-drop', { room, identity: 'bob', resumable: false });
    await waitUntil(() => states.includes('reconnected'), 'bob reconnects', { timeout: 20000 });
    expect(states[0]).to.equal('reconnecting');
    expect(bob.room!.localParticipant.sid, 'a new session').not.to.equal(sidBefore);
    await waitUntil(() => cameraOf(bob, 'alice')?.mediaStreamTrack?.readyState === 'live', 'the camera is received again', { timeout: 15000 });
    await expectFrames(cameraOf(bob, 'alice')?.mediaStreamTrack, 'frames arrive after the full reconnect');
    await waitUntil(() => alice.participants.get().some((p) => p.identity === 'bob'), 'alice has bob again');
  });
});

describe('dev server: hostile input', () => {
  it('keeps serving media to others while one socket sends thousands of well-formed but hostile requests', async () => {
    const room = uniqueRoom();
    const { bob } = await callWithCamera(room);
    {
      const socket = new WebSocket(`${await serverUrl()}/rtc?access_token=${await token({ room, identity: 'mallory' })}`);
      socket.binaryType = 'arraybuffer';
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const hostile = [
        new SignalRequest({ message: { case: 'offer', value: new SessionDescription({ type: 'offer', sdp: 'v=0\r\nnot an sdp', id: 1 }) } }),
        new SignalRequest({ message: { case: 'answer', value: new SessionDescription({ type: 'answer', sdp: 'garbage', id: 7 }) } }),
        new SignalRequest({ message: { case: 'trickle', value: new TrickleRequest({ candidateInit: '{not json', target: SignalTarget.PUBLISHER }) } }),
        new SignalRequest({ message: { case: 'trickle', value: new TrickleRequest({ candidateInit: '{"candidate":"candidate:1 1 udp 1 example.local 9 typ host"}', target: SignalTarget.SUBSCRIBER }) } }),
        new SignalRequest({ message: { case: 'mute', value: new MuteTrackRequest({ sid: 'TR_nope', muted: true }) } }),
        new SignalRequest({ message: { case: 'addTrack', value: new AddTrackRequest({ cid: 'x'.repeat(2000), width: 0xffffffff, height: 0, layers: [] }) } }),
        new SignalRequest({ message: { case: 'updateMetadata', value: new UpdateParticipantMetadata({ name: '名'.repeat(500), requestId: 3 }) } }),
        new SignalRequest({ message: { case: 'ping', value: -1n } }),
      ].map((request) => request.toBinary());
      for (let i = 0; i < 3000; i++) socket.send(hostile[i % hostile.length]!);
      await new Promise((resolve) => setTimeout(resolve, 2000));

      // The server is alive and still forwarding: bob decodes alice's camera, and a newcomer can join.
      await expectFrames(cameraOf(bob, 'alice')?.mediaStreamTrack, 'frames keep arriving during the attack');
      const carol = await join(room, 'carol');
      expect(carol.participants.get().map((p) => p.identity)).to.include.members(['alice', 'bob']);
      socket.close();
    }
  });
});

describe('dev server: random frames', () => {
  it('closes each socket that sends random binary frames, while others keep receiving media', async () => {
    const room = uniqueRoom();
    const { bob } = await callWithCamera(room);
    const seed = Date.now() % 100000;
    const result = (await executeServerCommand('dev-server-fuzz', { room, sockets: 40, frames: 100, seed })) as { sent: number; closed: number; joined: number };
    // Random bytes are now and then a valid request; every socket that sent real garbage was closed.
    expect(result.joined, `seed ${seed}`).to.equal(40);
    expect(result.sent, `seed ${seed}`).to.be.above(40);
    expect(result.closed, `seed ${seed}: the server closes sockets that send garbage`).to.be.at.least(36);
    await expectFrames(cameraOf(bob, 'alice')?.mediaStreamTrack, 'frames keep arriving');
    const carol = await join(room, 'carol');
    expect(carol.participants.get().map((p) => p.identity)).to.include.members(['alice', 'bob']);
    await waitUntil(() => !bob.participants.get().some((p) => p.identity.startsWith('fuzz-')), 'the fuzzing sockets are gone', { timeout: 15000 });
  });
});

describe('dev server: data', () => {
  const received = new Map<RoomSession, { from?: string; topic?: string; text: string }[]>();
  const joinWithInbox = async (room: string, identity: string) => {
    const session = await join(room, identity);
    const inbox: { from?: string; topic?: string; text: string }[] = [];
    received.set(session, inbox);
    session.room!.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) =>
      isKitNote(topic) ? undefined : inbox.push({ from: participant?.identity, topic, text: new TextDecoder().decode(payload) }),
    );
    return session;
  };
  const inbox = (session: RoomSession) => received.get(session)!;
  const send = (session: RoomSession, text: string, options: { reliable?: boolean; topic?: string; destinationIdentities?: string[] } = {}) =>
    session.room!.localParticipant.publishData(new TextEncoder().encode(text), { reliable: true, ...options });

  it('relays reliable and lossy data with its topic, stamped with the real sender, and only in the room', async () => {
    const room = uniqueRoom();
    const alice = await joinWithInbox(room, 'alice');
    const bob = await joinWithInbox(room, 'bob');
    const outsider = await joinWithInbox(uniqueRoom(), 'oscar');
    await send(alice, 'hello', { topic: 'chat' });
    await waitUntil(() => inbox(bob).length === 1, 'bob receives the reliable packet', { timeout: 10000 });
    expect(inbox(bob)[0]).to.deep.equal({ from: 'alice', topic: 'chat', text: 'hello' });
    for (let i = 0; i < 5; i++) await send(alice, `lossy ${i}`, { reliable: false, topic: 'barrage' });
    await waitUntil(() => inbox(bob).some((m) => m.topic === 'barrage'), 'lossy data arrives on localhost');
    expect(inbox(alice), 'no echo to the sender').to.deep.equal([]);
    expect(inbox(outsider), 'never another room').to.deep.equal([]);
  });

  it('delivers to the named identities only', async () => {
    const room = uniqueRoom();
    const alice = await joinWithInbox(room, 'alice');
    const bob = await joinWithInbox(room, 'bob');
    const carol = await joinWithInbox(room, 'carol');
    await send(alice, 'for carol', { destinationIdentities: ['carol'], topic: 'command' });
    await send(alice, 'for everyone');
    await waitUntil(() => inbox(carol).length === 2 && inbox(bob).length === 1, 'both arrive where they should', { timeout: 10000 });
    expect(inbox(bob).map((m) => m.text)).to.deep.equal(['for everyone']);
    expect(inbox(carol).map((m) => m.text)).to.deep.equal(['for carol', 'for everyone']);
  });

  it('carries RPC both ways, over data streams for a large payload, and answers an unknown method or a gone peer', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice');
    const bob = await join(room, 'bob');
    const carol = await join(room, 'carol');
    const calledBy: string[] = [];
    bob.room!.registerRpcMethod('echo', async ({ callerIdentity, payload }) => {
      calledBy.push(callerIdentity);
      return `${payload.length}:${payload.slice(0, 5)}`;
    });
    await waitUntil(() => alice.room!.remoteParticipants.get('bob'), 'alice sees bob', { timeout: 5000 });
    expect(alice.room!.remoteParticipants.get('bob')!.clientProtocol, 'the dev server tells clients which RPC transport bob reads').to.be.greaterThan(0);
    expect(await alice.room!.localParticipant.performRpc({ destinationIdentity: 'bob', method: 'echo', payload: 'hello' })).to.equal('5:hello');
    // Over 15 KiB only goes as a data stream, which needs the server to relay stream packets and say who reads them.
    const large = 'x'.repeat(40_000);
    expect(await alice.room!.localParticipant.performRpc({ destinationIdentity: 'bob', method: 'echo', payload: large })).to.equal('40000:xxxxx');
    expect(calledBy).to.deep.equal(['alice', 'alice']);
    const rpcFailure = (call: Promise<string>) => call.then(() => undefined, (error: RpcError) => error);
    const unknown = await rpcFailure(carol.room!.localParticipant.performRpc({ destinationIdentity: 'bob', method: 'nope', payload: '' }));
    expect(unknown?.code, 'unsupported method').to.equal(1400);
    const gone = await rpcFailure(alice.room!.localParticipant.performRpc({ destinationIdentity: 'nobody', method: 'echo', payload: '', responseTimeout: 2000 }));
    // LiveKit does not tell a caller that the identity is absent: the request just goes unanswered until a timer fires.
    expect(gone?.code, 'nobody acknowledges').to.be.oneOf([1501, 1502]);
  });
});

describe('dev server: the server API, as livekit-server-sdk calls it', () => {
  const api = async (method: string, ...args: unknown[]) => {
    const answer = (await executeServerCommand('dev-server-api', { method, args })) as { result?: any; error?: string };
    if (answer.error) throw new Error(answer.error);
    return answer.result;
  };
  it('lists participants, and removes one, who learns they were kicked out', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice');
    await join(room, 'bob');
    const listed = await api('listParticipants', room);
    expect(listed.map((p: { identity: string }) => p.identity)).to.have.members(['alice', 'bob']);
    await api('removeParticipant', room, 'alice');
    await waitUntil(() => alice.connection.get().state === 'kicked', 'alice is told she was removed', { timeout: 5000 });
    expect(alice.connection.get().reason).to.equal('kicked');
    expect((await api('listParticipants', room)).map((p: { identity: string }) => p.identity)).to.deep.equal(['bob']);
  });

  it('updates room metadata for everyone: the cast state the backend writes reaches every client', async () => {
    const room = uniqueRoom();
    const alice = await join(room, 'alice');
    const bob = await join(room, 'bob');
    const metadata = JSON.stringify({ topic: 'standup', 'rtc.cast': { status: 'live', participant: 'alice', since: Date.now() } });
    await api('updateRoomMetadata', room, metadata);
    await waitUntil(() => alice.cast.state.get().status === 'live' && bob.cast.state.get().status === 'live', 'both see the broadcast live');
    const carol = await join(room, 'carol');
    expect(carol.cast.state.get(), 'a late joiner too').to.include({ status: 'live', participant: 'alice' });
  });

  it('renames a participant and updates their metadata for everyone', async () => {
    const room = uniqueRoom();
    await join(room, 'alice');
    const bob = await join(room, 'bob');
    await api('updateParticipant', room, 'alice', { name: 'Alice Chen', metadata: '{"role":"host"}' });
    await waitUntil(() => bob.participants.get().find((p) => p.identity === 'alice')?.name === 'Alice Chen', 'bob sees the new name');
    expect(bob.participants.get().find((p) => p.identity === 'alice')!.metadata).to.equal('{"role":"host"}');
  });

  it('mutes a published track from the server: the publisher and everyone else see it muted', async () => {
    const room = uniqueRoom();
    const { alice, bob } = await callWithCamera(room);
    const trackSid = alice.participants.get()[0]!.tracks.find((t) => t.source === 'camera')!.sid!;
    const muted = await api('mutePublishedTrack', room, 'alice', trackSid, true);
    expect(muted.muted).to.equal(true);
    await waitUntil(() => cameraOf(bob, 'alice')?.muted, 'bob sees the camera muted', { timeout: 5000 });
    await waitUntil(() => alice.participants.get()[0]!.tracks.find((t) => t.source === 'camera')?.muted, 'alice sees her own camera muted', { timeout: 5000 });
  });

  it('sends data from the server to everyone, or to the named identities only', async () => {
    const room = uniqueRoom();
    const inbox: Record<string, string[]> = { alice: [], bob: [] };
    for (const identity of ['alice', 'bob']) {
      const session = await join(room, identity);
      session.room!.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) =>
        isKitNote(topic) ? undefined : inbox[identity]!.push(`${participant?.identity ?? 'server'}:${topic}:${new TextDecoder().decode(payload)}`),
      );
    }
    await api('sendData', room, 'to all', DataPacket_Kind.RELIABLE, { topic: 'notice' });
    await api('sendData', room, 'to bob', DataPacket_Kind.RELIABLE, { topic: 'notice', destinationIdentities: ['bob'] });
    await waitUntil(() => inbox.bob!.length === 2 && inbox.alice!.length === 1, 'both arrive where they should', { timeout: 5000 });
    expect(inbox.alice).to.deep.equal(['server:notice:to all']);
    expect(inbox.bob).to.deep.equal(['server:notice:to all', 'server:notice:to bob']);
  });

  it('creates, lists and deletes rooms; a deleted room tells its participants it was closed', async () => {
    const room = uniqueRoom();
    await api('createRoom', { name: room, metadata: 'planned' });
    expect((await api('listRooms', [room])).map((r: { name: string; metadata: string }) => [r.name, r.metadata])).to.deep.equal([[room, 'planned']]);
    const alice = await join(room, 'alice');
    await api('deleteRoom', room);
    await waitUntil(() => alice.connection.get().state === 'kicked', 'alice is told', { timeout: 5000 });
    expect(alice.connection.get().reason).to.equal('room-closed');
    expect(await api('listRooms', [room])).to.deep.equal([]);
  });

  it('refuses a caller whose token is not signed with the server secret', async () => {
    const room = uniqueRoom();
    await join(room, 'alice');
    const result = await executeServerCommand('dev-server-api', { method: 'listParticipants', args: [room], apiSecret: 'forged' });
    expect((result as { error: string }).error).to.match(/invalid token|unauthenticated/i);
  });
});

describe('dev server: the elements for real', () => {
  it('two <rtc-room>s on one page join and each shows the other, with frames and the state events in order', async () => {
    const room = uniqueRoom();
    const url = await serverUrl();
    const states: Record<string, string[]> = { alice: [], bob: [] };
    const rooms = await Promise.all(
      (['alice', 'bob'] as const).map(async (identity) => {
        const element = document.createElement('rtc-room');
        element.serverUrl = url;
        element.token = await token({ room, identity, name: identity === 'alice' ? 'Alice' : 'Bob' });
        element.video = 'standard';
        element.addEventListener('rtc-connection-state-changed', ({ detail }) => states[identity]!.push(detail.state));
        return element;
      }),
    );
    document.body.append(...rooms);
    try {
      const names = (el: Element) =>
        [...(deepQuery(el, 'rtc-grid')?.shadowRoot?.querySelectorAll('rtc-participant-video') ?? [])].map((tile) => tile.shadowRoot?.querySelector('[part="name"]')?.textContent);
      await waitUntil(() => names(rooms[0]!).includes('Bob') && names(rooms[1]!).includes('Alice'), 'each room shows the other participant', { timeout: 10000 });
      expect(names(rooms[0]!)).to.deep.equal(['Alice (you)', 'Bob']);
      for (const [element, other] of [[rooms[0]!, 'bob'], [rooms[1]!, 'alice']] as const) {
        const tile = deepQuery(element, 'rtc-grid')!.shadowRoot!.querySelector(`rtc-participant-video[participant="${other}"]`)!;
        await waitUntil(() => !tile.hasAttribute('camera-off'), `${other}'s camera arrives`, { timeout: 15000 });
        await waitForFrames(tile.shadowRoot!.querySelector('video')!, `${other}'s tile shows frames`);
      }
      expect(states.alice).to.deep.equal(['connecting', 'connected']);
      expect(rooms[0]!.getAttribute('connection-state')).to.equal('connected');
    } finally {
      rooms.forEach((el) => el.remove());
    }
    await waitUntil(() => states.alice!.at(-1) === 'disconnected', 'removing a room leaves');
  });

  it('turns the camera and microphone off from the control bar, and the others see it', async () => {
    const room = uniqueRoom();
    const url = await serverUrl();
    const [alice, bob] = await Promise.all(
      (['alice', 'bob'] as const).map(async (identity) => {
        const element = document.createElement('rtc-room');
        element.serverUrl = url;
        element.token = await token({ room, identity });
        if (identity === 'alice') {
          element.video = 'low';
          element.audio = true;
        }
        return element;
      }),
    );
    document.body.append(alice!, bob!);
    try {
      const aliceAtBob = () => deepQuery(bob!, 'rtc-grid')?.shadowRoot?.querySelector('rtc-participant-video[participant="alice"]');
      await waitUntil(() => aliceAtBob() && !aliceAtBob()!.hasAttribute('camera-off') && !aliceAtBob()!.hasAttribute('muted'), 'bob sees alice on', {
        timeout: 15000,
      });
      const toggle = (source: string) =>
        deepQuery(alice!, 'rtc-control-bar')!.shadowRoot!.querySelector(`rtc-media-toggle[source="${source}"]`)!.shadowRoot!.querySelector('button')!;
      toggle('camera').click();
      await waitUntil(() => aliceAtBob()!.hasAttribute('camera-off'), 'bob sees alice’s camera off', { timeout: 10000 });
      toggle('microphone').click();
      await waitUntil(() => aliceAtBob()!.hasAttribute('muted'), 'bob sees alice muted', { timeout: 10000 });
      expect(toggle('camera').getAttribute('aria-pressed')).to.equal('false');
      toggle('camera').click();
      await waitUntil(() => !aliceAtBob()!.hasAttribute('camera-off'), 'and the camera back', { timeout: 10000 });
    } finally {
      alice!.remove();
      bob!.remove();
    }
  });

  it('receives a tile’s video at the tile’s size, and nothing while the tile is out of view', async () => {
    const room = uniqueRoom();
    await join(room, 'alice', { publish: { video: 'standard' } });
    const bob = document.createElement('rtc-room');
    bob.serverUrl = await serverUrl();
    bob.token = await token({ room, identity: 'bob' });
    const tile = document.createElement('rtc-participant-video');
    tile.participant = 'alice';
    Object.assign(tile.style, { display: 'block', width: '120px', height: '90px' });
    bob.append(tile);
    document.body.append(bob);
    try {
      const width = () => tile.shadowRoot?.querySelector('video')?.videoWidth;
      const framesDecoded = async () => {
        const session = bob.session as RoomSession;
        const track = session.room?.remoteParticipants.get('alice')?.getTrackPublication(Track.Source.Camera)?.videoTrack as RemoteVideoTrack | undefined;
        const stats = [...((await track?.receiver?.getStats())?.values() ?? [])].find((s) => s.type === 'inbound-rtp');
        return (stats?.framesDecoded as number | undefined) ?? 0;
      };
      await waitUntil(() => width() === 240, 'a 120 px tile gets the 240 px layer', { timeout: 15000 });
      Object.assign(tile.style, { width: '600px', height: '450px' });
      await waitUntil(() => width() === 640, 'a 600 px tile gets the 640 px layer', { timeout: 10000 });

      tile.style.marginTop = '200vh';
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const paused = await framesDecoded();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await framesDecoded(), 'nothing arrives while the tile is out of view').to.equal(paused);
      tile.style.marginTop = '0';
      await waitUntil(async () => (await framesDecoded()) > paused + 5, 'frames come back in view', { timeout: 10000 });
    } finally {
      bob.remove();
    }
  });

  it('pages the default grid: tiles off the page are not received, and paging brings them in', async () => {
    const room = uniqueRoom();
    for (const identity of ['alice', 'bob', 'carol']) await join(room, identity, { publish: { video: 'low' } });
    const viewer = document.createElement('rtc-room');
    viewer.serverUrl = await serverUrl();
    viewer.token = await token({ room, identity: 'viewer' });
    viewer.pageSize = 2;
    document.body.append(viewer);
    try {
      const grid = () => deepQuery<HTMLElementTagNameMap['rtc-grid']>(viewer, 'rtc-grid');
      const shown = () => [...(grid()?.shadowRoot?.querySelectorAll('rtc-participant-video') ?? [])].map((tile) => tile.getAttribute('participant'));
      const camera = (identity: string) =>
        (viewer.session as RoomSession).room?.remoteParticipants.get(identity)?.getTrackPublication(Track.Source.Camera) as
          | { isEnabled: boolean; videoTrack?: RemoteVideoTrack }
          | undefined;
      await waitUntil(() => shown().join() === 'local,alice' && camera('carol'), 'page 1: you and alice', { timeout: 15000 });
      await waitUntil(() => camera('bob')?.isEnabled === false && camera('carol')?.isEnabled === false, 'bob and carol, off the page, are not received', {
        timeout: 10000,
      });
      expect(camera('alice')?.isEnabled).to.equal(true);
      grid()!.shadowRoot!.querySelector<HTMLButtonElement>('[part="next"]')!.click();
      await waitUntil(() => shown().join() === 'bob,carol', 'page 2', { timeout: 5000 });
      await waitUntil(() => camera('bob')?.isEnabled && camera('carol')?.isEnabled && camera('alice')?.isEnabled === false, 'now the other way round', {
        timeout: 10000,
      });
      const bobTile = grid()!.shadowRoot!.querySelector('rtc-participant-video[participant="bob"]')!;
      await waitForFrames(bobTile.shadowRoot!.querySelector('video')!, 'bob shows frames on page 2');
    } finally {
      viewer.remove();
    }
  });

  it('lists the participants with the connection quality the server reports', async () => {
    const room = uniqueRoom();
    await join(room, 'alice', { name: 'Alice', publish: { video: 'low' } });
    const viewer = document.createElement('rtc-room');
    viewer.serverUrl = await serverUrl();
    viewer.token = await token({ room, identity: 'bob', name: 'Bob' });
    const list = document.createElement('rtc-participant-list');
    viewer.append(list);
    document.body.append(viewer);
    try {
      const lines = () => [...(list.shadowRoot?.querySelectorAll('[part="item"]') ?? [])].map((item) => item.textContent!.replace(/\s+/g, ' ').trim());
      await waitUntil(() => lines().join('|') === 'Bob (you) Microphone muted Camera off Connection excellent|Alice Microphone muted Connection excellent', 'both, excellent on localhost', {
        timeout: 15000,
      }).catch((error) => {
        throw new Error(`${error.message}: ${JSON.stringify(lines())}`);
      });
    } finally {
      viewer.remove();
    }
  });

  it('shows a participant removed through the server API as removed, in the page language', async () => {
    const room = uniqueRoom();
    const page = Object.assign(document.createElement('div'), { lang: 'zh-CN' });
    const element = document.createElement('rtc-room');
    element.serverUrl = await serverUrl();
    element.token = await token({ room, identity: 'alice' });
    const status = document.createElement('rtc-connection-status');
    element.append(status);
    page.append(element);
    document.body.append(page);
    try {
      const text = () => status.shadowRoot?.querySelector('[part="text"]')?.textContent;
      await waitUntil(() => text() === '已连接', 'connected, in Chinese', { timeout: 10000 });
      const answer = (await executeServerCommand('dev-server-api', { method: 'removeParticipant', args: [room, 'alice'] })) as { error?: string };
      expect(answer.error).to.equal(undefined);
      await waitUntil(() => text() === '你已被移出房间', 'the status says alice was removed', { timeout: 5000 });
      expect(status.getAttribute('state')).to.equal('kicked');
      expect(element.getAttribute('connection-state')).to.equal('kicked');
    } finally {
      page.remove();
    }
  });
});
