import { RtcParticipantVideo } from './participant-video.js';

if (!customElements.get('rtc-participant-video')) customElements.define('rtc-participant-video', RtcParticipantVideo);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-participant-video': RtcParticipantVideo;
  }
}

export { RtcParticipantVideo };
