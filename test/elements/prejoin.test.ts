import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { RtcPrejoin } from '../../src/elements/prejoin/prejoin.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import type { RtcDeviceSelect } from '../../src/elements/device-select/device-select.js';
import { FakeSession } from '../support/fake-session.js';
import { RtcError } from '../../src/core/errors.js';
import { waitForFrames } from '../support/media.js';
import { settled } from '../support/deep.js';

async function lobby(options: { name?: string; lang?: string } = {}) {
  const session = new FakeSession();
  const page = await fixture<HTMLElement>(html`<div lang=${options.lang ?? 'en'}>
    <rtc-prejoin for="meeting" name=${options.name ?? 'Ming'}></rtc-prejoin>
    <rtc-room id="meeting" manual room="standup" .session=${session}></rtc-room>
  </div>`);
  const prejoin = page.querySelector('rtc-prejoin')!;
  const room = page.querySelector<RtcRoom>('rtc-room')!;
  await settled(prejoin);
  const preview = prejoin.shadowRoot!.querySelector('rtc-local-preview')!;
  await waitUntil(() => preview.getAttribute('status') === 'ready', 'the camera and microphone start', { timeout: 10000 });
  return { prejoin, room, session, preview };
}

const joinButton = (prejoin: RtcPrejoin) => prejoin.shadowRoot!.querySelector<HTMLButtonElement>('[part="join-button"]')!;

describe('<rtc-prejoin>', () => {
  it('shows your camera with real frames, a microphone level, the three device lists and Join', async () => {
    const { prejoin, preview } = await lobby();
    await waitForFrames(preview.shadowRoot!.querySelector('video')!, 'the preview shows the camera');
    expect(preview.shadowRoot!.querySelector('meter'), 'a level meter').to.exist;
    const lists = [...prejoin.shadowRoot!.querySelectorAll<RtcDeviceSelect>('rtc-device-select')];
    expect(lists.map((list) => list.kind)).to.deep.equal(['videoinput', 'audioinput', 'audiooutput']);
    await waitUntil(() => lists[0]!.devices.length > 0, 'the cameras are listed');
    expect(joinButton(prejoin).textContent!.trim()).to.equal('Join');
    await expect(prejoin).to.be.accessible();
  });

  it('joins the room it precedes with the name and the same capture, camera off as it was left', async () => {
    const { prejoin, room, session, preview } = await lobby({ name: 'Ming Li' });
    preview.shadowRoot!.querySelector<HTMLButtonElement>('[part="camera-button"]')!.click();
    await waitUntil(() => !prejoin.media!.camera.get()?.enabled, 'the camera is off');
    const request = oneEvent(prejoin, 'rtc-join-request');
    joinButton(prejoin).click();
    expect((await request).detail).to.deep.equal({ name: 'Ming Li', audio: true, video: false });
    await waitUntil(() => room.connectionState === 'connected', 'the room joins');
    expect(room.name).to.equal('Ming Li');
    const used = session.calls.find((call) => call.method === 'useLocalMedia');
    expect(used?.args[0], 'the preview’s own capture: no second prompt, no flicker').to.equal(prejoin.media);
    expect(session.calls.find((call) => call.method === 'connect')?.args[0]).to.include({ name: 'Ming Li', room: 'standup' });
  });

  it('gives the room the speaker chosen before joining', async () => {
    const { prejoin, room, session } = await lobby();
    const speakers = prejoin.shadowRoot!.querySelector<RtcDeviceSelect>('rtc-device-select[kind="audiooutput"]')!;
    await waitUntil(() => speakers.devices.length > 1, 'the fake speakers are listed');
    const other = speakers.devices.find((device) => device.deviceId !== speakers.value)!;
    await speakers.select(other.deviceId);
    expect(speakers.value, 'remembered before any room').to.equal(other.deviceId);
    joinButton(prejoin).click();
    await waitUntil(() => room.connectionState === 'connected');
    expect(session.selectedDevices.get('audiooutput')).to.equal(other.deviceId);
  });

  it('asks for a name before joining, and lets the page join its own way', async () => {
    const { prejoin, room, session } = await lobby({ name: '' });
    let asked = 0;
    prejoin.addEventListener('rtc-join-request', () => asked++);
    joinButton(prejoin).click();
    await prejoin.updateComplete;
    expect(asked).to.equal(0);
    expect(prejoin.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal('Enter your name to join.');
    expect(prejoin.shadowRoot!.activeElement, 'focus on the name').to.equal(prejoin.shadowRoot!.querySelector('[part="name-input"]'));
    prejoin.name = 'Ming';
    prejoin.addEventListener('rtc-join-request', (event) => event.preventDefault(), { once: true });
    joinButton(prejoin).click();
    await prejoin.updateComplete;
    expect(asked).to.equal(1);
    expect(session.calls.some((call) => call.method === 'connect'), 'prevented: the room is left alone').to.equal(false);
    expect(room.connectionState).to.equal('idle');
  });

  it('shows why joining failed, in the page’s language', async () => {
    const { prejoin, session } = await lobby({ lang: 'zh-CN' });
    session.onConnect = async () => {
      session.setState('failed', 'unauthorized');
      throw new RtcError('unauthorized', 'token expired');
    };
    expect(joinButton(prejoin).textContent!.trim()).to.equal('加入');
    const error = oneEvent(prejoin, 'rtc-error');
    joinButton(prejoin).click();
    expect((await error).detail.code).to.equal('unauthorized');
    await prejoin.updateComplete;
    expect(prejoin.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('令牌');
    expect(prejoin.busy).to.equal(false);
    await expect(prejoin).to.be.accessible();
  });
});
