import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { AddTrackRequest, RequestResponse_Reason, SignalRequest, SignalResponse, TrackType } from '@livekit/protocol';
import {
  ConnectionQuality,
  Room,
  RoomEvent,
  Track,
  TrackPublication,
  VideoQuality,
  LocalVideoTrack,
  type Participant,
  type RemoteTrackPublication,
  type RemoteVideoTrack,
} from 'livekit-client';

// What the dev server's SFU does for each subscriber, seen through the real livekit-client 2.23.0 with its
// default options: simulcast layers, subscriptions, permissions, speakers and quality. The fake microphone
// talks (scripts/fake-speech.mjs).

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string; grants?: Record<string, unknown> }) =>
  executeServerCommand('dev-server-token', options) as Promise<string>;
let roomCounter = 0;
const uniqueRoom = () => `media-${Date.now()}-${roomCounter++}`;

const rooms: Room[] = [];
afterEach(async () => {
  await Promise.all(rooms.splice(0).map((room) => room.disconnect()));
  for (const video of document.querySelectorAll('video')) video.remove();
});

async function connect(name: string, identity: string, options: { autoSubscribe?: boolean } = {}): Promise<Room> {
  const room = new Room();
  rooms.push(room);
  await room.connect(await serverUrl(), await token({ room: name, identity }), { autoSubscribe: options.autoSubscribe ?? true });
  return room;
}

const cameraOf = (viewer: Room, identity: string): RemoteTrackPublication | undefined =>
  viewer.remoteParticipants.get(identity)?.getTrackPublication(Track.Source.Camera);

/** Alice publishes a 640x480 camera, which livekit-client sends as two simulcast layers (240x180 and 640x480). */
async function aliceWithCamera(name: string): Promise<Room> {
  const alice = await connect(name, 'alice');
  await alice.localParticipant.setCameraEnabled(true, { resolution: { width: 640, height: 480 } });
  return alice;
}

/** Shows a received camera in a video element, as a page would, and waits for its first frames. */
async function show(publication: RemoteTrackPublication): Promise<HTMLVideoElement> {
  const video = publication.videoTrack!.attach() as HTMLVideoElement;
  document.body.append(video);
  await waitUntil(() => video.videoWidth > 0, 'the camera shows frames', { timeout: 10000 });
  return video;
}

async function framesDecoded(publication: RemoteTrackPublication): Promise<number> {
  const stats = await (publication.videoTrack as RemoteVideoTrack | undefined)?.receiver?.getStats();
  const inbound = [...(stats?.values() ?? [])].find((s) => s.type === 'inbound-rtp') as { framesDecoded?: number } | undefined;
  return inbound?.framesDecoded ?? 0;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('dev server: simulcast per subscriber', () => {
  it('sends each subscriber the layer it asks for, switches at keyframes without a break, and nothing while disabled', async () => {
    const name = uniqueRoom();
    await aliceWithCamera(name);
    const bob = await connect(name, 'bob');
    const carol = await connect(name, 'carol');
    await waitUntil(() => cameraOf(bob, 'alice')?.videoTrack && cameraOf(carol, 'alice')?.videoTrack, 'both receive the camera', { timeout: 15000 });
    const bobVideo = await show(cameraOf(bob, 'alice')!);
    const carolVideo = await show(cameraOf(carol, 'alice')!);
    await waitUntil(() => bobVideo.videoWidth === 640, 'the high layer by default', { timeout: 10000 });

    cameraOf(bob, 'alice')!.setVideoQuality(VideoQuality.LOW);
    await waitUntil(() => bobVideo.videoWidth === 240, 'bob switches to the low layer', { timeout: 10000 });
    await waitUntil(() => carolVideo.videoWidth === 640, 'carol keeps the high layer');
    const beforeSwitchBack = await framesDecoded(cameraOf(bob, 'alice')!);

    cameraOf(bob, 'alice')!.setVideoQuality(VideoQuality.HIGH);
    await waitUntil(() => bobVideo.videoWidth === 640, 'bob switches back up', { timeout: 10000 });
    await pause(500);
    expect(await framesDecoded(cameraOf(bob, 'alice')!), 'decoding went on across the switch').to.be.above(beforeSwitchBack + 10);

    cameraOf(bob, 'alice')!.setEnabled(false);
    await pause(800);
    const paused = await framesDecoded(cameraOf(bob, 'alice')!);
    await pause(1500);
    expect(await framesDecoded(cameraOf(bob, 'alice')!), 'a disabled track receives nothing').to.equal(paused);

    cameraOf(bob, 'alice')!.setEnabled(true);
    await waitUntil(async () => (await framesDecoded(cameraOf(bob, 'alice')!)) > paused + 10, 'frames come back when enabled', { timeout: 10000 });
  });

  it('lets the publisher pause the layers nobody wants (dynacast), and resume them when someone does', async () => {
    const name = uniqueRoom();
    const alice = new Room({ dynacast: true });
    rooms.push(alice);
    await alice.connect(await serverUrl(), await token({ room: name, identity: 'alice' }));
    await alice.localParticipant.setCameraEnabled(true, { resolution: { width: 640, height: 480 } });
    const sending = () => {
      const sender = (alice.localParticipant.getTrackPublication(Track.Source.Camera)!.videoTrack as LocalVideoTrack).sender!;
      return sender.getParameters().encodings.filter((encoding) => encoding.active).map((encoding) => encoding.rid);
    };
    await waitUntil(() => sending().length === 0, 'with nobody watching, no layer is sent', { timeout: 10000 });

    const bob = await connect(name, 'bob');
    await waitUntil(() => cameraOf(bob, 'alice')?.videoTrack, 'bob receives the camera', { timeout: 15000 });
    const video = await show(cameraOf(bob, 'alice')!);
    expect(sending()).to.have.members(['q', 'h']);
    await waitUntil(() => video.videoWidth === 640, 'the high layer', { timeout: 10000 });

    cameraOf(bob, 'alice')!.setVideoQuality(VideoQuality.LOW);
    await waitUntil(() => sending().join() === 'q', 'only the low layer is sent once bob wants no more', { timeout: 10000 });
    expect(video.videoWidth).to.equal(240);

    cameraOf(bob, 'alice')!.setVideoQuality(VideoQuality.HIGH);
    await waitUntil(() => video.videoWidth === 640, 'the high layer comes back for bob', { timeout: 10000 });
    expect(sending()).to.have.members(['q', 'h']);
  });

  it('sends the smallest layer that covers the size a subscriber renders', async () => {
    const name = uniqueRoom();
    await aliceWithCamera(name);
    const bob = await connect(name, 'bob');
    await waitUntil(() => cameraOf(bob, 'alice')?.videoTrack, 'bob receives the camera', { timeout: 15000 });
    const video = await show(cameraOf(bob, 'alice')!);
    cameraOf(bob, 'alice')!.setVideoDimensions({ width: 200, height: 150 });
    await waitUntil(() => video.videoWidth === 240, 'a 200 px tile gets the 240 px layer', { timeout: 10000 });
    cameraOf(bob, 'alice')!.setVideoDimensions({ width: 400, height: 300 });
    await waitUntil(() => video.videoWidth === 640, 'a 400 px tile gets the 640 px layer', { timeout: 10000 });
  });
});

describe('dev server: screen shares', () => {
  it('forwards a screen share beside the camera, each as its own track', async () => {
    const name = uniqueRoom();
    const alice = await aliceWithCamera(name);
    // A canvas stands in for the screen: headless Chromium has no screen to pick.
    const canvas = Object.assign(document.createElement('canvas'), { width: 800, height: 600 });
    const context = canvas.getContext('2d')!;
    const paint = setInterval(() => {
      context.fillStyle = `hsl(${Date.now() % 360} 60% 50%)`;
      context.fillRect(0, 0, canvas.width, canvas.height);
    }, 50);
    try {
      await alice.localParticipant.publishTrack(new LocalVideoTrack(canvas.captureStream(20).getVideoTracks()[0]!), { source: Track.Source.ScreenShare });
      const bob = await connect(name, 'bob');
      const screen = () => bob.remoteParticipants.get('alice')?.getTrackPublication(Track.Source.ScreenShare);
      await waitUntil(() => screen()?.videoTrack && cameraOf(bob, 'alice')?.videoTrack, 'bob receives both', { timeout: 15000 });
      const screenVideo = await show(screen()!);
      await show(cameraOf(bob, 'alice')!);
      expect(screenVideo.videoWidth / screenVideo.videoHeight, 'the screen, not the camera').to.be.closeTo(800 / 600, 0.01);
    } finally {
      clearInterval(paint);
    }
  });
});

describe('dev server: subscriptions', () => {
  it('sends nothing until asked when auto-subscribe is off, and stops and restarts a track on request', async () => {
    const name = uniqueRoom();
    const alice = await aliceWithCamera(name);
    const firstSubscriber: string[] = [];
    alice.on(RoomEvent.LocalTrackSubscribed, (publication) => firstSubscriber.push(publication.trackSid));
    const bob = await connect(name, 'bob', { autoSubscribe: false });
    const unsubscribed: string[] = [];
    bob.on(RoomEvent.TrackUnsubscribed, (_track, publication) => unsubscribed.push(publication.trackSid));
    await waitUntil(() => cameraOf(bob, 'alice'), 'bob knows of the camera', { timeout: 10000 });
    await pause(1500);
    expect(cameraOf(bob, 'alice')!.isSubscribed, 'not received before asking').to.equal(false);
    expect(firstSubscriber, 'alice has no subscriber yet').to.deep.equal([]);

    cameraOf(bob, 'alice')!.setSubscribed(true);
    await waitUntil(() => cameraOf(bob, 'alice')!.videoTrack, 'bob receives it once asked', { timeout: 10000 });
    await show(cameraOf(bob, 'alice')!);
    await waitUntil(() => firstSubscriber.length === 1, 'alice hears of her first subscriber');
    expect(firstSubscriber).to.deep.equal([cameraOf(bob, 'alice')!.trackSid]);

    cameraOf(bob, 'alice')!.setSubscribed(false);
    await waitUntil(() => unsubscribed.length === 1, 'the track ends for bob', { timeout: 10000 });
    expect(cameraOf(bob, 'alice')!.track).to.equal(undefined);

    // Subscribing again reuses the freed transceiver (werift cannot remove one): the picture must come back.
    cameraOf(bob, 'alice')!.setSubscribed(true);
    await waitUntil(() => cameraOf(bob, 'alice')!.videoTrack, 'bob receives it again', { timeout: 10000 });
    await show(cameraOf(bob, 'alice')!);
  });

  it('lets the server API unsubscribe a participant', async () => {
    const name = uniqueRoom();
    const alice = await aliceWithCamera(name);
    const bob = await connect(name, 'bob');
    await waitUntil(() => cameraOf(bob, 'alice')?.videoTrack, 'bob receives the camera', { timeout: 15000 });
    const trackSid = alice.localParticipant.getTrackPublication(Track.Source.Camera)!.trackSid;
    const ended = new Promise((resolve) => bob.once(RoomEvent.TrackUnsubscribed, resolve));
    const answer = (await executeServerCommand('dev-server-api', { method: 'updateSubscriptions', args: [name, 'bob', [trackSid], false] })) as { error?: string };
    expect(answer.error).to.equal(undefined);
    await ended;
    expect(cameraOf(bob, 'alice')!.track).to.equal(undefined);
  });

  it("honours a publisher's subscription permissions, and tells who is refused", async () => {
    const name = uniqueRoom();
    const alice = await aliceWithCamera(name);
    const bob = await connect(name, 'bob');
    const carol = await connect(name, 'carol');
    await waitUntil(() => cameraOf(bob, 'alice')?.videoTrack && cameraOf(carol, 'alice')?.videoTrack, 'both receive the camera', { timeout: 15000 });

    alice.localParticipant.setTrackSubscriptionPermissions(false, [{ participantIdentity: 'carol', allowAll: true }]);
    await waitUntil(() => cameraOf(bob, 'alice')!.permissionStatus === TrackPublication.PermissionStatus.NotAllowed, 'bob is told he may not', {
      timeout: 10000,
    });
    await waitUntil(() => !cameraOf(bob, 'alice')!.track, 'bob no longer receives it', { timeout: 10000 });
    await show(cameraOf(carol, 'alice')!);

    alice.localParticipant.setTrackSubscriptionPermissions(true);
    await waitUntil(() => cameraOf(bob, 'alice')!.permissionStatus === TrackPublication.PermissionStatus.Allowed, 'bob may again', { timeout: 10000 });
    await waitUntil(() => cameraOf(bob, 'alice')!.videoTrack, 'bob receives it again', { timeout: 10000 });
    await show(cameraOf(bob, 'alice')!);
  });
});

describe('dev server: speakers and quality', () => {
  it('tells everyone who is speaking, from the audio level of each microphone packet', async () => {
    const name = uniqueRoom();
    const alice = await connect(name, 'alice');
    const bob = await connect(name, 'bob');
    let speakers: string[] = [];
    bob.on(RoomEvent.ActiveSpeakersChanged, (active: Participant[]) => (speakers = active.map((p) => p.identity)));
    await alice.localParticipant.setMicrophoneEnabled(true);
    await waitUntil(() => speakers.includes('alice'), 'alice is speaking', { timeout: 10000 });
    expect(speakers, 'bob, who has no microphone, is not').to.deep.equal(['alice']);
    expect(bob.remoteParticipants.get('alice')!.audioLevel).to.be.above(0);
    await waitUntil(() => alice.localParticipant.isSpeaking, 'alice hears it of herself too', { timeout: 5000 });

    await alice.localParticipant.setMicrophoneEnabled(false);
    await waitUntil(() => !speakers.includes('alice'), 'alice stops speaking when muted', { timeout: 10000 });
  });

  it("reports every participant's connection quality", async () => {
    const name = uniqueRoom();
    await aliceWithCamera(name);
    const bob = await connect(name, 'bob');
    await waitUntil(
      () => bob.remoteParticipants.get('alice')?.connectionQuality === ConnectionQuality.Excellent && bob.localParticipant.connectionQuality === ConnectionQuality.Excellent,
      'excellent on localhost',
      { timeout: 10000 },
    );
  });
});

describe('dev server: refusals', () => {
  it('answers a publication without canPublish with "not allowed" instead of silence', async () => {
    const name = uniqueRoom();
    const jwt = await token({ room: name, identity: 'viewer', grants: { canPublish: false } });
    const socket = new WebSocket(`${await serverUrl()}/rtc?access_token=${jwt}`);
    socket.binaryType = 'arraybuffer';
    const responses: SignalResponse[] = [];
    socket.onmessage = (event) => responses.push(SignalResponse.fromBinary(new Uint8Array(event.data as ArrayBuffer)));
    await waitUntil(() => responses.some((r) => r.message.case === 'join'), 'joined', { timeout: 5000 });
    socket.send(new SignalRequest({ message: { case: 'addTrack', value: new AddTrackRequest({ cid: 'camera', type: TrackType.VIDEO, width: 640, height: 480 }) } }).toBinary());
    await waitUntil(() => responses.some((r) => r.message.case === 'requestResponse'), 'an answer comes', { timeout: 5000 });
    const answer = responses.find((r) => r.message.case === 'requestResponse')!.message.value as { reason: RequestResponse_Reason; request: { case?: string } };
    expect(answer.reason).to.equal(RequestResponse_Reason.NOT_ALLOWED);
    expect(answer.request.case).to.equal('addTrack');
    expect(responses.some((r) => r.message.case === 'trackPublished'), 'nothing published').to.equal(false);
    socket.close();
  });
});
