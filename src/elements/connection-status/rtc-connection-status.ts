import { RtcConnectionStatus } from './connection-status.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-connection-status')) customElements.define('rtc-connection-status', RtcConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-connection-status': RtcConnectionStatus;
  }
}

export { RtcConnectionStatus };
