import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { Track, type RemoteTrackPublication, type RemoteVideoTrack } from 'livekit-client';
import type { RoomSession } from '../../src/core/room-session.js';
import '../../src/define.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import type { RtcDeviceSelect } from '../../src/elements/device-select/device-select.js';
import type { RtcControlBar } from '../../src/elements/control-bar/control-bar.js';
import type { RtcMediaToggle } from '../../src/elements/media-toggle/media-toggle.js';
import type { RtcErrorEvent } from '../../src/events/error.js';
import { waitForFrames } from '../support/media.js';
import { deepQuery } from '../support/deep.js';

// The default conference as people use it: several <rtc-room>s on one page, each a participant, against the
// dev server, with Chromium's fake cameras (two of them), microphone and screen.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string; name?: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;
let roomCounter = 0;
const uniqueRoom = () => `conference-${Date.now()}-${roomCounter++}`;

// Up to four rooms, two by two, all in view: tiles out of view receive no video, by design.
const page = Object.assign(document.createElement('div'), { style: 'display: grid; grid-template-columns: 1fr 1fr; gap: 4px; width: 1260px' });
document.body.append(page);
before(() => setViewport({ width: 1280, height: 1000 }));
const rooms: RtcRoom[] = [];
afterEach(() => {
  rooms.splice(0).forEach((room) => room.remove());
  localStorage.removeItem('rtc-elements.device.videoinput');
});

async function joinAs(room: string, identity: string, setup: (el: RtcRoom) => void = () => undefined): Promise<RtcRoom> {
  const element = document.createElement('rtc-room');
  element.serverUrl = await serverUrl();
  element.token = await token({ room, identity, name: identity[0]!.toUpperCase() + identity.slice(1) });
  element.video = 'low';
  element.style.cssText = 'height: 480px';
  setup(element);
  rooms.push(element);
  page.append(element);
  return element;
}

const shadow = (el: Element | null | undefined, selector: string) => el?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const layoutOf = (room: RtcRoom) => deepQuery(room, 'rtc-grid, rtc-speaker-layout');
const tilesIn = (room: RtcRoom) => [...(layoutOf(room)?.shadowRoot?.querySelectorAll<HTMLElement>('rtc-participant-video') ?? [])];
const tileOf = (room: RtcRoom, participant: string, source = 'camera') =>
  tilesIn(room).find((tile) => tile.getAttribute('participant') === participant && (tile.getAttribute('source') ?? 'camera') === source);
const controlOf = (room: RtcRoom, selector: string) => shadow(deepQuery(room, 'rtc-control-bar'), selector);
const buttonOf = (host: HTMLElement | null) => host?.shadowRoot?.querySelector('button') as HTMLButtonElement;
/** Switches the layout as a person would: its button, or, on a bar of icons, its item in "More". */
function switchLayout(room: RtcRoom): void {
  const toggle = controlOf(room, 'rtc-layout-toggle');
  if (toggle) return buttonOf(toggle).click();
  const bar = deepQuery(room, 'rtc-control-bar') as RtcControlBar;
  bar.toggleMore(true);
  bar.shadowRoot!.querySelector<HTMLButtonElement>('[part="more-menu"] [role="menuitem"]')!.click();
}
/** Whether a media toggle (microphone, camera, screen) is on. */
const isOn = (room: RtcRoom, source: string) => controlOf(room, `rtc-media-toggle[source="${source}"]`)!.hasAttribute('on');
const publicationOf = (room: RtcRoom, identity: string, source: Track.Source) =>
  (room.session as RoomSession).room?.remoteParticipants.get(identity)?.getTrackPublication(source) as RemoteTrackPublication | undefined;

async function framesDecoded(publication: RemoteTrackPublication | undefined): Promise<number> {
  const stats = await (publication?.videoTrack as RemoteVideoTrack | undefined)?.receiver?.getStats();
  const inbound = [...(stats?.values() ?? [])].find((s) => s.type === 'inbound-rtp') as { framesDecoded?: number } | undefined;
  return inbound?.framesDecoded ?? 0;
}

/** Waits for the tile `find` returns to exist and show decoded frames. */
async function expectTileFrames(find: () => HTMLElement | null | undefined, message: string): Promise<void> {
  await waitUntil(() => find() && !find()!.hasAttribute('camera-off'), `${message}: video arrives`, { timeout: 15000 });
  const video = find()!.shadowRoot!.querySelector('video')!;
  await waitForFrames(video, message).catch((error: Error) => {
    const track = (video.srcObject as MediaStream | null)?.getVideoTracks()[0];
    const box = find()!.getBoundingClientRect();
    throw new Error(`${error.message} (readyState ${video.readyState}, paused ${video.paused}, track ${track?.readyState} muted ${track?.muted}, tile ${box.x},${box.y} ${box.width}x${box.height})`);
  });
}

/** The element that has keyboard focus, looking through shadow roots. */
function deepActiveElement(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

describe('conference: four participants on one page', () => {
  it('shows four tiles with frames, switches to the speaker layout, pins with focus kept, and pages without receiving off-page video', async function () {
    this.timeout(90000);
    const room = uniqueRoom();
    const alice = await joinAs(room, 'alice');
    for (const identity of ['bob', 'carol', 'dave']) await joinAs(room, identity);

    await waitUntil(() => tilesIn(alice).length === 4, 'alice’s grid has four tiles', { timeout: 15000 });
    expect(tilesIn(alice).map((tile) => tile.getAttribute('participant'))).to.deep.equal(['local', 'bob', 'carol', 'dave']);
    for (const identity of ['bob', 'carol', 'dave']) await expectTileFrames(() => tileOf(alice, identity), `${identity}’s tile in the grid`);

    // The layout toggle in the control bar: the speaker layout, one on the stage and a filmstrip of three.
    const layoutChanges: string[] = [];
    alice.addEventListener('rtc-layout-changed', ({ detail }) => layoutChanges.push(`${detail.layout}:${detail.pinned}`));
    switchLayout(alice);
    await waitUntil(() => layoutOf(alice)?.localName === 'rtc-speaker-layout', 'the speaker layout', { timeout: 5000 });
    expect(alice.getAttribute('layout')).to.equal('speaker');
    const speaker = layoutOf(alice)!;
    const stageTile = () => shadow(speaker, '[part="stage-tile"]');
    const filmstrip = () => [...(speaker.shadowRoot?.querySelectorAll('[part="filmstrip"] rtc-participant-video') ?? [])].map((tile) => tile.getAttribute('participant'));
    await waitUntil(() => filmstrip().length === 3, 'three in the filmstrip');
    expect(filmstrip()).to.include('local');
    await expectTileFrames(() => stageTile(), 'the stage shows someone');
    const stageWidth = stageTile()!.getBoundingClientRect().width;
    const filmWidth = tilesIn(alice).find((tile) => tile !== stageTile())!.getBoundingClientRect().width;
    const stageBox = shadow(speaker, '[part="stage"]')!.getBoundingClientRect();
    expect(stageWidth, `the stage is larger than the filmstrip tiles (stage ${stageBox.width}x${stageBox.height}, layout ${speaker.getBoundingClientRect().height})`).to.be.greaterThan(filmWidth * 1.5);

    // Pin carol from her filmstrip tile with the keyboard: she takes the stage and focus stays on her pin button.
    if (stageTile()!.getAttribute('participant') === 'carol') {
      switchLayout(alice);
      await waitUntil(() => layoutOf(alice)?.localName === 'rtc-grid');
      switchLayout(alice);
      await waitUntil(() => layoutOf(alice)?.localName === 'rtc-speaker-layout');
    }
    const carolInFilmstrip = [...speaker.shadowRoot!.querySelectorAll<HTMLElement>('[part="filmstrip"] rtc-participant-video')].find(
      (tile) => tile.getAttribute('participant') === 'carol',
    )!;
    const pin = carolInFilmstrip.shadowRoot!.querySelector<HTMLButtonElement>('[part="pin-button"]')!;
    expect(pin.getAttribute('aria-pressed')).to.equal('false');
    pin.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => stageTile()?.getAttribute('participant') === 'carol', 'carol is on the stage', { timeout: 5000 });
    expect(alice.pinned).to.equal('carol');
    expect(layoutChanges.at(-1)).to.equal('speaker:carol');
    await waitUntil(() => deepActiveElement()?.getAttribute('part') === 'pin-button', 'focus is back on a pin button', { timeout: 3000 });
    const focusedTile = (deepActiveElement()!.getRootNode() as ShadowRoot).host;
    expect(focusedTile.getAttribute('participant'), 'focus stays with carol').to.equal('carol');
    await waitUntil(() => deepActiveElement()?.getAttribute('aria-pressed') === 'true', 'the focused pin button shows carol pinned');
    await expectTileFrames(() => stageTile(), 'carol on the stage shows frames');
    await expect(alice).to.be.accessible();

    // Back to the grid, two to a page: the tiles off the page stop receiving video.
    alice.pinned = '';
    alice.layout = 'grid';
    alice.pageSize = 2;
    await waitUntil(() => layoutOf(alice)?.localName === 'rtc-grid' && tilesIn(alice).length === 2, 'a grid page of two', { timeout: 5000 });
    expect(tilesIn(alice).map((tile) => tile.getAttribute('participant'))).to.deep.equal(['local', 'bob']);
    const camera = (identity: string) => publicationOf(alice, identity, Track.Source.Camera);
    await waitUntil(() => camera('carol')?.isEnabled === false && camera('dave')?.isEnabled === false, 'carol and dave, off the page, are not received', {
      timeout: 10000,
    });
    // Frames already on their way when the server stopped still arrive: count from a moment later.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = await framesDecoded(camera('dave'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await framesDecoded(camera('dave')), 'no frames arrive for an off-page tile').to.equal(before);
    expect(camera('bob')?.isEnabled).to.equal(true);
  });
});

describe('conference: devices', () => {
  it('switches the camera to another fake camera in place: no renegotiation, and the other side keeps receiving', async function () {
    this.timeout(60000);
    const room = uniqueRoom();
    const alice = await joinAs(room, 'alice', (el) => (el.video = 'standard'));
    const bob = await joinAs(room, 'bob', (el) => (el.video = false));
    await expectTileFrames(() => tileOf(bob, 'alice'), 'bob sees alice');
    // The cameras are listed beside the camera toggle.
    const cameraToggle = controlOf(alice, 'rtc-media-toggle[source="camera"]') as RtcMediaToggle;
    cameraToggle.toggleMenu(true);
    const select = deepQuery(cameraToggle, 'rtc-device-select[kind="videoinput"]') as RtcDeviceSelect;
    await waitUntil(() => select.devices.length === 3, 'the three fake cameras are listed', { timeout: 5000 });
    // The third: the second fake camera is a depth camera that cannot be sent (see web-test-runner.config.mjs).
    const [first, , second] = select.devices;
    expect(select.value).to.equal(first!.deviceId);
    const session = alice.session as RoomSession;
    const sidBefore = session.room!.localParticipant.getTrackPublication(Track.Source.Camera)!.trackSid;
    const received = publicationOf(bob, 'alice', Track.Source.Camera)!;
    const receivedTrack = received.videoTrack!.mediaStreamTrack;

    // Count offers and answers on the whole page from here on: a switch in place makes none.
    let negotiations = 0;
    const setLocalDescription = RTCPeerConnection.prototype.setLocalDescription;
    RTCPeerConnection.prototype.setLocalDescription = function (this: RTCPeerConnection, ...args: Parameters<RTCPeerConnection['setLocalDescription']>) {
      negotiations++;
      return setLocalDescription.apply(this, args);
    } as typeof setLocalDescription;
    try {
      const changed = new Promise<CustomEvent>((resolve) => alice.addEventListener('rtc-device-changed', resolve as EventListener, { once: true }));
      select.shadowRoot!.querySelector<HTMLInputElement>(`input[value="${second!.deviceId}"]`)!.click();
      expect((await changed).detail).to.include({ kind: 'videoinput', deviceId: second!.deviceId });
      const sent = session.room!.localParticipant.getTrackPublication(Track.Source.Camera)!.track!.mediaStreamTrack;
      expect(sent.getSettings().deviceId, 'alice now sends the second camera').to.equal(second!.deviceId);
      await waitUntil(() => select.value === second!.deviceId, 'the list shows the camera in use');
      const framesAfterSwitch = await framesDecoded(received);
      await waitUntil(async () => (await framesDecoded(received)) > framesAfterSwitch + 10, 'bob keeps decoding frames', { timeout: 10000 });
      expect(negotiations, 'no offer or answer was made').to.equal(0);
    } finally {
      RTCPeerConnection.prototype.setLocalDescription = setLocalDescription;
    }
    expect(session.room!.localParticipant.getTrackPublication(Track.Source.Camera)!.trackSid, 'the same publication').to.equal(sidBefore);
    expect(publicationOf(bob, 'alice', Track.Source.Camera)!.videoTrack!.mediaStreamTrack, 'bob’s track is the same').to.equal(receivedTrack);
    expect(localStorage.getItem('rtc-elements.device.videoinput'), 'the choice is remembered').to.equal(second!.deviceId);
  });
});

describe('conference: screen share', () => {
  const screenToggle = (room: RtcRoom) => buttonOf(controlOf(room, 'rtc-media-toggle[source="screen"]'));

  it('shares the screen with its audio; the others see it take the stage, hear about it, and see it stop', async function () {
    this.timeout(60000);
    const room = uniqueRoom();
    const alice = await joinAs(room, 'alice');
    const bob = await joinAs(room, 'bob', (el) => (el.video = false));
    await expectTileFrames(() => tileOf(bob, 'alice'), 'bob sees alice’s camera');
    screenToggle(alice).click();
    await waitUntil(() => isOn(alice, 'screen') && screenToggle(alice).textContent!.trim() === 'Stop sharing', 'alice’s toggle shows sharing', { timeout: 10000 });
    await waitUntil(() => layoutOf(bob)?.localName === 'rtc-speaker-layout', 'the share takes bob’s stage', { timeout: 10000 });
    const stage = () => shadow(layoutOf(bob), '[part="stage-tile"]');
    await waitUntil(() => stage()?.getAttribute('source') === 'screen' && stage()?.getAttribute('participant') === 'alice', 'alice’s screen on the stage');
    await expectTileFrames(() => stage(), 'the screen shows frames');
    expect(shadow(stage(), '[part="name"]')!.textContent).to.equal('Alice’s screen');
    await waitUntil(() => publicationOf(bob, 'alice', Track.Source.ScreenShareAudio)?.isSubscribed, 'the screen’s audio arrives too', { timeout: 10000 });
    expect(shadow(bob, '[part="announcer"]')!.textContent).to.contain('Alice is sharing their screen');
    expect(tileOf(bob, 'alice', 'camera'), 'alice’s camera stays in the filmstrip').to.exist;

    const errors: string[] = [];
    alice.addEventListener('rtc-error', ({ detail }) => errors.push(detail.code));
    screenToggle(alice).click();
    await waitUntil(() => !publicationOf(bob, 'alice', Track.Source.ScreenShare), 'the share ends for bob', { timeout: 10000 });
    expect(errors, 'stopping from the toggle is no error').to.deep.equal([]);
    await waitUntil(() => !tileOf(bob, 'alice', 'screen'), 'and its tile goes');
    expect(isOn(alice, 'screen')).to.equal(false);
    const local = (alice.session as RoomSession).room!.localParticipant;
    expect(local.getTrackPublication(Track.Source.ScreenShare), 'nothing left published').to.equal(undefined);
  });

  it('hot-switches camera and screen: the camera goes off while sharing and comes back when the browser’s own bar stops it', async function () {
    this.timeout(60000);
    const room = uniqueRoom();
    const alice = await joinAs(room, 'alice');
    const bob = await joinAs(room, 'bob', (el) => (el.video = false));
    await expectTileFrames(() => tileOf(bob, 'alice'), 'bob sees alice’s camera');
    deepQuery(alice, 'rtc-control-bar')!.toggleAttribute('replace-camera', true);
    await (deepQuery(alice, 'rtc-control-bar') as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    screenToggle(alice).click();
    await waitUntil(() => tileOf(bob, 'alice', 'screen'), 'bob gets alice’s screen', { timeout: 10000 });
    await expectTileFrames(() => tileOf(bob, 'alice', 'screen'), 'the screen shows frames');
    await waitUntil(() => tileOf(bob, 'alice', 'camera')?.hasAttribute('camera-off'), 'alice’s camera went off for bob', { timeout: 10000 });
    expect(buttonOf(controlOf(alice, 'rtc-media-toggle[source="camera"]')).getAttribute('aria-pressed')).to.equal('false');

    // What Chrome does when the person clicks "Stop sharing" in its own bar: the capture ends.
    const screenTrack = (alice.session as RoomSession).room!.localParticipant.getTrackPublication(Track.Source.ScreenShare)!.track!.mediaStreamTrack;
    const ended = new Promise<RtcErrorEvent>((resolve) => alice.addEventListener('rtc-error', resolve as EventListener, { once: true }));
    screenTrack.stop();
    screenTrack.dispatchEvent(new Event('ended'));
    expect((await ended).detail.code, 'the page hears that sharing ended').to.equal('screen-share-cancelled');
    expect(alice.connectionState).to.equal('connected');
    await waitUntil(() => !tileOf(bob, 'alice', 'screen'), 'the share ends for bob', { timeout: 10000 });
    await expectTileFrames(() => tileOf(bob, 'alice', 'camera'), 'alice’s camera is back for bob');
    expect(isOn(alice, 'screen')).to.equal(false);
    expect(buttonOf(controlOf(alice, 'rtc-media-toggle[source="camera"]')).getAttribute('aria-pressed')).to.equal('true');
  });

  it('treats a closed picker as cancelled: a screen-share-cancelled event, nothing shared, the call goes on', async () => {
    const room = uniqueRoom();
    const alice = await joinAs(room, 'alice');
    await waitUntil(() => alice.connectionState === 'connected', 'connected', { timeout: 10000 });
    const getDisplayMedia = navigator.mediaDevices.getDisplayMedia;
    // Chrome rejects this way when the person closes its picker; the picker itself cannot be driven here.
    navigator.mediaDevices.getDisplayMedia = () => Promise.reject(new DOMException('Permission denied by user', 'NotAllowedError'));
    try {
      const error = new Promise<RtcErrorEvent>((resolve) => alice.addEventListener('rtc-error', resolve as EventListener, { once: true }));
      screenToggle(alice).click();
      expect((await error).detail.code).to.equal('screen-share-cancelled');
    } finally {
      navigator.mediaDevices.getDisplayMedia = getDisplayMedia;
    }
    expect(isOn(alice, 'screen')).to.equal(false);
    expect(alice.connectionState).to.equal('connected');
    expect((alice.session as RoomSession).room!.localParticipant.getTrackPublication(Track.Source.ScreenShare)).to.equal(undefined);
  });
});
