// The page of the grid bandwidth benchmark (bench/run.mjs drives it; bench/README.md says how to read it):
// publishers send a synthetic 320x180 video each (one layer, so the size of a tile does not change what it
// costs), and a viewer's <rtc-room> shows them in its default grid. The runner measures the video bytes the
// viewer receives with a page size of 4 and with everyone on one page.
import { LocalVideoTrack, Room, Track, type RemoteVideoTrack } from 'livekit-client';
import type { RoomSession, RtcRoom } from '../src/index.js';
import '../src/define.js';

let publishers: Room[] = [];
let viewer: RtcRoom | undefined;
const painters: ReturnType<typeof setInterval>[] = [];

/** A moving picture that keeps the encoder busy, as a camera would. */
function syntheticVideo(seed: number): MediaStreamTrack {
  const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 180 });
  const context = canvas.getContext('2d')!;
  let frame = 0;
  painters.push(
    setInterval(() => {
      frame++;
      context.fillStyle = `hsl(${(seed * 30 + frame * 3) % 360} 60% 45%)`;
      context.fillRect(0, 0, 320, 180);
      for (let i = 0; i < 40; i++) {
        context.fillStyle = `hsl(${(i * 17 + frame * 7) % 360} 70% 60%)`;
        context.fillRect((i * 37 + frame * 5) % 320, (i * 23 + frame * 3) % 180, 24, 24);
      }
    }, 66),
  );
  return canvas.captureStream(15).getVideoTracks()[0]!;
}

const viewerRoom = () => (viewer?.session as RoomSession | undefined)?.room;

async function join(url: string, publisherTokens: string[], viewerToken: string, pageSize: number, timeoutMs: number): Promise<void> {
  const started = performance.now();
  publishers = await Promise.all(
    publisherTokens.map(async (token, i) => {
      const room = new Room();
      await room.connect(url, token);
      await room.localParticipant.publishTrack(new LocalVideoTrack(syntheticVideo(i)), { source: Track.Source.Camera, simulcast: false });
      return room;
    }),
  );
  viewer = document.createElement('rtc-room');
  viewer.serverUrl = url;
  viewer.token = viewerToken;
  viewer.pageSize = pageSize;
  viewer.style.cssText = 'display: block; width: 1280px; height: 720px';
  document.body.append(viewer);
  while ((viewerRoom()?.remoteParticipants.size ?? 0) < publisherTokens.length || (await receivingCount()) < Math.min(pageSize || 99, publisherTokens.length) - 1) {
    if (performance.now() - started > timeoutMs) throw new Error(`the viewer did not receive the first page within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function videoStats(): Promise<{ bytes: number; decoding: number }[]> {
  const room = viewerRoom();
  return Promise.all(
    [...(room?.remoteParticipants.values() ?? [])].map(async (participant) => {
      const track = participant.getTrackPublication(Track.Source.Camera)?.videoTrack as RemoteVideoTrack | undefined;
      const stats = [...((await track?.receiver?.getStats())?.values() ?? [])].find((s) => s.type === 'inbound-rtp');
      return { bytes: (stats?.bytesReceived as number | undefined) ?? 0, decoding: (stats?.framesDecoded as number | undefined) ?? 0 };
    }),
  );
}

async function receivingCount(): Promise<number> {
  return (await videoStats()).filter((s) => s.decoding > 0).length;
}

/** Video bytes the viewer has received so far, over every remote camera. */
async function bytesReceived(): Promise<number> {
  return (await videoStats()).reduce((sum, s) => sum + s.bytes, 0);
}

function setPageSize(pageSize: number): void {
  viewer!.pageSize = pageSize;
}

async function leave(): Promise<void> {
  viewer?.remove();
  viewer = undefined;
  await Promise.all(publishers.map((room) => room.disconnect()));
  publishers = [];
  painters.splice(0).forEach(clearInterval);
}

(window as unknown as { gridBandwidth: unknown }).gridBandwidth = { join, bytesReceived, setPageSize, leave };
