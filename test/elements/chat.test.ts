import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/chat/rtc-chat.js';
import { ScriptedSession } from '../../src/core/scripted-session.js';
import type { RtcChat } from '../../src/elements/chat/chat.js';
import { conversation } from '../../stories/support/scripted-chat.js';

// What <rtc-chat> shows of each message's fate, with a scripted session (real delivery: test/e2e/chat.test.ts).

describe('<rtc-chat>', () => {
  it('shows a message that did not go, why, and sends it again on "Send again"', async () => {
    const session = new ScriptedSession({ room: 'standup' });
    await conversation(session, { failed: true });
    const chat = await fixture<RtcChat>(html`<rtc-chat .session=${session}></rtc-chat>`);
    const failed = chat.shadowRoot!.querySelector('[part~="failed"]')!;
    expect(failed.querySelector('[part="text"]')!.textContent).to.equal('Can everyone hear me?');
    expect(failed.querySelector('[part="status"]')!.textContent).to.equal('Not sent: You are not connected to a room.');
    // The connection is coming back: the message sent again waits for it.
    session.messages.waiting();
    failed.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await waitUntil(() => session.messages.chat.get().at(-1)?.status === 'queued', 'the message is sent again');
    await chat.updateComplete;
    expect(session.messages.chat.get(), 'in its place, not as a second copy').to.have.length(4);
    expect(chat.shadowRoot!.querySelector('[part~="failed"]')).to.equal(null);
    const last = [...chat.shadowRoot!.querySelectorAll('[part~="message"]')].at(-1)!;
    expect(last.querySelector('[part="text"]')!.textContent).to.equal('Can everyone hear me?');
    expect(last.querySelector('[part="status"]')!.textContent, 'it waits for the connection').to.equal('Sending…');
    await expect(chat).to.be.accessible();
    session.messages.closed();
  });

  it('marks your own messages and names the others', async () => {
    const session = new ScriptedSession({ room: 'standup' });
    await conversation(session);
    const chat = await fixture<RtcChat>(html`<rtc-chat .session=${session}></rtc-chat>`);
    const rows = [...chat.shadowRoot!.querySelectorAll('[part~="message"]')].map((row) => [row.querySelector('[part="sender"]')!.textContent, row.getAttribute('part')]);
    expect(rows).to.deep.equal([
      ['Alice', 'message'],
      ['王芳', 'message'],
      ['You', 'message own'],
    ]);
  });

  it('says what to write in the empty box, greys Send out until there is something to send, and tells unread changes', async () => {
    const session = new ScriptedSession({ room: 'standup' });
    await conversation(session);
    const page = await fixture<HTMLElement>(html`<div lang="zh-CN"><rtc-chat .session=${session} hidden></rtc-chat></div>`);
    const chat = page.querySelector('rtc-chat')!;
    await chat.updateComplete;
    const box = chat.shadowRoot!.querySelector('textarea')!;
    const send = chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="send-button"]')!;
    expect(box.placeholder).to.equal('输入消息…');
    expect(send.disabled).to.equal(true);
    const greyed = getComputedStyle(send).backgroundColor;
    box.value = '好';
    box.dispatchEvent(new Event('input'));
    await chat.updateComplete;
    expect(send.disabled).to.equal(false);
    expect(getComputedStyle(send).backgroundColor, 'filled once there is something to send').to.not.equal(greyed);
    // Out of sight (a closed panel), a message from someone else is unread, and the count is told.
    const counts: number[] = [];
    chat.addEventListener('rtc-unread-changed', (event) => counts.push(event.detail.count));
    // The chat learns it is out of sight from the browser, a frame later.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    session.messages.receiveChat('alice', 'Are you there?', { id: 'a9', timestamp: Date.now() });
    await waitUntil(() => chat.unread === 1, 'one unread');
    await chat.updateComplete;
    chat.hidden = false;
    await waitUntil(() => chat.unread === 0, 'read once it shows');
    await chat.updateComplete;
    expect(counts).to.deep.equal([1, 0]);
  });

  it('names who did not get a message of yours, in English and Chinese, with "Send again"', async () => {
    for (const [lang, words] of [
      ['en', 'Not delivered to 王芳'],
      ['zh-CN', '王芳 未收到'],
    ] as const) {
      const session = new ScriptedSession({ room: 'standup' });
      // 王芳 has left: her name comes from what she said earlier.
      await conversation(session, { undelivered: true });
      const chat = await fixture<RtcChat>(html`<rtc-chat lang=${lang} .session=${session}></rtc-chat>`);
      const failed = chat.shadowRoot!.querySelector('[part~="failed"]')!;
      expect(failed.querySelector('[part="text"]')!.textContent).to.equal('Did everyone get the link?');
      expect(failed.querySelector('[part="status"]')!.textContent).to.equal(words);
      expect(failed.querySelector('[part="retry-button"]')).to.exist;
      session.messages.closed();
    }
  });
});
