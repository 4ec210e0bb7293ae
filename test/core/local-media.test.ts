import { expect, waitUntil } from '@open-wc/testing';
import { RtcError } from '../../src/core/errors.js';
import { LocalMedia, parseVideoAttribute, videoConstraints } from '../../src/core/local-media.js';
import { countCaptures, framesIn, waitForFrames } from '../support/media.js';


describe('LocalMedia (real capture from the fake camera and microphone)', () => {
  let media: LocalMedia;
  afterEach(() => {
    media?.stop();
    document.querySelectorAll('video').forEach((v) => v.remove());
  });

  it('captures the "standard" preset at 640x480 with real frames', async () => {
    media = new LocalMedia();
    await media.start({ video: 'standard' });
    const camera = media.camera.get()!;
    expect(camera.mediaStreamTrack.readyState).to.equal('live');
    const video = await framesIn(camera.mediaStreamTrack);
    expect([video.videoWidth, video.videoHeight]).to.deep.equal([640, 480]);
    expect(media.microphone.get()).to.equal(undefined);
    expect(media.status.get()).to.equal('ready');
  });

  it('captures the "low" preset at 320x240 and an explicit size', async () => {
    media = new LocalMedia();
    await media.start({ video: 'low' });
    let video = await framesIn(media.camera.get()!.mediaStreamTrack);
    expect([video.videoWidth, video.videoHeight]).to.deep.equal([320, 240]);
    await media.start({ video: { width: 480, height: 360 } });
    video = await framesIn(media.camera.get()!.mediaStreamTrack);
    expect([video.videoWidth, video.videoHeight]).to.deep.equal([480, 360]);
  });

  it('captures audio only', async () => {
    media = new LocalMedia();
    await media.start({ audio: true });
    expect(media.camera.get()).to.equal(undefined);
    expect(media.microphone.get()!.mediaStreamTrack.kind).to.equal('audio');
    expect(media.microphone.get()!.mediaStreamTrack.readyState).to.equal('live');
  });

  it('turning the camera off stops the capture, and on captures again', async () => {
    media = new LocalMedia();
    await media.start({ video: true, audio: true });
    const first = media.camera.get()!.mediaStreamTrack;
    await media.setCameraEnabled(false);
    expect(first.readyState, 'camera light goes out').to.equal('ended');
    expect(media.camera.get()!.enabled).to.equal(false);
    await media.setCameraEnabled(true);
    const second = media.camera.get()!.mediaStreamTrack;
    expect(second).to.not.equal(first);
    expect(second.readyState).to.equal('live');
    await framesIn(second);
  });

  it('turning the microphone off stops it too', async () => {
    media = new LocalMedia();
    await media.start({ audio: true });
    const first = media.microphone.get()!.mediaStreamTrack;
    await media.setMicrophoneEnabled(false);
    expect(first.readyState).to.equal('ended');
    await media.setMicrophoneEnabled(true);
    expect(media.microphone.get()!.mediaStreamTrack.readyState).to.equal('live');
    expect(media.microphone.get()!.enabled).to.equal(true);
  });

  it('turning the camera on when it was never captured starts a capture', async () => {
    media = new LocalMedia();
    await media.start({ audio: true });
    expect(media.camera.get()).to.equal(undefined);
    await media.setCameraEnabled(true);
    await framesIn(media.camera.get()!.mediaStreamTrack);
  });

  it('attaches the camera to a video element and follows it through toggles', async () => {
    media = new LocalMedia();
    await media.start({ video: 'low' });
    const video = document.createElement('video');
    document.body.append(video);
    const detach = media.attach(video);
    await waitForFrames(video);
    expect(video.videoWidth).to.equal(320);
    await media.setCameraEnabled(false);
    expect(video.srcObject).to.equal(null);
    await media.setCameraEnabled(true);
    await waitUntil(() => video.srcObject !== null, 'the new capture is shown');
    await waitForFrames(video);
    detach();
    expect(video.srcObject).to.equal(null);
  });

  it('captures once when the camera is turned on twice in a row', async () => {
    media = new LocalMedia();
    const captures = await countCaptures(() => Promise.all([media.setCameraEnabled(true), media.setCameraEnabled(true)]));
    expect(captures).to.equal(1);
    const camera = media.camera.get()!.mediaStreamTrack;
    media.stop();
    expect(camera.readyState, 'no capture left running').to.equal('ended');
  });

  it('drops a capture that finishes after stop()', async () => {
    media = new LocalMedia();
    const turningOn = media.setCameraEnabled(true);
    media.stop();
    await turningOn;
    expect(media.camera.get()).to.equal(undefined);
  });

  it('stays ready when its own capture fails but a toggle captured the camera meanwhile', async () => {
    media = new LocalMedia();
    // A slow microphone: its request fails only after the camera toggle has captured.
    const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      if (constraints?.audio) await new Promise((resolve) => setTimeout(resolve, 500));
      return getUserMedia(constraints);
    };
    try {
      const starting = media.start({ audio: { deviceId: 'no-such-microphone' } });
      await media.setCameraEnabled(true);
      await starting;
    } finally {
      navigator.mediaDevices.getUserMedia = getUserMedia;
    }
    expect(media.status.get()).to.equal('ready');
    expect(media.error.get()?.code).to.equal('device-not-found');
    expect(media.camera.get()!.mediaStreamTrack.readyState).to.equal('live');
  });

  it('captures again when turned on after stop(), even if an earlier capture was still pending', async () => {
    media = new LocalMedia();
    const first = media.setCameraEnabled(true);
    media.stop();
    await media.setCameraEnabled(true);
    await first;
    expect(media.camera.get()!.mediaStreamTrack.readyState).to.equal('live');
  });

  it('starts with a source set up but off, capturing it only when turned on', async () => {
    media = new LocalMedia();
    await media.start({ video: 'low', audio: true, off: { camera: true } });
    expect(media.camera.get()).to.equal(undefined);
    expect(media.microphone.get()!.enabled).to.equal(true);
    await media.setCameraEnabled(true);
    const video = await framesIn(media.camera.get()!.mediaStreamTrack);
    expect(video.videoWidth, 'with the settings given at start').to.equal(320);
  });

  it('measures the microphone level while subscribed', async () => {
    media = new LocalMedia();
    await media.start({ audio: true });
    const level = media.microphoneLevel()!;
    let loudest = 0;
    const stop = level.subscribe((value) => (loudest = Math.max(loudest, value)));
    // The fake microphone beeps about once a second.
    await waitUntil(() => loudest > 0.05, 'the level rises with the fake microphone beep', { timeout: 5000 });
    stop();
  });

  it('reports a missing camera as device-not-found', async () => {
    media = new LocalMedia();
    const failure = await media.start({ video: { deviceId: 'no-such-camera' } }).catch((e: unknown) => e);
    expect(failure).to.be.instanceOf(RtcError);
    expect((failure as RtcError).code).to.equal('device-not-found');
    expect(media.error.get()?.code).to.equal('device-not-found');
    expect(media.status.get()).to.equal('failed');
  });

  it('keeps the camera when only the microphone is missing', async () => {
    media = new LocalMedia();
    await media.start({ video: true, audio: { deviceId: 'no-such-microphone' } });
    expect(media.camera.get()?.mediaStreamTrack.readyState).to.equal('live');
    expect(media.microphone.get()).to.equal(undefined);
    await waitUntil(() => media.error.get()?.code === 'device-not-found', 'the missing microphone is reported');
  });
});

describe('video settings', () => {
  it('reads the video attribute like the seed SDKs', () => {
    expect(parseVideoAttribute(null)).to.equal(false);
    expect(parseVideoAttribute('')).to.equal(true);
    expect(parseVideoAttribute('HD')).to.equal('hd');
    expect(parseVideoAttribute('1280x720')).to.deep.equal({ width: 1280, height: 720 });
  });

  it('asks for the preset size, facing mode and exact device', () => {
    const constraints = videoConstraints({ resolution: 'fullhd', facingMode: 'environment', deviceId: 'cam-2' });
    expect(constraints.width).to.deep.equal({ ideal: 1920 });
    expect(constraints.height).to.deep.equal({ ideal: 1080 });
    expect(constraints.facingMode).to.deep.equal({ ideal: 'environment' });
    expect(constraints.deviceId).to.deep.equal({ exact: 'cam-2' });
  });
});
