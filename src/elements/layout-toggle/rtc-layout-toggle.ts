import { RtcLayoutToggle } from './layout-toggle.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-layout-toggle')) customElements.define('rtc-layout-toggle', RtcLayoutToggle);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-layout-toggle': RtcLayoutToggle;
  }
}

export { RtcLayoutToggle };
