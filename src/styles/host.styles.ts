import { css } from 'lit';

/**
 * Global design tokens every element reads through its own `--rtc-<element>-*` properties. Set them on
 * `:root` (or any ancestor) to theme the whole kit.
 */
export const hostStyles = css`
  :host {
    --_font: var(--rtc-font-family, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    --_surface: var(--rtc-color-surface, #1f2329);
    --_surface-raised: var(--rtc-color-surface-raised, #2d333b);
    --_on-surface: var(--rtc-color-on-surface, #f3f5f7);
    --_muted-text: var(--rtc-color-muted-text, #b6bec9);
    --_accent: var(--rtc-color-accent, #1d64c8);
    --_on-accent: var(--rtc-color-on-accent, #ffffff);
    --_danger: var(--rtc-color-danger, #c62828);
    --_on-danger: var(--rtc-color-on-danger, #ffffff);
    --_live: var(--rtc-color-live, #c2185b);
    --_speaking: var(--rtc-color-speaking, #3ccf6e);
    --_radius: var(--rtc-radius, 8px);
    --_gap: var(--rtc-gap, 8px);
    --_focus-ring: var(--rtc-focus-ring, 2px solid #7fb2ff);
    font-family: var(--_font);
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  select:focus-visible,
  summary:focus-visible,
  [tabindex]:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
    }
  }
`;

/** The round toggle and action buttons shared by the room's default controls and the preview. */
export const controlButtonStyles = css`
  .control {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 40px;
    padding: 0 14px;
    border: 1px solid transparent;
    border-radius: 999px;
    background: var(--_surface-raised);
    color: var(--_on-surface);
  }
  .control[aria-pressed='false']:not(.optional) {
    background: var(--_danger);
    color: var(--_on-danger);
  }
  /* Toggles whose "on" is the exception (sharing the screen, the speaker layout) stand out when on, not off. */
  .control.optional[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .control.leave {
    background: var(--_danger);
    color: var(--_on-danger);
  }
  @media (forced-colors: active) {
    .control {
      border-color: ButtonText;
    }
    .control[aria-pressed='false']:not(.optional) {
      text-decoration: line-through;
    }
    .control.optional[aria-pressed='true'] {
      border-width: 3px;
    }
  }
`;

/** A video that fills its box, mirrored when the host says so (your own front camera). */
export const videoStyles = css`
  video {
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
  }
  :host([mirrored]) video {
    transform: scaleX(-1);
  }
`;
