import { css } from 'lit';

export const callCenterStyles = css`
  :host {
    display: block;
  }
  .call {
    margin-top: var(--_gap);
  }
  .call rtc-room {
    height: var(--rtc-call-center-call-height, min(70vh, 640px));
  }
`;
