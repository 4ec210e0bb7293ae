import { css } from 'lit';

export const roomStyles = css`
  :host {
    --_room-background: var(--rtc-room-background, #111418);
    display: block;
  }
  /* Only the room's own conference is light on dark: a page's own elements inside keep the page's colours. */
  .conference {
    color: var(--_on-surface);
  }
  rtc-audio-unlock {
    margin-bottom: var(--_gap);
  }
  .conference {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    min-height: var(--rtc-room-min-height, 360px);
    height: 100%;
    padding: var(--_gap);
    border-radius: var(--_radius);
    background: var(--_room-background);
  }
  .layout {
    flex: 1;
    min-height: 0;
  }
  .empty {
    margin: 0;
    color: var(--_muted-text);
    text-align: center;
  }
  rtc-connection-status {
    --rtc-connection-status-color: var(--_muted-text);
    --rtc-connection-status-error-color: var(--rtc-room-error-color, #ffb4b4);
    --rtc-connection-status-error-text-color: var(--rtc-room-error-color, #ffb4b4);
  }
`;
