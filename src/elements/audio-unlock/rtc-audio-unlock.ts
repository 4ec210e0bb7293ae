import { RtcAudioUnlock } from './audio-unlock.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-audio-unlock')) customElements.define('rtc-audio-unlock', RtcAudioUnlock);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-audio-unlock': RtcAudioUnlock;
  }
}

export { RtcAudioUnlock };
