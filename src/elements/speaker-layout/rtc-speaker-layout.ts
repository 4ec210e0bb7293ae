import '../participant-video/rtc-participant-video.js';
import { RtcSpeakerLayout } from './speaker-layout.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-speaker-layout')) customElements.define('rtc-speaker-layout', RtcSpeakerLayout);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-speaker-layout': RtcSpeakerLayout;
  }
}

export { RtcSpeakerLayout };
