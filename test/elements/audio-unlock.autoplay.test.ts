import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/elements/audio-unlock/rtc-audio-unlock.js';
import '../../src/elements/room/rtc-room.js';
import type { RtcAudioUnlock } from '../../src/elements/audio-unlock/audio-unlock.js';
import { Store, readonly } from '../../src/core/readable.js';
import { FakeSession, participant, track } from '../support/fake-session.js';

// Headless Chromium blocks audio before a user gesture, as browsers do on a fresh page; this file never
// captures the microphone (a page that has may autoplay), so the block is real.

const toneTrack = () => new AudioContext().createMediaStreamDestination().stream.getAudioTracks()[0]!;
const clickOn = async (element: Element) => {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
};

describe('rtc-audio-unlock', () => {
  it('shows only while audio is blocked, and a click asks to resume', async () => {
    const blocked = new Store(false);
    let resumed = 0;
    const playback = { blocked: readonly(blocked), resume: async () => void resumed++ };
    const el = await fixture<RtcAudioUnlock>(html`<rtc-audio-unlock lang="zh-CN" .playback=${playback}></rtc-audio-unlock>`);
    expect(el.getBoundingClientRect().height, 'nothing to see').to.equal(0);
    blocked.set(true);
    await el.updateComplete;
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.textContent!.trim()).to.equal('播放声音');
    await expect(el).to.be.accessible();
    button.click();
    expect(resumed).to.equal(1);
  });

  it('placed by the page in a room, it replaces the room’s own, and one real click starts everyone’s audio', async () => {
    const session = new FakeSession();
    session.setParticipants([
      participant('alice', { tracks: [track('microphone', { mediaStreamTrack: toneTrack() })] }),
      participant('bob', { tracks: [track('microphone', { mediaStreamTrack: toneTrack() })] }),
    ]);
    const room = await fixture(html`<rtc-room manual .session=${session}>
      <header><rtc-audio-unlock></rtc-audio-unlock></header>
      <rtc-participant-video participant="alice"></rtc-participant-video>
    </rtc-room>`);
    const unlock = room.querySelector('rtc-audio-unlock')!;
    expect(room.shadowRoot!.querySelector('rtc-audio-unlock'), 'no second button').to.equal(null);
    await waitUntil(() => unlock.hasAttribute('blocked'), 'the page’s button shows', { timeout: 5000 });
    await unlock.updateComplete;
    await clickOn(unlock.shadowRoot!.querySelector('button')!);
    await waitUntil(() => !unlock.hasAttribute('blocked'), 'the click starts the audio', { timeout: 5000 });
    const audios = [...room.shadowRoot!.querySelectorAll('audio')];
    expect(audios).to.have.length(2);
    expect(audios.every((audio) => !audio.paused), 'everyone is heard').to.equal(true);
  });
});
