import { RtcBarrage } from './barrage.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-barrage')) customElements.define('rtc-barrage', RtcBarrage);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-barrage': RtcBarrage;
  }
}

export { RtcBarrage };
