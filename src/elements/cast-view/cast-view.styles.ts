import { css } from 'lit';

export const castViewStyles = css`
  :host {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
    min-height: 180px;
    background: var(--rtc-cast-view-background, #000);
    color: #fff;
    overflow: hidden;
  }
  video {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  video.back {
    visibility: hidden;
  }
  .placeholder {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    font-size: 18px;
  }
`;
