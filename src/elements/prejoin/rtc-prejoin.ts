import '../local-preview/rtc-local-preview.js';
import '../device-select/rtc-device-select.js';
import { RtcPrejoin } from './prejoin.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-prejoin')) customElements.define('rtc-prejoin', RtcPrejoin);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-prejoin': RtcPrejoin;
  }
}

export { RtcPrejoin };
