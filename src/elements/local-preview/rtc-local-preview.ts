import { RtcLocalPreview } from './local-preview.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-local-preview')) customElements.define('rtc-local-preview', RtcLocalPreview);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-local-preview': RtcLocalPreview;
  }
}

export { RtcLocalPreview };
