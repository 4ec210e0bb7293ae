import '../device-select/rtc-device-select.js';
import { RtcMediaToggle } from './media-toggle.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-media-toggle')) customElements.define('rtc-media-toggle', RtcMediaToggle);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-media-toggle': RtcMediaToggle;
  }
}

export { RtcMediaToggle };
