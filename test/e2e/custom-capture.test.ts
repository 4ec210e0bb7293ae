import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { LocalMedia } from '../../src/core/local-media.js';
import { RoomSession } from '../../src/core/room-session.js';
import '../../src/define.js';
import type { RtcLocalPreview } from '../../src/elements/local-preview/local-preview.js';
import { waitForFrames } from '../support/media.js';

// The page's own picture (a canvas) sent as the camera, and switched with the camera mid-call, for real.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;
let counter = 0;
const uniqueRoom = () => `custom-${Date.now()}-${counter++}`;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A canvas painted one colour, redrawn so its stream keeps producing frames. */
function paintedCanvas(colour: string): MediaStreamTrack {
  const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
  const context = canvas.getContext('2d')!;
  const paint = () => {
    context.fillStyle = colour;
    context.fillRect(0, 0, canvas.width, canvas.height);
  };
  paint();
  const timer = setInterval(paint, 50);
  const track = canvas.captureStream(20).getVideoTracks()[0]!;
  cleanups.push(() => {
    clearInterval(timer);
    track.stop();
  });
  return track;
}

/** The colour in the middle of what a video shows, as [r, g, b]. */
function centreColour(video: HTMLVideoElement): number[] {
  const canvas = Object.assign(document.createElement('canvas'), { width: 16, height: 16 });
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, 16, 16);
  return [...context.getImageData(8, 8, 1, 1).data.slice(0, 3)];
}

const isRed = ([r, g, b]: number[]) => r! > 180 && g! < 80 && b! < 80;

describe('custom capture', () => {
  it('sends a canvas in place of the camera: the other side sees its colour, and the camera comes back', async () => {
    const room = uniqueRoom();
    const media = new LocalMedia();
    // The camera first, as a page would have it: the page's track then takes its place.
    await media.start({ video: 'low' });
    await media.useCustomTrack('video', paintedCanvas('#ff0000'));
    const alice = new RoomSession();
    const bob = new RoomSession();
    cleanups.push(() => alice.leave(), () => bob.leave(), () => media.stop());
    alice.useLocalMedia(media);
    await alice.connect({ serverUrl: await serverUrl(), token: await token({ room, identity: 'alice' }) });
    await bob.connect({ serverUrl: await serverUrl(), token: await token({ room, identity: 'bob' }) });
    const atBob = await following(bob);
    await waitUntil(async () => isRed(await atBob()), 'bob sees red', { timeout: 10000 });
    expect(alice.trackStates.get().publish.camera).to.equal('publishing');

    await alice.leave();
    await media.useCustomTrack('video', undefined);
    expect(media.customTrack('video')).to.equal(undefined);
    expect(media.camera.get()?.deviceId, 'a camera again').to.be.a('string').and.not.equal('');
    await media.useCustomTrack('audio', paintedCanvas('#00ff00')).then(
      () => expect.fail('a video track is no microphone'),
      (error: { code: string }) => expect(error.code).to.equal('media-unsupported'),
    );
  });

  it('keeps the page’s track the page’s, and a camera turned off off', async () => {
    const media = new LocalMedia();
    cleanups.push(() => media.stop());
    await media.start({ video: 'low' });
    const canvas = paintedCanvas('#ff0000');
    await media.useCustomTrack('video', canvas);
    const wrapper = media.camera.get()!.track;
    await media.useCustomTrack('video', canvas);
    expect(media.camera.get()!.track, 'the same track given again changes nothing').to.equal(wrapper);
    expect(canvas.readyState).to.equal('live');

    await media.setCameraEnabled(false);
    await media.useCustomTrack('video', undefined);
    expect(media.camera.get(), 'turned off, going back captures no camera').to.equal(undefined);
    expect(canvas.readyState, 'the kit did not stop the page’s track').to.equal('live');
    await media.useCustomTrack('video', canvas);
    expect(media.camera.get()!.enabled, 'still off with the page’s track').to.equal(false);
    media.stop();
    expect(canvas.readyState, 'not even when the media stops').to.equal('live');
  });

  it('switches <rtc-local-preview> between the camera and the page’s track mid-call: the other side follows', async () => {
    const room = uniqueRoom();
    const preview = document.createElement('rtc-local-preview') as RtcLocalPreview;
    preview.video = 'low';
    document.body.append(preview);
    cleanups.push(() => preview.remove());
    await waitUntil(() => preview.getAttribute('status') === 'ready', 'the camera runs', { timeout: 10000 });
    const alice = new RoomSession();
    const bob = new RoomSession();
    cleanups.push(() => alice.leave(), () => bob.leave());
    alice.useLocalMedia(preview.media);
    await alice.connect({ serverUrl: await serverUrl(), token: await token({ room, identity: 'alice' }) });
    await bob.connect({ serverUrl: await serverUrl(), token: await token({ room, identity: 'bob' }) });
    const atBob = await following(bob);
    expect(isRed(await atBob()), 'the fake camera is not red').to.equal(false);

    preview.customVideo = new MediaStream([paintedCanvas('#ff0000')]);
    await waitUntil(async () => isRed(await atBob()), 'bob sees the canvas', { timeout: 15000 });
    await waitUntil(() => isRed(centreColour(preview.shadowRoot!.querySelector('video')!)), 'the preview shows it too', { timeout: 5000 });
    expect(alice.trackStates.get().publish.camera).to.equal('publishing');
    expect(alice.connection.get().state, 'without leaving the call').to.equal('connected');

    preview.customVideo = undefined;
    await waitUntil(async () => !isRed(await atBob()), 'back to the camera', { timeout: 15000 });
    expect(preview.media.customTrack('video')).to.equal(undefined);
  });
});

/** The colour bob sees of alice's camera now, following it when its track changes (a new element for each). */
async function following(bob: RoomSession): Promise<() => Promise<number[]>> {
  const current = () => bob.participants.get().find((p) => p.identity === 'alice')?.tracks.find((t) => t.source === 'camera')?.mediaStreamTrack;
  await waitUntil(current, 'bob receives alice’s camera', { timeout: 15000 });
  let shown: { track: MediaStreamTrack; video: HTMLVideoElement } | undefined;
  return async () => {
    const track = current();
    if (track && track !== shown?.track) {
      shown?.video.remove();
      const video = Object.assign(document.createElement('video'), { muted: true, autoplay: true, playsInline: true });
      video.srcObject = new MediaStream([track]);
      document.body.append(video);
      cleanups.push(() => video.remove());
      shown = { track, video };
      await waitForFrames(video, 'bob shows frames').catch(() => undefined);
    }
    // A video given a track before its first frame may have given up playing: ask again.
    if (shown?.video.paused) await shown.video.play().catch(() => undefined);
    return shown ? centreColour(shown.video) : [0, 0, 0];
  };
}
