import { css } from 'lit';

export const roomStyles = css`
  :host {
    display: block;
    position: relative;
  }
  /* The default conference fills the room's box, however the page sizes it; on its own it is 360px high at least. */
  .conference {
    height: 100%;
    min-height: var(--rtc-room-min-height, 360px);
    --rtc-conference-background: var(--rtc-room-background, #111418);
  }
  rtc-audio-unlock {
    position: absolute;
    top: 56px;
    left: 50%;
    z-index: 4;
    translate: -50% 0;
  }
`;
