import { html, nothing, type TemplateResult } from 'lit';
import type { ConferencePanel } from '../../context/conference-context.js';

/**
 * What a conference panel holds, besides the chat (which stays on the page while closed). Each ends with a
 * slot of its name for the page's own additions. The statistics panel exists only while open, so it samples
 * only while someone looks.
 */
export function renderPanelBody(panel: Exclude<ConferencePanel, 'chat'>, options: { castEndpoint: string; invite: TemplateResult | typeof nothing }) {
  switch (panel) {
    case 'participants':
      return html`${options.invite}<rtc-participant-list></rtc-participant-list><slot name="participants"></slot>`;
    case 'settings':
      return html`<div class="settings">
          <rtc-device-select kind="videoinput"></rtc-device-select>
          <rtc-device-select kind="audioinput"></rtc-device-select>
          <rtc-device-select kind="audiooutput"></rtc-device-select>
        </div>
        <slot name="settings"></slot>`;
    case 'stats':
      return html`<rtc-stats-panel></rtc-stats-panel>`;
    case 'cast':
      return html`<rtc-cast-controls cast-endpoint=${options.castEndpoint}></rtc-cast-controls><slot name="cast"></slot>`;
  }
}
