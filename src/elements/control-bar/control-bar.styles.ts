import { css } from 'lit';

export const controlBarStyles = css`
  :host {
    display: block;
  }
  .bar {
    display: flex;
    justify-content: var(--rtc-control-bar-justify, center);
    align-items: center;
    flex-wrap: wrap;
    gap: var(--_gap);
  }
  .settings {
    position: relative;
  }
  summary {
    list-style: none;
  }
  summary::-webkit-details-marker {
    display: none;
  }
  .panel {
    position: absolute;
    bottom: calc(100% + var(--_gap));
    left: 50%;
    transform: translateX(-50%);
    z-index: 1;
    display: grid;
    gap: 12px;
    width: max-content;
    max-width: min(90vw, 320px);
    padding: 12px;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    color: var(--_on-surface);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.35);
  }
`;
