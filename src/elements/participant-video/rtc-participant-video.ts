import { RtcParticipantVideo } from './participant-video.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-participant-video')) customElements.define('rtc-participant-video', RtcParticipantVideo);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-participant-video': RtcParticipantVideo;
  }
}

export { RtcParticipantVideo };
