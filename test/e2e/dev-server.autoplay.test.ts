import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import { LocalAudioTrack, Room, Track } from 'livekit-client';
import '../../src/define.js';

// A real call where the browser blocks audio: this page never captures a device (a page that has may
// autoplay), so the speaker's voice is a synthetic tone published with the real livekit-client.

const serverUrl = async () => ((await executeServerCommand('dev-server')) as { url: string }).url;
const token = (options: { room: string; identity: string }) => executeServerCommand('dev-server-token', options) as Promise<string>;

function tone(): MediaStreamTrack {
  const context = new AudioContext();
  const oscillator = context.createOscillator();
  const destination = context.createMediaStreamDestination();
  oscillator.connect(destination);
  oscillator.start();
  return destination.stream.getAudioTracks()[0]!;
}

describe('dev server: autoplay blocked', () => {
  it('shows one unlock button in the room, and a click makes the other participant heard', async () => {
    const room = `autoplay-${Date.now()}`;
    const url = await serverUrl();
    const alice = new Room();
    await alice.connect(url, await token({ room, identity: 'alice' }));
    await alice.localParticipant.publishTrack(new LocalAudioTrack(tone()), { source: Track.Source.Microphone });
    const bob = document.createElement('rtc-room');
    bob.serverUrl = url;
    bob.token = await token({ room, identity: 'bob' });
    const errors: string[] = [];
    bob.addEventListener('rtc-error', (event) => errors.push(event.detail.code));
    document.body.append(bob);
    try {
      await bob.updateComplete;
      const unlock = bob.shadowRoot!.querySelector('rtc-audio-unlock')!;
      await waitUntil(() => unlock.hasAttribute('blocked'), 'the unlock button shows once alice is heard', { timeout: 15000 });
      expect(errors).to.deep.equal(['autoplay-blocked']);
      const audio = bob.shadowRoot!.querySelector('audio')!;
      expect(audio.paused, 'blocked').to.equal(true);
      await unlock.updateComplete;
      const box = unlock.shadowRoot!.querySelector('button')!.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
      await waitUntil(() => !audio.paused && audio.currentTime > 0, 'alice is heard', { timeout: 5000 });
      expect(unlock.hasAttribute('blocked')).to.equal(false);
      expect((audio.srcObject as MediaStream).getAudioTracks()[0]!.readyState).to.equal('live');
    } finally {
      bob.remove();
      await alice.disconnect();
    }
  });
});
