import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/control-bar/rtc-control-bar.js';
import '../../src/elements/room/rtc-room.js';
import type { RtcControlBar } from '../../src/elements/control-bar/control-bar.js';
import type { RtcLeaveButton } from '../../src/elements/leave-button/leave-button.js';
import type { RtcMediaToggle } from '../../src/elements/media-toggle/media-toggle.js';
import { RtcError } from '../../src/core/errors.js';
import { FakeSession, participant, track } from '../support/fake-session.js';
import { deepQueryAll, settled } from '../support/deep.js';
import type { RtcRoom } from '../../src/elements/room/room.js';

const button = (el: Element) => el.shadowRoot!.querySelector('button')!;

/** A session where I am connected with microphone and camera on. */
function meInCall(): FakeSession {
  const session = new FakeSession();
  session.setParticipants([participant('me', { isLocal: true, tracks: [track('microphone'), track('camera')] })]);
  session.setState('connected');
  return session;
}

async function inRoom<T extends Element>(session: FakeSession, inner: ReturnType<typeof html>, selector: string, lang = 'en'): Promise<T> {
  const room = await fixture(html`<rtc-room manual lang=${lang} .session=${session}>${inner}</rtc-room>`);
  const el = room.querySelector(selector) as T & { updateComplete: Promise<unknown> };
  await el.updateComplete;
  return el;
}

describe('rtc-media-toggle', () => {
  it('shares the screen, with the hot switch when asked, says "Stop sharing" and stands out only while sharing', async () => {
    const session = meInCall();
    const el = await inRoom<RtcMediaToggle>(session, html`<rtc-media-toggle source="screen" replace-camera></rtc-media-toggle>`, 'rtc-media-toggle');
    expect(button(el).textContent!.trim()).to.equal('Share screen');
    // Its words change with its state, so it is a plain button: a toggle's name must not change.
    expect(button(el).hasAttribute('aria-pressed')).to.equal(false);
    const idle = getComputedStyle(button(el)).backgroundColor;
    expect(idle, 'not sharing is not an alarm').to.not.equal('rgb(198, 40, 40)');
    button(el).click();
    await waitUntil(() => button(el).textContent!.trim() === 'Stop sharing', 'shown sharing');
    expect(getComputedStyle(button(el)).backgroundColor, 'sharing stands out').to.not.equal(idle);
    expect(session.calls.at(-1)).to.deep.equal({ method: 'setScreenShareEnabled', args: [true, { replaceCamera: true }] });
    button(el).click();
    await waitUntil(() => button(el).textContent!.trim() === 'Share screen', 'shown not sharing');
    expect(session.calls.at(-1)).to.deep.equal({ method: 'setScreenShareEnabled', args: [false, { replaceCamera: true }] });
    await expect(el).to.be.accessible();
  });

  it('takes a second press while the picker is open as nothing', async () => {
    const session = meInCall();
    let answer: () => void = () => undefined;
    session.setScreenShareEnabled = (enabled) => {
      session.calls.push({ method: 'setScreenShareEnabled', args: [enabled] });
      return new Promise<void>((resolve) => (answer = resolve));
    };
    const el = await inRoom<RtcMediaToggle>(session, html`<rtc-media-toggle source="screen"></rtc-media-toggle>`, 'rtc-media-toggle');
    button(el).click();
    button(el).click();
    answer();
    await el.updateComplete;
    expect(session.calls.filter((c) => c.method === 'setScreenShareEnabled')).to.have.length(1);
  });

  it('reports a closed screen picker as screen-share-cancelled and stays off', async () => {
    const session = meInCall();
    session.setScreenShareEnabled = async () => {
      throw new RtcError('screen-share-cancelled', 'Screen sharing was cancelled.');
    };
    const el = await inRoom<RtcMediaToggle>(session, html`<rtc-media-toggle source="screen"></rtc-media-toggle>`, 'rtc-media-toggle', 'zh-CN');
    expect(button(el).textContent!.trim()).to.equal('共享屏幕');
    const error = oneEvent(el, 'rtc-error');
    button(el).click();
    expect((await error).detail.code).to.equal('screen-share-cancelled');
    await el.updateComplete;
    expect(button(el).textContent!.trim()).to.equal('共享屏幕');
    expect(el.on).to.equal(false);
    expect(el.busy).to.equal(false);
  });

  it('shows whether the device is on, and turns it off and on; off is neutral with a crossed icon, never red', async () => {
    const session = meInCall();
    const el = await inRoom<RtcMediaToggle>(session, html`<rtc-media-toggle source="camera"></rtc-media-toggle>`, 'rtc-media-toggle');
    expect(button(el).getAttribute('aria-pressed')).to.equal('true');
    expect(el.hasAttribute('on')).to.equal(true);
    expect(button(el).textContent!.trim()).to.equal('Camera');
    const lines = () => button(el).querySelectorAll('svg path').length;
    const onLines = lines();
    button(el).click();
    await waitUntil(() => button(el).getAttribute('aria-pressed') === 'false', 'shown off');
    expect(lines(), 'a line crosses the icon').to.equal(onLines + 1);
    const off = getComputedStyle(button(el));
    expect([off.backgroundColor, off.color], 'not the red of Leave').to.not.include('rgb(198, 40, 40)');
    expect(button(el).getBoundingClientRect().height, 'a 44px target').to.be.at.least(44);
    expect(session.calls.at(-1)).to.deep.equal({ method: 'setCameraEnabled', args: [false] });
    button(el).click();
    await waitUntil(() => button(el).getAttribute('aria-pressed') === 'true', 'shown on again');
    expect(session.calls.at(-1)).to.deep.equal({ method: 'setCameraEnabled', args: [true] });
  });

  it('reports a device that cannot start with rtc-error and stays off', async () => {
    const session = new FakeSession();
    session.setParticipants([participant('me', { isLocal: true, tracks: [track('microphone', { muted: true })] })]);
    session.setState('connected');
    session.setMicrophoneEnabled = async () => {
      throw new RtcError('permission-denied', 'denied');
    };
    const el = await inRoom<RtcMediaToggle>(session, html`<rtc-media-toggle source="microphone"></rtc-media-toggle>`, 'rtc-media-toggle');
    expect(el.on).to.equal(false);
    const error = oneEvent(el, 'rtc-error');
    button(el).click();
    expect((await error).detail).to.deep.equal({ code: 'permission-denied', message: 'denied' });
    expect(button(el).getAttribute('aria-pressed')).to.equal('false');
  });

  it('is disabled outside a room; compact, it is a 44px icon whose words show as a tooltip on focus and stay its name; Chinese', async () => {
    const alone = await fixture<RtcMediaToggle>(html`<rtc-media-toggle source="camera" compact></rtc-media-toggle>`);
    expect(button(alone).disabled).to.equal(true);
    await expect(alone).to.be.accessible();
    const el = await inRoom<RtcMediaToggle>(meInCall(), html`<rtc-media-toggle source="microphone" compact></rtc-media-toggle>`, 'rtc-media-toggle', 'zh-CN');
    expect(button(el).textContent!.trim()).to.equal('麦克风');
    const box = button(el).getBoundingClientRect();
    expect([box.width, box.height]).to.deep.equal([44, 44]);
    const tooltip = el.shadowRoot!.querySelector<HTMLElement>('[part="label"]')!;
    expect(getComputedStyle(tooltip).opacity, 'out of sight until asked for').to.equal('0');
    button(el).focus();
    await sendKeys({ press: 'Shift' });
    await waitUntil(() => getComputedStyle(tooltip).opacity === '1', 'the tooltip shows on keyboard focus');
    await expect(el).to.be.accessible();
  });

  it('with menu, lists the microphones and speakers beside the toggle, switches one, and closes with Escape back on its button', async () => {
    const session = meInCall();
    const el = await inRoom<RtcMediaToggle>(session, html`<rtc-media-toggle source="microphone" menu></rtc-media-toggle>`, 'rtc-media-toggle');
    const opener = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="menu-button"]')!;
    expect(opener.getAttribute('aria-label')).to.equal('Microphone settings');
    expect(opener.getAttribute('aria-expanded')).to.equal('false');
    opener.focus();
    await sendKeys({ press: 'Enter' });
    const menu = el.shadowRoot!.querySelector<HTMLElement>('[part="menu"]')!;
    await waitUntil(() => menu.matches(':popover-open'), 'the device list opens');
    await el.updateComplete;
    expect(opener.getAttribute('aria-expanded')).to.equal('true');
    const lists = [...menu.querySelectorAll('rtc-device-select')];
    expect(lists.map((list) => [list.getAttribute('kind'), list.getAttribute('variant')])).to.deep.equal([
      ['audioinput', 'list'],
      ['audiooutput', 'list'],
    ]);
    const microphones = lists[0]!;
    await waitUntil(() => microphones.devices.length > 1, 'the fake microphones are listed');
    await microphones.updateComplete;
    const radios = [...microphones.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.length).to.equal(microphones.devices.length);
    const other = radios.find((radio) => !radio.checked)!;
    other.click();
    await waitUntil(() => session.selectedDevices.get('audioinput') === other.value, 'the choice is switched to');
    other.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !menu.matches(':popover-open'), 'Escape closes it');
    expect(el.shadowRoot!.activeElement, 'focus back on its button').to.equal(opener);
    await expect(el).to.be.accessible();
  });
});

describe('rtc-leave-button', () => {
  it('is enabled while there is a call to leave, connecting included', async () => {
    const session = new FakeSession();
    const el = await inRoom<RtcLeaveButton>(session, html`<rtc-leave-button></rtc-leave-button>`, 'rtc-leave-button');
    const enabled: [string, boolean][] = [];
    for (const state of ['idle', 'connecting', 'connected', 'reconnecting', 'failed', 'disconnected'] as const) {
      session.setState(state);
      await el.updateComplete;
      enabled.push([state, !button(el).disabled]);
    }
    expect(enabled).to.deep.equal([
      ['idle', false],
      ['connecting', true],
      ['connected', true],
      ['reconnecting', true],
      ['failed', false],
      ['disconnected', false],
    ]);
  });

  it('asks first with a cancelable rtc-leave-request, then leaves', async () => {
    const session = meInCall();
    const el = await inRoom<RtcLeaveButton>(session, html`<rtc-leave-button></rtc-leave-button>`, 'rtc-leave-button');
    el.addEventListener('rtc-leave-request', (event) => event.preventDefault(), { once: true });
    button(el).click();
    await el.updateComplete;
    expect(session.calls.map((c) => c.method)).not.to.include('leave');
    const request = oneEvent(el, 'rtc-leave-request');
    button(el).click();
    expect((await request).cancelable).to.equal(true);
    await waitUntil(() => session.calls.some((c) => c.method === 'leave'), 'left');
    await expect(el).to.be.accessible();
  });
});

describe('rtc-control-bar', () => {
  it('holds the microphone and camera (with their device lists), screen share, layout, the page’s own controls, and leave, in a labelled toolbar', async () => {
    const el = await inRoom<RtcControlBar>(meInCall(), html`<rtc-control-bar><button>Raise hand</button></rtc-control-bar>`, 'rtc-control-bar');
    const bar = el.shadowRoot!.querySelector('[part="bar"]')!;
    expect(bar.getAttribute('role')).to.equal('toolbar');
    expect(bar.getAttribute('aria-label')).to.equal('Call controls');
    const order = [...bar.children].map((child) => (child instanceof HTMLSlotElement ? child.assignedElements()[0]!.textContent : child.localName));
    expect(order).to.deep.equal(['rtc-media-toggle', 'rtc-media-toggle', 'rtc-media-toggle', 'rtc-layout-toggle', 'Raise hand', 'rtc-leave-button']);
    const toggles = [...bar.querySelectorAll<RtcMediaToggle>('rtc-media-toggle')];
    expect(toggles.map((toggle) => toggle.menu), 'device lists beside the microphone and camera').to.deep.equal([true, true, false]);
    await expect(el).to.be.accessible();
  });

  it('is one row of 44px icons on a phone, with the layout in "More", and words again when there is room', async () => {
    const session = meInCall();
    const room = await fixture(html`<rtc-room manual .session=${session} style="display: block; width: 390px"><rtc-control-bar><button>Raise hand</button></rtc-control-bar></rtc-room>`);
    const el = room.querySelector('rtc-control-bar')!;
    await waitUntil(() => el.iconsOnly, 'icons only under 600px');
    await settled(el);
    const bar = el.shadowRoot!.querySelector('[part="bar"]')!;
    const targets = deepQueryAll<HTMLButtonElement>(bar, 'button').filter((b) => b.getBoundingClientRect().width > 0 && !b.closest('[popover]'));
    const own = room.querySelector('button')!;
    for (const target of [...targets.filter((b) => b !== own)]) {
      const box = target.getBoundingClientRect();
      expect([box.width >= 44, box.height >= 44], target.getAttribute('part') ?? target.textContent!.trim()).to.deep.equal([true, true]);
    }
    expect(new Set(targets.map((b) => Math.round(b.getBoundingClientRect().top))).size, 'one row').to.equal(1);
    expect(targets.every((b) => b.getBoundingClientRect().right <= 390), 'inside the width').to.equal(true);
    expect(el.shadowRoot!.querySelector('rtc-layout-toggle'), 'the layout moved into More').to.equal(null);
    expect(bar.querySelector<RtcMediaToggle>('rtc-media-toggle')!.menu, 'devices are chosen in the settings on a phone').to.equal(false);
    el.toggleMore(true);
    const menu = el.shadowRoot!.querySelector<HTMLElement>('[part="more-menu"]')!;
    await waitUntil(() => menu.matches(':popover-open'));
    const item = menu.querySelector<HTMLButtonElement>('[role="menuitem"]')!;
    expect(item.textContent!.trim()).to.equal('Speaker view');
    item.click();
    await waitUntil(() => (room as RtcRoom).layout === 'speaker', 'the menu item switched the layout');
    (room as HTMLElement).style.width = '1200px';
    await waitUntil(() => !el.iconsOnly, 'words come back with room for them');
    await expect(el).to.be.accessible();
  });

  it('toggles the microphone with Ctrl+D and the camera with Ctrl+E, but not while typing or when turned off', async () => {
    const session = meInCall();
    const room = await fixture(html`<div><input /><rtc-room manual .session=${session}><rtc-control-bar></rtc-control-bar></rtc-room></div>`);
    const el = room.querySelector('rtc-control-bar')!;
    await el.updateComplete;
    const press = (key: string, target: EventTarget = document.body, init: KeyboardEventInit = { ctrlKey: true }) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
      target.dispatchEvent(event);
      return event;
    };
    expect(press('d').defaultPrevented, 'the browser’s bookmark shortcut gives way').to.equal(true);
    await waitUntil(() => session.calls.some((c) => c.method === 'setMicrophoneEnabled'), 'the microphone toggled');
    expect(session.calls.at(-1)).to.deep.equal({ method: 'setMicrophoneEnabled', args: [false] });
    press('e', document.body, { metaKey: true });
    await waitUntil(() => session.calls.at(-1)?.method === 'setCameraEnabled', 'the camera toggled with ⌘ too');
    const before = session.calls.length;
    press('d', room.querySelector('input')!);
    press('d', document.body, {});
    el.noShortcuts = true;
    await el.updateComplete;
    press('e');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(session.calls.length, 'typing, no modifier, or shortcuts off: nothing').to.equal(before);
    const toggle = el.shadowRoot!.querySelector('rtc-media-toggle')!;
    await toggle.updateComplete;
    expect(button(toggle).hasAttribute('aria-keyshortcuts'), 'no shortcut announced once off').to.equal(false);
  });
});
