import '../participant-video/rtc-participant-video.js';
import { RtcGrid } from './grid.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-grid')) customElements.define('rtc-grid', RtcGrid);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-grid': RtcGrid;
  }
}

export { RtcGrid };
