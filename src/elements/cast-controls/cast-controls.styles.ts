import { css } from 'lit';

export const castControlsStyles = css`
  :host {
    --_cast-background: var(--rtc-cast-controls-background, var(--_surface));
    --_live-color: var(--rtc-cast-controls-live-color, var(--_live));
    display: block;
    color: var(--_on-surface);
  }
  fieldset,
  .watch-only {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    margin: 0;
    padding: 10px 12px;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_cast-background);
  }
  legend {
    float: left;
    font-weight: 600;
    margin-inline-end: 4px;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px;
    border-radius: 999px;
    background: var(--_live-color);
    color: #fff;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .badge::before {
    content: '';
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: currentColor;
    animation: pulse 1.6s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.3;
    }
  }
  select {
    min-height: 36px;
    padding: 0 8px;
    border-radius: 6px;
    font: inherit;
  }
  button {
    min-height: 36px;
    padding: 0 14px;
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button.stop {
    background: var(--_danger);
    color: var(--_on-danger);
  }
  .status {
    flex-basis: 100%;
    margin: 0;
    color: var(--_muted-text);
    font-size: 14px;
  }
  :host([cast-status='failed']) .status,
  :host([cast-error]) .status {
    color: var(--rtc-cast-controls-error-color, #ffb4b4);
  }
  @media (forced-colors: active) {
    .badge {
      border: 1px solid CanvasText;
    }
  }
`;
