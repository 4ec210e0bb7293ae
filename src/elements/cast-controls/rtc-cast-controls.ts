import { RtcCastControls } from './cast-controls.js';

if (!customElements.get('rtc-cast-controls')) customElements.define('rtc-cast-controls', RtcCastControls);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-cast-controls': RtcCastControls;
  }
}

export { RtcCastControls };
