import '../conference/rtc-conference.js';
import '../participant-video/rtc-participant-video.js';
import '../connection-status/rtc-connection-status.js';
import '../audio-unlock/rtc-audio-unlock.js';
import { RtcRoom } from './room.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-room')) customElements.define('rtc-room', RtcRoom);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-room': RtcRoom;
  }
}

export { RtcRoom };
