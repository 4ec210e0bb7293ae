import '../participant-video/rtc-participant-video.js';
import { RtcRoom } from './room.js';

if (!customElements.get('rtc-room')) customElements.define('rtc-room', RtcRoom);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-room': RtcRoom;
  }
}

export { RtcRoom };
