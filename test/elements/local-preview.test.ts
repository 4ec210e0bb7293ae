import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/local-preview/rtc-local-preview.js';
import '../../src/elements/room/rtc-room.js';
import type { RtcLocalPreview } from '../../src/elements/local-preview/local-preview.js';
import { FakeSession } from '../support/fake-session.js';
import { waitForFrames } from '../support/media.js';

const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string) =>
  el.shadowRoot!.querySelector(`[part~="${name}"]`) as T;

async function ready(el: RtcLocalPreview): Promise<void> {
  await waitUntil(() => el.status === 'ready' || el.status === 'failed', 'capture settles', { timeout: 10000 });
  await el.updateComplete;
}

describe('<rtc-local-preview>', () => {
  let el: RtcLocalPreview | undefined;
  afterEach(() => {
    el?.stop();
    el = undefined;
  });

  it('previews the camera at the "standard" 640x480 with real frames', async () => {
    el = await fixture<RtcLocalPreview>(html`<rtc-local-preview video="standard"></rtc-local-preview>`);
    await ready(el);
    const video = part<HTMLVideoElement>(el, 'video');
    await waitForFrames(video);
    expect([video.videoWidth, video.videoHeight]).to.deep.equal([640, 480]);
    expect(el.hasAttribute('mirrored')).to.equal(true);
    expect(el.getAttribute('status')).to.equal('ready');
  });

  it('moves the microphone level meter', async () => {
    el = await fixture<RtcLocalPreview>(html`<rtc-local-preview audio></rtc-local-preview>`);
    await ready(el);
    const meter = part<HTMLMeterElement>(el, 'meter');
    let loudest = 0;
    await waitUntil(
      () => {
        loudest = Math.max(loudest, meter.value);
        return loudest > 0.05;
      },
      'the meter moves with the fake microphone',
      { timeout: 6000, interval: 30 },
    );
  });

  it('toggles really stop and restart the camera and microphone', async () => {
    el = await fixture<RtcLocalPreview>(html`<rtc-local-preview video="low" audio></rtc-local-preview>`);
    await ready(el);
    const cameraButton = part<HTMLButtonElement>(el, 'camera-button');
    const microphoneButton = part<HTMLButtonElement>(el, 'microphone-button');
    expect(cameraButton.getAttribute('aria-pressed')).to.equal('true');
    const [cameraTrack] = el.stream.getVideoTracks();
    const [microphoneTrack] = el.stream.getAudioTracks();

    cameraButton.click();
    await waitUntil(() => cameraButton.getAttribute('aria-pressed') === 'false', 'camera off');
    expect(cameraTrack!.readyState).to.equal('ended');
    expect(part(el, 'placeholder').hidden).to.equal(false);

    microphoneButton.click();
    await waitUntil(() => microphoneButton.getAttribute('aria-pressed') === 'false', 'microphone off');
    expect(microphoneTrack!.readyState).to.equal('ended');

    cameraButton.click();
    await waitUntil(() => cameraButton.getAttribute('aria-pressed') === 'true', 'camera on again');
    await waitForFrames(part<HTMLVideoElement>(el, 'video'));
    expect(el.stream.getVideoTracks()[0]!.readyState).to.equal('live');
  });

  it('tells the page each settled change of the capture with rtc-local-media-changed', async () => {
    const element = document.createElement('rtc-local-preview');
    element.setAttribute('video', 'low');
    element.toggleAttribute('audio', true);
    const seen: string[] = [];
    element.addEventListener('rtc-local-media-changed', ({ detail }) => seen.push(`${detail.status} camera:${detail.camera} mic:${detail.microphone}`));
    el = await fixture<RtcLocalPreview>(element);
    await ready(el);
    await waitUntil(() => seen.length === 1, 'ready reported');
    await el.toggleCamera();
    await el.toggleMicrophone();
    await el.toggleCamera();
    expect(seen).to.deep.equal([
      'ready camera:true mic:true',
      'ready camera:false mic:true',
      'ready camera:false mic:false',
      'ready camera:true mic:false',
    ]);
  });

  it('reports a missing camera as device-not-found, visibly, and keeps going without it', async () => {
    const element = document.createElement('rtc-local-preview');
    element.setAttribute('video', '');
    element.setAttribute('device-id', 'unplugged-camera');
    const error = oneEvent(element, 'rtc-error');
    el = await fixture<RtcLocalPreview>(element);
    const { detail } = await error;
    expect(detail.code).to.equal('device-not-found');
    await ready(el);
    expect(el.getAttribute('error-code')).to.equal('device-not-found');
    expect(part(el, 'message').textContent).to.contain('No camera or microphone was found');
    expect(part(el, 'placeholder').textContent).to.contain('You can still join');
  });

  it('hands its capture to the room session it sits in, once', async () => {
    const session = new FakeSession();
    const room = await fixture(html`<rtc-room manual .session=${session}><rtc-local-preview video="low"></rtc-local-preview></rtc-room>`);
    el = room.querySelector('rtc-local-preview')!;
    await ready(el);
    const used = session.calls.filter((c) => c.method === 'useLocalMedia');
    expect(used).to.have.length(1);
    expect(used[0]!.args[0]).to.equal(el.media);
    el.remove();
    await new Promise((resolve) => setTimeout(resolve));
    expect(session.calls.map((c) => c.method)).to.include('releaseLocalMedia');
  });

  it('switches the microphone in place, keeping a camera turned off, off', async () => {
    el = await fixture<RtcLocalPreview>(html`<rtc-local-preview video="low" audio></rtc-local-preview>`);
    await ready(el);
    await el.toggleCamera();
    const [microphone] = el.stream.getAudioTracks();
    const current = microphone!.getSettings().deviceId;
    const other = (await navigator.mediaDevices.enumerateDevices()).find(
      (d) => d.kind === 'audioinput' && d.deviceId !== current && d.deviceId !== 'default',
    )!;
    expect(other, 'the fake devices include a second microphone').to.exist;
    el.audioDeviceId = other.deviceId;
    await waitUntil(() => el!.stream.getAudioTracks()[0]?.getSettings().deviceId === other.deviceId, 'the microphone switched');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(el.cameraEnabled, 'the camera stays off').to.equal(false);
    expect(el.stream.getVideoTracks().filter((t) => t.readyState === 'live')).to.have.length(0);
  });

  it('keeps a camera turned off, off, when the video preset changes', async () => {
    el = await fixture<RtcLocalPreview>(html`<rtc-local-preview video="low" audio></rtc-local-preview>`);
    await ready(el);
    await el.toggleCamera();
    const [before] = el.stream.getAudioTracks();
    el.setAttribute('video', 'standard');
    await waitUntil(() => el!.status === 'ready' && el!.stream.getAudioTracks()[0] !== before, 'captured again');
    expect(el.cameraEnabled).to.equal(false);
    await el.toggleCamera();
    const video = part<HTMLVideoElement>(el, 'video');
    await waitForFrames(video);
    expect(video.videoWidth, 'with the new preset').to.equal(640);
  });

  it('uses a microphone chosen while the first capture is still on its way', async () => {
    const devices = await navigator.mediaDevices.enumerateDevices();
    const chosen = devices.filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default').at(-1)!;
    el = await fixture<RtcLocalPreview>(html`<rtc-local-preview audio></rtc-local-preview>`);
    el.audioDeviceId = chosen.deviceId;
    await waitUntil(() => el!.stream.getAudioTracks()[0]?.getSettings().deviceId === chosen.deviceId, 'the chosen microphone is used');
  });

  it('reports a restart as one settled state, never one that did not exist', async () => {
    el = await fixture<RtcLocalPreview>(html`<rtc-local-preview video="low" audio></rtc-local-preview>`);
    await ready(el);
    const seen: string[] = [];
    el.addEventListener('rtc-local-media-changed', ({ detail }) => seen.push(`${detail.status} camera:${detail.camera} mic:${detail.microphone}`));
    el.facingMode = 'user';
    await new Promise((resolve) => setTimeout(resolve));
    await waitUntil(() => el!.status === 'ready', 'captured again');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen, 'on, then on again: nothing to report').to.deep.equal([]);
    el.stop();
    await new Promise((resolve) => setTimeout(resolve));
    expect(seen).to.deep.equal(['stopped camera:false mic:false']);
  });

  it('keeps its capture when moved within the page', async () => {
    el = await fixture<RtcLocalPreview>(html`<rtc-local-preview video="low"></rtc-local-preview>`);
    await ready(el);
    const [camera] = el.stream.getVideoTracks();
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(camera!.readyState).to.equal('live');
    expect(el.stream.getVideoTracks()[0]).to.equal(camera);
    await waitForFrames(part<HTMLVideoElement>(el, 'video'));
    elsewhere.remove();
  });

  it('stops the camera when removed from the page', async () => {
    el = await fixture<RtcLocalPreview>(html`<rtc-local-preview video="low"></rtc-local-preview>`);
    await ready(el);
    const [camera] = el.stream.getVideoTracks();
    el.remove();
    await new Promise((resolve) => setTimeout(resolve));
    expect(camera!.readyState).to.equal('ended');
  });

  it('is accessible, with labelled toggles and meter', async () => {
    el = await fixture<RtcLocalPreview>(html`<rtc-local-preview video="low" audio></rtc-local-preview>`);
    await ready(el);
    await expect(el).to.be.accessible();
    expect(part(el, 'camera-button').textContent!.trim()).to.equal('Camera');
  });
});
