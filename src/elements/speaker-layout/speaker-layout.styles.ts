import { css } from 'lit';

export const speakerLayoutStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    min-height: 0;
    min-width: 0;
  }
  :host([filmstrip-position='beside']) {
    flex-direction: row;
  }
  .stage {
    flex: 1;
    min-height: 0;
    min-width: 0;
    display: grid;
    place-items: center;
    overflow: hidden;
  }
  .filmstrip {
    flex: none;
    display: flex;
    justify-content: safe center;
    gap: var(--_gap);
    height: var(--rtc-speaker-layout-filmstrip-height, clamp(64px, 24%, 140px));
    overflow-x: auto;
    overscroll-behavior-x: contain;
  }
  .filmstrip rtc-participant-video {
    flex: none;
    height: 100%;
  }
  :host([filmstrip-position='beside']) .filmstrip {
    flex-direction: column;
    justify-content: safe center;
    width: var(--rtc-speaker-layout-filmstrip-width, clamp(96px, 24%, 220px));
    height: auto;
    overflow-x: hidden;
    overflow-y: auto;
    overscroll-behavior-y: contain;
  }
  :host([filmstrip-position='beside']) .filmstrip rtc-participant-video {
    width: 100%;
    height: auto;
  }
`;
