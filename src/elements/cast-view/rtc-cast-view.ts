import { RtcCastView } from './cast-view.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-cast-view')) customElements.define('rtc-cast-view', RtcCastView);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-cast-view': RtcCastView;
  }
}

export { RtcCastView };
