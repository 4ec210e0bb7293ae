import { css } from 'lit';

export const gridStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    min-height: 0;
  }
  .tiles {
    flex: 1;
    display: grid;
    gap: var(--_gap);
    align-content: center;
    min-height: 0;
  }
  rtc-participant-video {
    aspect-ratio: var(--rtc-grid-tile-aspect-ratio, 16 / 9);
    min-width: 0;
  }
  .pager {
    display: flex;
    justify-content: center;
    align-items: center;
    gap: var(--_gap);
    color: inherit;
    font-size: 14px;
  }
  .pager button {
    min-height: 32px;
    padding: 0 12px;
    border: 1px solid currentColor;
    border-radius: 999px;
    background: transparent;
    color: inherit;
  }
`;
