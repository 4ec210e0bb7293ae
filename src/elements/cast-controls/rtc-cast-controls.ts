import { RtcCastControls } from './cast-controls.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-cast-controls')) customElements.define('rtc-cast-controls', RtcCastControls);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-cast-controls': RtcCastControls;
  }
}

export { RtcCastControls };
