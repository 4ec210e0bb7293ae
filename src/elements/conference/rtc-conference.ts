import '../grid/rtc-grid.js';
import '../speaker-layout/rtc-speaker-layout.js';
import '../control-bar/rtc-control-bar.js';
import '../connection-status/rtc-connection-status.js';
import '../chat/rtc-chat.js';
import '../participant-list/rtc-participant-list.js';
import '../device-select/rtc-device-select.js';
import { RtcConference } from './conference.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-conference')) customElements.define('rtc-conference', RtcConference);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-conference': RtcConference;
  }
}

export { RtcConference };
