import { css } from 'lit';

export const controlBarStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  .bar {
    display: flex;
    justify-content: var(--rtc-control-bar-justify, center);
    align-items: center;
    flex-wrap: nowrap;
    gap: var(--_gap);
  }
  .bar > * {
    flex: none;
  }
  /* Between the groups (your devices, the conference, Leave): a wider gap while there is room for it. */
  .group-gap {
    width: var(--_gap);
  }
  .bar.compact .group-gap {
    display: none;
  }
  /* Icons only and still too many for the row (a very narrow screen): wrap rather than hide a control. */
  .bar.compact {
    flex-wrap: wrap;
  }
  .badge.count {
    background: rgb(255 255 255 / 0.16);
    color: inherit;
  }
  .control.compact .badge.count {
    background: var(--_surface);
  }
  .menu {
    min-width: 220px;
    padding: 4px;
  }
  .item {
    display: flex;
    align-items: center;
    gap: 12px;
    width: 100%;
    min-height: 44px;
    padding: 0 12px;
    border: 0;
    border-radius: calc(var(--_radius) - 2px);
    background: transparent;
    color: inherit;
    text-align: start;
  }
  .item:hover,
  .item:focus-visible {
    background: rgb(255 255 255 / 0.1);
  }
  .item:focus-visible {
    outline-offset: -2px;
  }
  .item-icon {
    display: inline-grid;
    place-items: center;
    width: 20px;
    height: 20px;
  }
  .item-icon svg {
    width: 20px;
    height: 20px;
  }
  .separator {
    height: 1px;
    margin: 4px 0;
    background: rgb(255 255 255 / 0.12);
  }
  .group-label {
    padding: 8px 12px 4px;
    font-size: 12px;
    font-weight: 600;
    opacity: 0.75;
  }
  @media (forced-colors: active) {
    .separator {
      background: CanvasText;
    }
  }
`;
