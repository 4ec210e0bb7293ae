import { RtcLeaveButton } from './leave-button.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-leave-button')) customElements.define('rtc-leave-button', RtcLeaveButton);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-leave-button': RtcLeaveButton;
  }
}

export { RtcLeaveButton };
