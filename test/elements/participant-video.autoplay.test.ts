import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/elements/participant-video/rtc-participant-video.js';
import type { RtcParticipantVideo } from '../../src/elements/participant-video/participant-video.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement;

// A file of its own: Chromium, like any browser on a freshly opened page, refuses to play audio before a
// user gesture, but lets a document that has captured the microphone autoplay, as other test files do.
describe('<rtc-participant-video> when the browser blocks autoplay', () => {
  it('shows a play button and reports autoplay-blocked, and a real click starts playback', async () => {
    const microphone = new AudioContext().createMediaStreamDestination().stream.getAudioTracks()[0]!;
    const element = document.createElement('rtc-participant-video');
    element.name = 'Bob';
    element.audioTrack = microphone;
    const blocked = oneEvent(element, 'rtc-error');
    const el = await fixture<RtcParticipantVideo>(element);
    expect((await blocked).detail.code).to.equal('autoplay-blocked');
    await el.updateComplete;
    expect(el.hasAttribute('autoplay-blocked')).to.equal(true);
    const button = part(el, 'play-button') as HTMLButtonElement;
    expect(button.textContent!.trim()).to.equal('Play audio and video');
    const audio = el.shadowRoot!.querySelector('audio')!;
    expect(audio.paused).to.equal(true);

    const box = button.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await waitUntil(() => !el.autoplayBlocked, 'the click resumes playback');
    expect(audio.paused).to.equal(false);
    expect(part(el, 'play-button')).to.equal(null);
    microphone.stop();
  });
});
