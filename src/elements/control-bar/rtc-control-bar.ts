import '../layout-toggle/rtc-layout-toggle.js';
import '../device-select/rtc-device-select.js';
import '../media-toggle/rtc-media-toggle.js';
import '../leave-button/rtc-leave-button.js';
import { RtcControlBar } from './control-bar.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-control-bar')) customElements.define('rtc-control-bar', RtcControlBar);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-control-bar': RtcControlBar;
  }
}

export { RtcControlBar };
