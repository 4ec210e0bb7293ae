import { css } from 'lit';

export const conferenceStyles = css`
  :host {
    display: block;
    height: 100%;
    min-height: 0;
  }
  .conference {
    position: relative;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-rows: minmax(0, 1fr) auto;
    grid-template-areas: 'main panel' 'controls controls';
    gap: var(--_gap);
    height: 100%;
    min-height: inherit;
    /* Clear of a phone's notch and home indicator when the page covers them (viewport-fit=cover). */
    padding: max(var(--_gap), env(safe-area-inset-top)) max(var(--_gap), env(safe-area-inset-right)) max(var(--_gap), env(safe-area-inset-bottom))
      max(var(--_gap), env(safe-area-inset-left));
    background: var(--rtc-conference-background, #111418);
    color: var(--_on-surface);
  }
  .main {
    grid-area: main;
    position: relative;
    display: flex;
    min-width: 0;
    min-height: 0;
    /* Tiles moving to make room for a panel never paint over it. */
    overflow: clip;
  }
  .layout {
    flex: 1;
    min-width: 0;
    min-height: 0;
  }
  .overlay {
    position: absolute;
    inset: 0;
    pointer-events: none;
    overflow: hidden;
  }
  .overlay ::slotted(*) {
    position: absolute;
    inset: 0;
  }
  .status {
    position: absolute;
    top: 8px;
    left: 50%;
    z-index: 2;
    translate: -50% 0;
    max-width: calc(100% - 16px);
    --rtc-connection-status-color: #fff;
    --rtc-connection-status-error-text-color: #ffb4b4;
  }
  .status::part(status) {
    margin: 0;
    padding: 4px 12px;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.7);
    font-size: 13px;
  }
  .scrim {
    position: absolute;
    inset: 0;
    z-index: 1;
    border-radius: var(--_radius);
    background: rgb(0 0 0 / 0.55);
  }
  .notice {
    position: absolute;
    inset: 0;
    z-index: 2;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 12px;
    width: fit-content;
    height: fit-content;
    max-width: min(440px, calc(100% - 32px));
    margin: auto;
    padding: 16px 20px;
    border-radius: 12px;
    background: rgb(17 20 24 / 0.88);
    color: #fff;
    text-align: center;
    font-size: 15px;
  }
  .notice strong {
    font-size: 17px;
  }
  .toast,
  .waiting {
    inset: 12px 0 auto 0;
    padding: 8px 16px;
  }
  .waiting {
    inset: auto 0 12px 0;
    width: min(440px, calc(100% - 32px));
  }
  .spinner {
    width: 28px;
    height: 28px;
    border: 3px solid rgb(255 255 255 / 0.3);
    border-top-color: #fff;
    border-radius: 50%;
    animation: spin 900ms linear infinite;
  }
  @keyframes spin {
    to {
      rotate: 1turn;
    }
  }
  .panel {
    grid-area: panel;
    display: flex;
    flex-direction: column;
    width: var(--rtc-conference-panel-width, 360px);
    min-height: 0;
    overflow: hidden;
    border-radius: var(--_radius);
    background: var(--rtc-conference-panel-background, var(--_surface));
  }
  .panel-header {
    flex: none;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 4px 4px 4px 16px;
  }
  h2 {
    margin: 0;
    font-size: 16px;
    font-weight: 600;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: var(--_focus-ring);
  }
  .close {
    display: grid;
    place-items: center;
    width: 44px;
    height: 44px;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    font-size: 18px;
  }
  .close:hover {
    background: rgb(255 255 255 / 0.08);
  }
  .panel-body {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 12px;
    min-height: 0;
    overflow-y: auto;
    padding: 0 16px 16px;
  }
  .panel-body rtc-chat {
    flex: 1;
    min-height: 0;
    --rtc-chat-max-height: none;
  }
  /* The panel's title says what the list, the statistics and the broadcast are: theirs would say it twice. */
  rtc-participant-list::part(heading),
  rtc-stats-panel::part(title),
  rtc-cast-controls::part(legend) {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  rtc-stats-panel::part(panel) {
    padding: 0;
    background: none;
  }
  rtc-cast-controls::part(group) {
    margin: 0;
    padding: 0;
    border: 0;
  }
  rtc-cast-controls::part(select),
  rtc-cast-controls::part(start-button),
  rtc-cast-controls::part(switch-button),
  rtc-cast-controls::part(stop-button) {
    min-height: 44px;
  }
  .invite {
    flex-direction: column;
    align-items: stretch;
  }
  .waiting .invite {
    flex-direction: row;
  }
  .settings {
    display: grid;
    gap: 16px;
    --rtc-device-select-max-width: 100%;
  }
  .invite {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    width: 100%;
  }
  .invite-link {
    flex: none;
    min-width: 0;
  }
  .waiting .invite-link {
    flex: 1 1 160px;
  }
  .controls {
    grid-area: controls;
  }
  /* A phone: the panel is a sheet over everything, the stage and the bar behind it inert. */
  :host([narrow]) .conference {
    padding: max(4px, env(safe-area-inset-top)) max(4px, env(safe-area-inset-right)) max(4px, env(safe-area-inset-bottom)) max(4px, env(safe-area-inset-left));
    gap: 4px;
  }
  /* A phone: the panel is a sheet over the stage; the control bar stays below it, to mute while typing. */
  :host([narrow]) .panel {
    grid-area: main;
    z-index: 3;
    width: auto;
  }
  @media (forced-colors: active) {
    .notice,
    .panel {
      border: 1px solid CanvasText;
    }
  }
`;
