import { RtcCallButton } from './call-button.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-call-button')) customElements.define('rtc-call-button', RtcCallButton);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-call-button': RtcCallButton;
  }
}

export { RtcCallButton };
