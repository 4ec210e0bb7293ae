import { RtcSystemCheck } from './system-check.js';

if (!customElements.get('rtc-system-check')) customElements.define('rtc-system-check', RtcSystemCheck);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-system-check': RtcSystemCheck;
  }
}

export { RtcSystemCheck };
