import { RtcIncomingCall } from './incoming-call.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-incoming-call')) customElements.define('rtc-incoming-call', RtcIncomingCall);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-incoming-call': RtcIncomingCall;
  }
}

export { RtcIncomingCall };
