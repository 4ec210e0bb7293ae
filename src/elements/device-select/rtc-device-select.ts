import { RtcDeviceSelect } from './device-select.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-device-select')) customElements.define('rtc-device-select', RtcDeviceSelect);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-device-select': RtcDeviceSelect;
  }
}

export { RtcDeviceSelect };
