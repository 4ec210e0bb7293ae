import { css } from 'lit';

export const audioUnlockStyles = css`
  :host {
    display: flex;
    justify-content: center;
  }
  :host(:not([blocked])) {
    display: none;
  }
  .control {
    background: var(--rtc-audio-unlock-background, var(--_accent));
    color: var(--rtc-audio-unlock-color, var(--_on-accent));
  }
`;
