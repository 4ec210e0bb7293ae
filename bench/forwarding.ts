// The page of the forwarding benchmark (bench/run.mjs drives it; bench/README.md says how to read it): one
// livekit-client Room publishes Chromium's fake camera, N Rooms subscribe, each showing the video in a
// <video> so it is decoded. The runner calls join, then snapshot at both ends of its window, then leave.
import { Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client';

/** One simulcast layer as the publisher sends it. */
export interface SentLayer {
  rid: string;
  framesSent: number;
  bytesSent: number;
  width: number;
  height: number;
  fps: number;
  /** Why Chromium lowered this layer, if it did: "cpu" means this machine, not the server, is the limit. */
  limitation: string;
}

/** What one subscriber has received of the camera. */
export interface Received {
  framesReceived: number;
  framesDecoded: number;
  bytesReceived: number;
  packetsLost: number;
  width: number;
}

export interface Snapshot {
  layers: SentLayer[];
  subscribers: Received[];
}

let publisher: Room | undefined;
let subscribers: Room[] = [];

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no result after ${ms / 1000} s`)), ms))]);

const cameraOf = (room: Room): RemoteTrack | undefined => {
  for (const participant of room.remoteParticipants.values()) {
    const track = participant.getTrackPublication(Track.Source.Camera)?.track;
    if (track) return track;
  }
  return undefined;
};

async function received(room: Room): Promise<Received> {
  const none = { framesReceived: 0, framesDecoded: 0, bytesReceived: 0, packetsLost: 0, width: 0 };
  const report = await cameraOf(room)?.getRTCStatsReport();
  for (const entry of report?.values() ?? []) {
    if (entry.type !== 'inbound-rtp' || entry.kind !== 'video') continue;
    return {
      framesReceived: entry.framesReceived ?? 0,
      framesDecoded: entry.framesDecoded ?? 0,
      bytesReceived: entry.bytesReceived ?? 0,
      packetsLost: entry.packetsLost ?? 0,
      width: entry.frameWidth ?? 0,
    };
  }
  return none;
}

async function sent(room: Room): Promise<SentLayer[]> {
  const report = await room.localParticipant.getTrackPublication(Track.Source.Camera)?.track?.getRTCStatsReport();
  const layers: SentLayer[] = [];
  for (const entry of report?.values() ?? []) {
    if (entry.type !== 'outbound-rtp' || entry.kind !== 'video') continue;
    layers.push({
      rid: entry.rid ?? '',
      framesSent: entry.framesSent ?? 0,
      bytesSent: entry.bytesSent ?? 0,
      width: entry.frameWidth ?? 0,
      height: entry.frameHeight ?? 0,
      fps: entry.framesPerSecond ?? 0,
      limitation: entry.qualityLimitationReason ?? 'none',
    });
  }
  return layers.sort((a, b) => a.width - b.width);
}

/** Joins one publisher and `subscriberTokens.length` subscribers, and resolves once every subscriber decodes. */
async function join(url: string, publisherToken: string, subscriberTokens: string[], timeoutMs: number): Promise<void> {
  const started = performance.now();
  const left = () => Math.max(1, timeoutMs - (performance.now() - started));
  publisher = new Room();
  await withTimeout(publisher.connect(url, publisherToken), left(), 'the publisher connecting');
  await withTimeout(publisher.localParticipant.setCameraEnabled(true), left(), 'publishing the fake camera');
  subscribers = subscriberTokens.map(() => new Room());
  await Promise.all(
    subscribers.map((room, i) => {
      room.on(RoomEvent.TrackSubscribed, (track) => {
        if (track.kind !== Track.Kind.Video) return;
        const video = track.attach() as HTMLVideoElement;
        video.muted = true;
        video.width = 160;
        document.body.append(video);
      });
      return withTimeout(room.connect(url, subscriberTokens[i]!), left(), `subscriber ${i + 1} connecting`);
    }),
  );
  for (;;) {
    const counts = await Promise.all(subscribers.map(received));
    if (counts.every((c) => c.framesDecoded > 0)) return;
    if (performance.now() - started > timeoutMs) {
      const waiting = counts.filter((c) => c.framesDecoded === 0).length;
      throw new Error(`${waiting} of ${subscribers.length} subscribers decoded no frame within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function snapshot(): Promise<Snapshot> {
  const [layers, each] = await Promise.all([publisher ? sent(publisher) : [], Promise.all(subscribers.map(received))]);
  return { layers, subscribers: each };
}

async function leave(): Promise<void> {
  await Promise.all([publisher, ...subscribers].map((room) => room?.disconnect()));
  publisher = undefined;
  subscribers = [];
  for (const video of document.querySelectorAll('video')) video.remove();
}

(window as unknown as { forwarding: unknown }).forwarding = { join, snapshot, leave };
