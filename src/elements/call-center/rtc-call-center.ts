import '../room/rtc-room.js';
import '../incoming-call/rtc-incoming-call.js';
import { RtcCallCenter } from './call-center.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-call-center')) customElements.define('rtc-call-center', RtcCallCenter);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-call-center': RtcCallCenter;
  }
}

export { RtcCallCenter };
