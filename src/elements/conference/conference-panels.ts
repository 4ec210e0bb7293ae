import { html, nothing, type TemplateResult } from 'lit';
import type { ConferencePanel } from '../../context/conference-context.js';

/**
 * The statistics and broadcast panels' elements are loaded when first opened: most calls never open them,
 * and a page that only shows a room does not pay for them.
 */
const lazyDefinitions: Partial<Record<ConferencePanel, () => Promise<unknown>>> = {
  stats: () => import('../stats-panel/rtc-stats-panel.js'),
  cast: () => import('../cast-controls/rtc-cast-controls.js'),
};

/** Loads what `panel` needs, if it is not on the page yet. */
export function loadPanel(panel: ConferencePanel | ''): void {
  if (panel) void lazyDefinitions[panel]?.();
}

/**
 * What a conference panel holds, besides the chat (which stays on the page while closed). Each ends with a
 * slot of its name for the page's own additions. The statistics panel exists only while open, so it samples
 * only while someone looks.
 */
export function renderPanelBody(panel: Exclude<ConferencePanel, 'chat'>, options: { castEndpoint: string; castControls: 'auto' | 'always' | 'never'; invite: TemplateResult | typeof nothing }) {
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
      return html`<rtc-cast-controls cast-endpoint=${options.castEndpoint} controls=${options.castControls}></rtc-cast-controls><slot name="cast"></slot>`;
  }
}
