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
});
