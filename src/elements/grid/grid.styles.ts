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
    position: relative;
    min-height: var(--rtc-grid-min-height, 240px);
    column-gap: var(--_gap);
    /* A horizontal swipe turns the page; vertical scrolling stays the page's. */
    touch-action: pan-y;
  }
  /* Until the box is measured, a plain grid, so tiles never pile up in a corner. */
  .tiles:not(.placed) {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
    gap: var(--_gap);
    align-content: center;
  }
  .placed rtc-participant-video {
    position: absolute;
    transition: left 200ms ease, top 200ms ease, width 200ms ease, height 200ms ease;
  }
  rtc-participant-video {
    min-width: 0;
  }
  .pager {
    flex: none;
    display: flex;
    justify-content: center;
    align-items: center;
    gap: 4px;
    color: inherit;
  }
  .pager > button {
    display: grid;
    place-items: center;
    width: 44px;
    height: 44px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    font-size: 24px;
    line-height: 1;
  }
  .dots {
    display: flex;
  }
  .dot {
    display: grid;
    place-items: center;
    width: 24px;
    height: 44px;
    padding: 0;
    border: 0;
    background: transparent;
  }
  .dot::before {
    content: '';
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.4;
  }
  .dot[aria-current='page']::before {
    opacity: 1;
    transform: scale(1.25);
  }
  @media (forced-colors: active) {
    .dot::before {
      background: ButtonText;
    }
    .dot[aria-current='page']::before {
      background: Highlight;
    }
  }
`;
