import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { RtcRoom } from '../../src/elements/room/room.js';
import type { RtcConference } from '../../src/elements/conference/conference.js';
import type { RtcControlBar } from '../../src/elements/control-bar/control-bar.js';
import type { ScriptedSession } from '../../src/core/scripted-session.js';
import { threePeople } from '../../stories/support/scenes.js';
import { loopbackTransport } from '../../stories/support/scripted-chat.js';
import { deepActiveElement, deepQuery, deepQueryAll, settled } from '../support/deep.js';

/** A room of `width` x `height` with its default conference, three people in it. */
async function conferenceOf(width: number, height: number, options: { lang?: string; session?: ScriptedSession; inner?: ReturnType<typeof html> } = {}) {
  const session = options.session ?? threePeople();
  const room = await fixture<RtcRoom>(html`<rtc-room manual lang=${options.lang ?? 'en'} .session=${session} style="display: block; width: ${width}px; height: ${height}px">${options.inner ?? ''}</rtc-room>`);
  await settled(room);
  const conference = (room.querySelector('rtc-conference') ?? room.shadowRoot!.querySelector('rtc-conference')) as RtcConference;
  await waitUntil(() => deepQuery(conference, '.tiles.placed'), 'the tiles are laid out');
  await settled(room);
  return { room, conference, session };
}

const part = (conference: RtcConference, name: string) => conference.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`)!;
const bar = (conference: RtcConference) => part(conference, 'controls') as RtcControlBar;
const barButton = (conference: RtcConference, name: string) => bar(conference).shadowRoot!.querySelector<HTMLButtonElement>(`[part="${name}"]`)!;

/** The share of `box` the tiles cover. */
function coverage(conference: RtcConference, box: DOMRect): number {
  const tiles = deepQueryAll(conference, 'rtc-participant-video').map((tile) => tile.getBoundingClientRect());
  return tiles.reduce((sum, r) => sum + r.width * r.height, 0) / (box.width * box.height);
}

describe('<rtc-conference>', () => {
  it('fills a desktop window with three people: video covers at least 75% of it, no hole, one row of controls', async () => {
    const { room, conference } = await conferenceOf(1280, 800);
    expect(coverage(conference, room.getBoundingClientRect())).to.be.at.least(0.75);
    const controls = deepQueryAll<HTMLButtonElement>(bar(conference), 'button').filter((b) => b.getBoundingClientRect().width > 0 && !b.closest('[popover]'));
    expect(new Set(controls.map((b) => Math.round(b.getBoundingClientRect().top))).size, 'one row').to.equal(1);
    expect(bar(conference).iconsOnly, 'words beside the icons on a desktop').to.equal(false);
    await expect(room).to.be.accessible();
  });

  it('fills a phone with three people (at least 80%), under one row of 44px icons inside the screen', async () => {
    const { room, conference } = await conferenceOf(390, 844);
    expect(conference.narrow).to.equal(true);
    expect(coverage(conference, room.getBoundingClientRect())).to.be.at.least(0.8);
    await waitUntil(() => bar(conference).iconsOnly, 'icons only on a phone');
    await settled(room);
    const controls = deepQueryAll<HTMLButtonElement>(bar(conference), 'button').filter((b) => b.getBoundingClientRect().width > 0 && !b.closest('[popover]'));
    const screen = room.getBoundingClientRect();
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      const where = `${control.getAttribute('part')} ${JSON.stringify(box)}`;
      expect(box.width >= 44 && box.height >= 44, `${where}: a 44px target`).to.equal(true);
      expect(box.left >= screen.left && box.right <= screen.right && box.bottom <= screen.bottom, `${where}: inside the screen`).to.equal(true);
    }
    expect(new Set(controls.map((b) => Math.round(b.getBoundingClientRect().top))).size, 'one row').to.equal(1);
    await expect(room).to.be.accessible();
  });

  it('opens the chat beside the stage from its toggle; Escape closes it, focus back on the toggle', async () => {
    const { conference } = await conferenceOf(1280, 800);
    const toggle = barButton(conference, 'chat-button');
    const stageBefore = part(conference, 'main').getBoundingClientRect().width;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await settled(conference);
    expect(conference.panel).to.equal('chat');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    const panel = part(conference, 'panel');
    expect(panel.hidden).to.equal(false);
    expect(panel.getBoundingClientRect().left, 'beside the stage').to.be.at.least(part(conference, 'main').getBoundingClientRect().right);
    await waitUntil(() => part(conference, 'main').getBoundingClientRect().width < stageBefore, 'the stage makes room');
    expect(deepActiveElement(), 'focus moves to the panel').to.equal(part(conference, 'panel-title'));
    expect(deepQuery(panel, 'rtc-chat')!.shadowRoot!.querySelector('textarea')!.placeholder).to.equal('Write a message…');
    await sendKeys({ press: 'Escape' });
    await settled(conference);
    expect(conference.panel).to.equal('');
    expect(deepActiveElement(), 'focus back on the chat toggle').to.equal(toggle);
  });

  it('counts chat that arrives while the chat is closed on its toggle, and clears it once read', async () => {
    const session = threePeople();
    const { conference } = await conferenceOf(1280, 800, { session });
    session.messages.connected(loopbackTransport('ming', { alice: 'Alice Wang' }));
    session.messages.receiveChat('alice', 'Shall we start?', { id: 'a1', timestamp: Date.now() });
    session.messages.receiveChat('alice', 'I will share my screen.', { id: 'a2', timestamp: Date.now() });
    await waitUntil(() => bar(conference).shadowRoot!.querySelector('[part="unread"]')?.textContent === '2', 'two unread on the toggle');
    const toggle = barButton(conference, 'chat-button');
    const description = bar(conference).shadowRoot!.getElementById(toggle.getAttribute('aria-describedby')!)!;
    expect(description.textContent, 'told to screen readers').to.equal('2 unread');
    toggle.click();
    await waitUntil(() => !bar(conference).shadowRoot!.querySelector('[part="unread"]'), 'read once the chat is open');
  });

  it('on a phone, a panel is a sheet over the stage, the stage behind it inert, the control bar still there', async () => {
    const { room, conference } = await conferenceOf(390, 844);
    conference.setPanel('participants');
    await settled(room);
    const sheet = part(conference, 'panel').getBoundingClientRect();
    const stage = part(conference, 'main').getBoundingClientRect();
    expect([sheet.left, sheet.top, sheet.width, sheet.height]).to.deep.equal([stage.left, stage.top, stage.width, stage.height]);
    expect(part(conference, 'main').inert, 'the stage behind is inert').to.equal(true);
    expect(bar(conference).inert, 'the bar is not: mute while typing').to.equal(false);
    expect(bar(conference).getBoundingClientRect().top).to.be.at.least(sheet.bottom);
    expect(deepQueryAll(part(conference, 'panel'), '[part="item"]').length, 'everyone listed').to.equal(3);
    part(conference, 'close').click();
    await settled(room);
    expect(part(conference, 'main').inert).to.equal(false);
  });

  it('offers settings, statistics, broadcast and languages in "More" as the page enables them; arrows move; a language is asked for', async () => {
    const { conference } = await conferenceOf(1280, 800, {
      inner: html`<rtc-conference stats cast-endpoint="/cast" languages="en zh-CN"></rtc-conference>`,
    });
    const controls = bar(conference);
    controls.toggleMore(true);
    const menu = controls.shadowRoot!.querySelector<HTMLElement>('[part="more-menu"]')!;
    await waitUntil(() => menu.matches(':popover-open'));
    await controls.updateComplete;
    const items = [...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
    expect(items.map((item) => item.textContent!.trim())).to.deep.equal(['Speaker view', 'Settings', 'Statistics', 'Broadcast', 'English', '简体中文']);
    expect(items.map((item) => item.getAttribute('aria-checked'))).to.deep.equal([null, null, null, null, 'true', 'false']);
    expect(controls.shadowRoot!.activeElement, 'focus on the first item').to.equal(items[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(controls.shadowRoot!.activeElement).to.equal(items[1]);
    await sendKeys({ press: 'End' });
    expect(controls.shadowRoot!.activeElement).to.equal(items[5]);
    const request = oneEvent(conference, 'rtc-language-change-request');
    const before = document.documentElement.lang;
    conference.addEventListener('rtc-language-change-request', (event) => event.preventDefault(), { once: true });
    await sendKeys({ press: 'Enter' });
    expect((await request).detail).to.deep.equal({ lang: 'zh-CN' });
    expect(document.documentElement.lang, 'prevented: the page decides').to.equal(before);
    expect(menu.matches(':popover-open'), 'a choice closes the menu').to.equal(false);
    controls.toggleMore(true);
    await waitUntil(() => menu.matches(':popover-open'));
    menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')[1]!.click();
    await settled(conference);
    expect(conference.panel, 'Settings opens its panel').to.equal('settings');
    await waitUntil(() => deepActiveElement() === part(conference, 'panel-title'), 'focus goes to the panel it opened, and stays');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deepActiveElement()).to.equal(part(conference, 'panel-title'));
    expect(deepQueryAll(part(conference, 'panel'), 'rtc-device-select').map((list) => list.getAttribute('kind'))).to.deep.equal(['videoinput', 'audioinput', 'audiooutput']);
  });

  it('says you are alone with the invite link, which its button copies', async () => {
    const session = threePeople();
    session.setParticipants(session.participants.get().filter((p) => p.isLocal));
    const { conference } = await conferenceOf(1280, 800, {
      session,
      inner: html`<rtc-conference invite-link="https://meet.example/?room=standup"></rtc-conference>`,
    });
    const notice = part(conference, 'notice');
    expect(notice.textContent).to.contain('Waiting for others to join');
    expect(notice.querySelector('input')!.value).to.equal('https://meet.example/?room=standup');
    const copied: string[] = [];
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void copied.push(text) } });
    try {
      notice.querySelector<HTMLButtonElement>('[part="invite"]')!.click();
      await waitUntil(() => notice.textContent!.includes('Link copied'), 'it says so');
      expect(copied).to.deep.equal(['https://meet.example/?room=standup']);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      if (clipboard) Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
    }
  });

  it('speaks Chinese, and is accessible with a panel open', async () => {
    const { room, conference } = await conferenceOf(1280, 800, { lang: 'zh-CN', inner: html`<rtc-conference panel="participants" invite-link="https://meet.example/"></rtc-conference>` });
    expect(part(conference, 'panel-title').textContent).to.equal('参会者');
    const link = part(conference, 'panel').querySelector('input')!.getBoundingClientRect();
    expect([link.height, link.width >= 300], 'the link field is one line, as wide as the panel').to.deep.equal([44, true]);
    expect(barButton(conference, 'chat-button').textContent).to.contain('聊天');
    await expect(room).to.be.accessible();
  });
});
