import { RtcStatsPanel } from './stats-panel.js';
import { ensureContextRoot } from '../../context/context-root.js';

ensureContextRoot();
if (!customElements.get('rtc-stats-panel')) customElements.define('rtc-stats-panel', RtcStatsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'rtc-stats-panel': RtcStatsPanel;
  }
}

export { RtcStatsPanel };
