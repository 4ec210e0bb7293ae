import { css } from 'lit';

export const barrageStyles = css`
  :host {
    display: block;
    position: absolute;
    inset: 0;
    overflow: hidden;
    pointer-events: none;
  }
  .sky,
  .lanes {
    position: absolute;
    inset: 0;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    position: absolute;
    left: 100%;
    white-space: nowrap;
    color: var(--rtc-barrage-color, #fff);
    font-size: var(--rtc-barrage-font-size, 20px);
    font-weight: 600;
    text-shadow: var(--rtc-barrage-shadow, 0 0 2px #000, 0 0 4px #000);
    animation: fly var(--rtc-barrage-duration, 8s) linear forwards;
  }
  .item[part~='own'] {
    outline: 1px solid currentColor;
    outline-offset: 2px;
    border-radius: 4px;
  }
  @keyframes fly {
    from {
      transform: translateX(0);
    }
    to {
      transform: translateX(calc(-100cqw - 100%));
    }
  }
  :host {
    container-type: inline-size;
  }
  @media (prefers-reduced-motion: reduce) {
    .item {
      left: 8px;
    }
  }
`;
