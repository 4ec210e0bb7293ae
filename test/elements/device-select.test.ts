import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import { deviceList, memoryDeviceMemory, type DeviceOption } from '../../src/core/devices.js';
import { RtcError } from '../../src/core/errors.js';
import { LocalMedia } from '../../src/core/local-media.js';
import type { RtcDeviceSelect } from '../../src/elements/device-select/device-select.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import { FakeSession, participant, track } from '../support/fake-session.js';

// Chromium's fake devices (three cameras, three microphones, three speakers): real lists, real switches.

const cameras = async () => (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'videoinput');
const select = (el: RtcDeviceSelect) => el.shadowRoot!.querySelector('select')!;
const options = (el: RtcDeviceSelect) => [...select(el).options].map((option) => option.textContent);

async function listed(el: RtcDeviceSelect, count: number): Promise<void> {
  await waitUntil(() => el.devices.length === count, `${count} devices listed`, { timeout: 5000 });
  await el.updateComplete;
}

describe('LocalMedia devices (real fake cameras)', () => {
  let media: LocalMedia | undefined;
  afterEach(() => media?.stop());

  it('switches the running camera in place, remembers it, and captures it first next time', async () => {
    const memory = memoryDeviceMemory();
    media = new LocalMedia({ deviceMemory: memory });
    await media.start({ video: 'low' });
    const [, , third] = await cameras();
    const track = media.camera.get()!.track;
    await media.switchDevice('videoinput', third!.deviceId);
    expect(media.camera.get()!.track, 'the same LocalTrack').to.equal(track);
    expect(media.camera.get()!.deviceId).to.equal(third!.deviceId);
    expect(memory.get('videoinput')).to.equal(third!.deviceId);
    media.stop();
    media = new LocalMedia({ deviceMemory: memory });
    await media.start({ video: 'low' });
    expect(media.camera.get()!.deviceId, 'the remembered camera').to.equal(third!.deviceId);
  });

  it('ignores a remembered camera that is not plugged in', async () => {
    media = new LocalMedia({ deviceMemory: memoryDeviceMemory({ videoinput: 'unplugged-camera' }) });
    await media.start({ video: 'low' });
    expect(media.camera.get()!.mediaStreamTrack.readyState).to.equal('live');
    expect(media.error.get()).to.equal(undefined);
  });

  it('moves to another camera when the one in use is unplugged, and says so when switching to a missing one', async () => {
    media = new LocalMedia({ deviceMemory: memoryDeviceMemory() });
    await media.start({ video: 'low' });
    const [first, , third] = await cameras();
    await media.switchDevice('videoinput', third!.deviceId);
    // What the browser does when a camera is unplugged: its track ends.
    const unplugged = media.camera.get()!.mediaStreamTrack;
    unplugged.stop();
    unplugged.dispatchEvent(new Event('ended'));
    await waitUntil(() => media!.camera.get()?.mediaStreamTrack !== unplugged && media!.camera.get()?.mediaStreamTrack.readyState === 'live', 'a new capture runs', {
      timeout: 5000,
    });
    expect(media.camera.get()!.deviceId, 'on the default camera').to.equal(first!.deviceId);
    expect(media.error.get()).to.equal(undefined);

    const error = await media.switchDevice('videoinput', 'no-such-camera').catch((e: unknown) => e);
    expect((error as { code?: string }).code).to.equal('device-not-found');
    await waitUntil(() => media!.camera.get()?.mediaStreamTrack.readyState === 'live', 'the camera keeps running', { timeout: 5000 });
  });

  it('lists devices and follows devicechange while watched', async () => {
    const enumerate = navigator.mediaDevices.enumerateDevices;
    let hideLast = false;
    navigator.mediaDevices.enumerateDevices = async () => {
      const all = await enumerate.call(navigator.mediaDevices);
      return hideLast ? all.filter((device) => device.deviceId !== all.filter((d) => d.kind === 'videoinput').at(-1)!.deviceId) : all;
    };
    try {
      const lists: (readonly DeviceOption[])[] = [];
      const stop = deviceList('videoinput').subscribe((list) => lists.push(list));
      await waitUntil(() => lists.at(-1)?.length === 3, 'three cameras');
      expect(lists.at(-1)!.every((camera) => camera.label.startsWith('fake_device_'))).to.equal(true);
      hideLast = true;
      navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
      await waitUntil(() => lists.at(-1)?.length === 2, 'one was unplugged');
      stop();
      hideLast = false;
      const seen = lists.length;
      navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(lists.length, 'no listening once unsubscribed').to.equal(seen);
    } finally {
      navigator.mediaDevices.enumerateDevices = enumerate;
    }
  });
});

describe('rtc-device-select', () => {
  it('lists the cameras in a labelled list, shows the one in use, and switches the room’s camera', async () => {
    const session = new FakeSession();
    const media = new LocalMedia({ deviceMemory: memoryDeviceMemory() });
    await media.start({ video: 'low' });
    session.useLocalMedia(media);
    try {
      const room = await fixture<RtcRoom>(html`<rtc-room manual .session=${session}><rtc-device-select kind="videoinput"></rtc-device-select></rtc-room>`);
      const el = room.querySelector('rtc-device-select')!;
      await listed(el, 3);
      expect(el.shadowRoot!.querySelector('label')!.textContent).to.equal('Camera');
      expect(options(el)).to.deep.equal(['fake_device_0', 'fake_device_1', 'fake_device_2']);
      expect(select(el).value).to.equal(el.devices[0]!.deviceId);
      const changed = oneEvent(el, 'rtc-device-changed');
      select(el).value = el.devices[2]!.deviceId;
      select(el).dispatchEvent(new Event('change'));
      expect((await changed).detail).to.deep.equal({ kind: 'videoinput', deviceId: el.devices[2]!.deviceId, label: 'fake_device_2' });
      expect(session.selectedDevices.get('videoinput')).to.equal(el.devices[2]!.deviceId);
      expect(media.camera.get()!.deviceId, 'the camera really switched').to.equal(el.devices[2]!.deviceId);
      await el.updateComplete;
      expect(select(el).value).to.equal(el.devices[2]!.deviceId);
      await expect(el).to.be.accessible();
    } finally {
      media.stop();
    }
  });

  it('switches a preview’s camera before joining, given its media', async () => {
    const preview = await fixture(html`<rtc-local-preview video="low"></rtc-local-preview>`);
    const media = (preview as unknown as { media: LocalMedia }).media;
    await waitUntil(() => media.camera.get(), 'the preview captures', { timeout: 5000 });
    const el = await fixture<RtcDeviceSelect>(html`<rtc-device-select kind="videoinput" .media=${media}></rtc-device-select>`);
    await listed(el, 3);
    await el.select(el.devices[2]!.deviceId);
    expect(media.camera.get()!.deviceId).to.equal(el.devices[2]!.deviceId);
    localStorage.removeItem('rtc-elements.device.videoinput');
    preview.remove();
  });

  it('chooses the speaker everyone’s audio in the room plays on', async () => {
    const session = new FakeSession();
    const audio = new AudioContext().createMediaStreamDestination().stream.getAudioTracks()[0]!;
    session.setParticipants([participant('me', { isLocal: true }), participant('alice', { tracks: [track('microphone', { mediaStreamTrack: audio })] })]);
    const room = await fixture<RtcRoom>(html`<rtc-room manual .session=${session}><rtc-device-select kind="audiooutput"></rtc-device-select></rtc-room>`);
    const el = room.querySelector('rtc-device-select')!;
    await listed(el, 3);
    expect(el.shadowRoot!.querySelector('label')!.textContent).to.equal('Speaker');
    expect(select(el).value, 'the default at first').to.equal('default');
    const speaker = el.devices.find((device) => device.deviceId !== 'default')!;
    await el.select(speaker.deviceId);
    await waitUntil(() => room.shadowRoot!.querySelector('audio')?.sinkId === speaker.deviceId, 'alice’s audio plays on it', { timeout: 5000 });
    expect(select(el).value).to.equal(speaker.deviceId);
  });

  it('says there is nothing to choose, in Chinese too, and reports a failed switch', async () => {
    const session = new FakeSession();
    session.selectDevice = async () => {
      throw new RtcError('device-not-found', 'gone');
    };
    const page = await fixture(html`<div lang="zh-CN"><rtc-room manual .session=${session}><rtc-device-select kind="audioinput"></rtc-device-select></rtc-room></div>`);
    const el = page.querySelector('rtc-device-select')!;
    await listed(el, 3);
    expect(el.shadowRoot!.querySelector('label')!.textContent).to.equal('麦克风');
    const error = oneEvent(el, 'rtc-error');
    const before = select(el).value;
    select(el).value = el.devices[1]!.deviceId;
    select(el).dispatchEvent(new Event('change'));
    expect((await error).detail.code).to.equal('device-not-found');
    await el.updateComplete;
    expect(select(el).value, 'the list goes back to the device in use').to.equal(before);
    const empty = await fixture<RtcDeviceSelect>(html`<rtc-device-select kind="audiooutput" lang="zh-CN"></rtc-device-select>`);
    Object.defineProperty(empty, 'devices', { get: () => [] });
    empty.requestUpdate();
    await empty.updateComplete;
    expect(options(empty)).to.deep.equal(['未找到设备']);
    expect(select(empty).disabled).to.equal(true);
  });
});
