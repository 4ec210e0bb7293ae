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
    --_control-off: var(--rtc-color-control-off, #16191d);
    --_control-off-border: var(--rtc-color-control-off-border, #8b949e);
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

/**
 * The round toggle and action buttons shared by the room's controls, the preview and the calls. On: filled;
 * off: outlined, with a crossed icon (never red: red is for leaving); an optional toggle that is on (sharing,
 * a panel open): the accent. Every target is at least 44x44 px. Compact buttons show their words as a
 * tooltip on hover and keyboard focus, and keep them as their name.
 */
export const controlButtonStyles = css`
  .control {
    position: relative;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-width: 44px;
    min-height: 44px;
    padding: 0 16px;
    border: 1px solid transparent;
    border-radius: 999px;
    background: var(--_surface-raised);
    color: var(--_on-surface);
    white-space: nowrap;
    transition: background-color 120ms ease, border-color 120ms ease;
  }
  .control svg {
    flex: none;
    width: 20px;
    height: 20px;
  }
  .control .icon {
    display: inline-flex;
  }
  .control:hover:not(:disabled) {
    background-color: color-mix(in srgb, var(--_surface-raised), white 10%);
  }
  /* Off: darker and outlined (on any page, light or dark, its words stay readable), the icon crossed. */
  .control[aria-pressed='false']:not(.optional) {
    background: var(--_control-off);
    border-color: var(--_control-off-border);
  }
  .control[aria-pressed='false']:not(.optional):hover:not(:disabled) {
    background: color-mix(in srgb, var(--_control-off), white 8%);
  }
  /* Toggles whose "on" is the exception (sharing the screen, an open panel) stand out when on. */
  .control.optional[aria-pressed='true'],
  .control.active {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .control.leave {
    background: var(--_danger);
    color: var(--_on-danger);
  }
  .control.leave:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_danger), black 12%);
  }
  .compact .control,
  .control.compact {
    padding: 0;
    width: 44px;
  }
  .control.leave.compact {
    width: 56px;
  }
  .tooltip {
    position: absolute;
    bottom: calc(100% + 8px);
    left: 50%;
    z-index: 1;
    translate: -50% 0;
    padding: 4px 8px;
    border-radius: 4px;
    background: rgb(0 0 0 / 0.85);
    color: #fff;
    font-size: 12px;
    line-height: 1.4;
    white-space: nowrap;
    opacity: 0;
    pointer-events: none;
    transition: opacity 120ms ease;
  }
  @media (hover: hover) {
    .control:hover .tooltip {
      opacity: 1;
    }
  }
  .control:focus-visible .tooltip {
    opacity: 1;
  }
  .badge {
    position: absolute;
    top: -2px;
    right: -2px;
    min-width: 18px;
    height: 18px;
    padding: 0 5px;
    border-radius: 9px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 11px;
    font-weight: 600;
    line-height: 18px;
    text-align: center;
  }
  .control:not(.compact) .badge {
    position: static;
  }
  @media (forced-colors: active) {
    .control {
      border-color: ButtonText;
    }
    .control[aria-pressed='false']:not(.optional) {
      text-decoration: line-through;
    }
    .control.optional[aria-pressed='true'],
    .control.active {
      border-width: 3px;
    }
  }
`;

/** A text field on the kit's dark surfaces (a name, a link to copy), 44px high, never zoomed into by a phone. */
export const textFieldStyles = css`
  .text-field {
    min-height: 44px;
    padding: 0 12px;
    border: 1px solid rgb(255 255 255 / 0.3);
    border-radius: var(--_radius);
    background: rgb(0 0 0 / 0.25);
    color: inherit;
    font: inherit;
    /* 16px: a phone's browser zooms into a smaller field when it is focused. */
    font-size: 16px;
  }
  .text-field:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 1px;
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
