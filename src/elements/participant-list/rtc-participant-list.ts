import { RtcParticipantList } from './participant-list.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-participant-list')) customElements.define('rtc-participant-list', RtcParticipantList);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-participant-list': RtcParticipantList;
  }
}

export { RtcParticipantList };
