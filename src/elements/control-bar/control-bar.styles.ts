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
`;
