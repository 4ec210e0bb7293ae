import { css } from 'lit';

export const speakerLayoutStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    min-height: 0;
  }
  .stage {
    flex: 1;
    min-height: 0;
    display: grid;
    place-items: center;
  }
  .filmstrip {
    flex: none;
    display: flex;
    justify-content: safe center;
    gap: var(--_gap);
    height: var(--rtc-speaker-layout-filmstrip-height, clamp(48px, 24%, 140px));
    overflow-x: auto;
    overscroll-behavior-x: contain;
  }
  .filmstrip rtc-participant-video {
    flex: none;
    height: 100%;
  }
`;
