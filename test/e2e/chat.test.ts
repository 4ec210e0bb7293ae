import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { RtcChat } from '../../src/elements/chat/chat.js';
import type { RtcRoom } from '../../src/elements/room/room.js';

// <rtc-chat> in two rooms on one page, against the dev server: typed, sent with Enter, read on the other side.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string; name?: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;

const rooms: RtcRoom[] = [];
afterEach(() => rooms.splice(0).forEach((room) => room.remove()));

async function chatOf(room: string, identity: string, lang = 'en'): Promise<{ room: RtcRoom; chat: RtcChat }> {
  const element = document.createElement('rtc-room');
  element.lang = lang;
  element.serverUrl = await serverUrl();
  element.token = await token({ room, identity, name: identity === 'alice' ? 'Alice' : '王芳' });
  const chat = document.createElement('rtc-chat');
  element.append(chat);
  rooms.push(element);
  document.body.append(element);
  await waitUntil(() => element.connectionState === 'connected', `${identity} joins`, { timeout: 10000 });
  return { room: element, chat };
}

const lines = (chat: RtcChat) =>
  [...chat.shadowRoot!.querySelectorAll('[part~="message"]')].map((item) => ({
    who: item.querySelector('[part="sender"]')!.textContent,
    text: item.querySelector('[part="text"]')!.textContent,
    own: item.getAttribute('part')!.split(' ').includes('own'),
  }));

describe('<rtc-chat>, for real', () => {
  it('sends what is typed on Enter; the other side reads it as text, with who sent it; unread counts while scrolled away', async () => {
    const name = `chat-${Date.now()}`;
    const alice = await chatOf(name, 'alice');
    const wang = await chatOf(name, 'wang', 'zh-CN');
    const input = alice.chat.shadowRoot!.querySelector('textarea')!;
    input.focus();
    await sendKeys({ type: 'Hi <b>all</b>' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => lines(wang.chat).length === 1, 'wang reads it', { timeout: 5000 });
    expect(lines(wang.chat)).to.deep.equal([{ who: 'Alice', text: 'Hi <b>all</b>', own: false }]);
    expect(wang.chat.shadowRoot!.querySelector('[part="text"] b'), 'text, never markup').to.equal(null);
    expect(lines(alice.chat)).to.deep.equal([{ who: 'You', text: 'Hi <b>all</b>', own: true }]);
    expect(input.value, 'the box is empty again').to.equal('');
    await expect(alice.chat).to.be.accessible();
    await expect(wang.chat).to.be.accessible();
    expect(wang.chat.shadowRoot!.querySelector('[part="send-button"]')!.textContent!.trim()).to.equal('发送');

    // Wang scrolls up to read older messages (a short list here: put the chat out of view instead).
    wang.room.style.cssText = 'display: block; margin-top: 300vh';
    await new Promise((resolve) => setTimeout(resolve, 200));
    await alice.chat.send('one');
    await alice.chat.send('two');
    await waitUntil(() => wang.chat.unread === 2, 'two unread', { timeout: 5000 });
    expect(wang.chat.getAttribute('unread')).to.equal('2');
    wang.room.style.cssText = '';
    await waitUntil(() => wang.chat.unread === 0, 'read once in view', { timeout: 5000 });
  });

  it('keeps a message it may not send in the box, and says why', async () => {
    const name = `chat-limit-${Date.now()}`;
    const alice = await chatOf(name, 'alice');
    const errors: string[] = [];
    alice.chat.addEventListener('rtc-error', ({ detail }) => errors.push(detail.code));
    const input = alice.chat.shadowRoot!.querySelector('textarea')!;
    input.value = 'x'.repeat(4100);
    input.dispatchEvent(new Event('input'));
    await alice.chat.updateComplete;
    const counter = alice.chat.shadowRoot!.querySelector('[part="counter"]')!;
    expect(counter.hasAttribute('hidden')).to.equal(false);
    expect(counter.textContent).to.contain('-4 bytes left');
    expect(alice.chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="send-button"]')!.disabled).to.equal(true);
    await alice.chat.send();
    await alice.chat.updateComplete;
    expect(errors).to.deep.equal(['message-too-large']);
    expect(input.value, 'nothing is lost').to.have.length(4100);
    expect(alice.chat.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('too long');
  });
});

describe('<rtc-barrage>, for real', () => {
  it('flies everyone’s barrage over the video, yours marked, and drops what would crowd the screen', async () => {
    const name = `barrage-${Date.now()}`;
    const rooms2 = await Promise.all(
      ['alice', 'bob'].map(async (identity) => {
        const element = document.createElement('rtc-room');
        element.serverUrl = await serverUrl();
        element.token = await token({ room: name, identity });
        const stage = Object.assign(document.createElement('div'), { style: 'position: relative; width: 480px; height: 270px; background: #333' });
        const barrage = document.createElement('rtc-barrage');
        stage.append(barrage);
        element.append(stage);
        rooms.push(element);
        document.body.append(element);
        return { element, barrage };
      }),
    );
    const [alice, bob] = rooms2 as [(typeof rooms2)[0], (typeof rooms2)[0]];
    await waitUntil(() => alice.element.connectionState === 'connected' && bob.element.connectionState === 'connected', 'both join', { timeout: 10000 });
    bob.barrage.maxPerSecond = 3;
    await alice.element.session.messages.sendBarrage('666 <i>go</i>');
    const items = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('[part~="item"]')];
    await waitUntil(() => items(bob.barrage).length === 1, 'bob sees it fly', { timeout: 5000 });
    expect(items(bob.barrage)[0]!.textContent!.trim()).to.equal('666 <i>go</i>');
    expect(items(bob.barrage)[0]!.querySelector('i'), 'text only').to.equal(null);
    expect(items(alice.barrage)[0]!.getAttribute('part'), 'yours, marked').to.equal('item own');
    const box = bob.barrage.getBoundingClientRect();
    expect([box.width, box.height], 'laid over the stage').to.deep.equal([480, 270]);
    expect(getComputedStyle(bob.barrage).pointerEvents).to.equal('none');
    await expect(bob.barrage).to.be.accessible();

    for (let i = 0; i < 5; i++) await alice.element.session.messages.sendBarrage(`wave ${i}`);
    await waitUntil(() => bob.barrage.dropped >= 3, 'the rest are dropped, not queued', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(items(bob.barrage).length, 'three a second at most here').to.equal(3);
    expect(bob.barrage.dropped).to.equal(3);
  });
});
