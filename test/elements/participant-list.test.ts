import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/participant-list/rtc-participant-list.js';
import '../../src/elements/room/rtc-room.js';
import type { RtcParticipantList } from '../../src/elements/participant-list/participant-list.js';
import { FakeSession, participant, track } from '../support/fake-session.js';

function meeting(): FakeSession {
  const session = new FakeSession();
  session.setParticipants([
    participant('ming', { name: 'Ming', isLocal: true, connectionQuality: 'excellent', tracks: [track('microphone'), track('camera')] }),
    participant('alice', { name: 'Alice', isSpeaking: true, connectionQuality: 'good', tracks: [track('microphone'), track('camera')] }),
    participant('bob', { name: 'Bob', connectionQuality: 'poor', tracks: [track('microphone', { muted: true }), track('camera', { muted: true })] }),
  ]);
  session.setState('connected');
  return session;
}

async function listIn(session: FakeSession, lang = 'en'): Promise<RtcParticipantList> {
  const room = await fixture(html`<rtc-room manual lang=${lang} .session=${session}><rtc-participant-list></rtc-participant-list></rtc-room>`);
  const list = room.querySelector('rtc-participant-list')!;
  await list.updateComplete;
  return list;
}

const items = (list: RtcParticipantList) => [...list.shadowRoot!.querySelectorAll('[part="item"]')];
const words = (item: Element) => item.textContent!.replace(/\s+/g, ' ').trim();

describe('rtc-participant-list', () => {
  it('lists you first, then everyone, with their states in words and their connection quality', async () => {
    const list = await listIn(meeting());
    expect(list.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('Participants (3)');
    expect(items(list).map(words)).to.deep.equal([
      'Ming (you) Connection excellent',
      'Alice Speaking Connection good',
      'Bob Microphone muted Camera off Connection poor',
    ]);
    expect(items(list).map((item) => item.querySelector('[part="quality"]')!.getAttribute('data-bars'))).to.deep.equal(['3', '2', '1']);
    await expect(list).to.be.accessible();
  });

  it('marks an AI agent as one, in the page language', async () => {
    const session = meeting();
    session.setParticipants([...session.participants.get(), participant('notes', { name: 'Note taker', kind: 'agent', tracks: [track('microphone')] })]);
    const list = await listIn(session);
    expect(words(items(list)[3]!)).to.equal('Note taker AI agent Camera off Connection good');
    expect(words(items(list)[1]!), 'a person is not marked').to.equal('Alice Speaking Connection good');
    await expect(list).to.be.accessible();
    const chinese = await listIn(session, 'zh-CN');
    expect(chinese.shadowRoot!.querySelectorAll('[part="agent-badge"]')[0]!.textContent).to.equal('AI 智能体');
  });

  it('follows changes, and speaks Chinese', async () => {
    const session = meeting();
    const list = await listIn(session, 'zh-CN');
    session.setParticipants(session.participants.get().filter((p) => p.identity !== 'alice'));
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('参会者（2）');
    expect(words(items(list)[1]!)).to.equal('Bob 麦克风已静音 摄像头已关闭 网络较差');
  });
});
