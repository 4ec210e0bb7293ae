import { css } from 'lit';

export const participantVideoStyles = css`
  :host {
    --_tile-background: var(--rtc-participant-video-background, var(--_surface));
    --_tile-radius: var(--rtc-participant-video-radius, var(--_radius));
    --_speaking-ring: var(--rtc-participant-video-speaking-color, var(--_speaking));
    display: block;
    position: relative;
    aspect-ratio: var(--rtc-participant-video-aspect-ratio, 16 / 9);
    min-width: 0;
    min-height: 0;
    color: var(--_on-surface);
  }
  figure {
    position: absolute;
    inset: 0;
    margin: 0;
    overflow: hidden;
    container-type: size;
    border-radius: var(--_tile-radius);
    background: var(--_tile-background);
    outline: 3px solid transparent;
    outline-offset: -3px;
    transition: outline-color 150ms ease;
  }
  :host([speaking]) figure {
    outline-color: var(--_speaking-ring);
  }
  :host([fit='contain']) video {
    object-fit: contain;
  }
  /* Over the video, so a tile whose picture is still on its way shows who it is rather than a grey box. */
  .placeholder {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    background: var(--_tile-background);
  }
  .initials {
    display: grid;
    place-items: center;
    width: clamp(32px, 36cqmin, 128px);
    aspect-ratio: 1;
    border-radius: 50%;
    background: var(--rtc-participant-video-initials-background, hsl(var(--_avatar-hue, 215) 40% 32%));
    color: #fff;
    font-size: clamp(13px, 14cqmin, 48px);
    font-weight: 600;
    line-height: 1;
  }
  figcaption {
    position: absolute;
    left: 8px;
    bottom: 8px;
    max-width: calc(100% - 16px);
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
    border-radius: 4px;
    background: rgb(0 0 0 / 0.55);
    color: #fff;
    font-size: 13px;
  }
  .badge {
    flex: none;
    padding: 0 6px;
    border-radius: 999px;
    background: var(--rtc-participant-video-badge-background, var(--_accent));
    color: var(--rtc-participant-video-badge-color, var(--_on-accent));
    font-size: 0.75em;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .play {
    position: absolute;
    inset: auto 0 40% 0;
    margin: auto;
    width: max-content;
    padding: 10px 16px;
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .pin {
    position: absolute;
    top: 6px;
    right: 6px;
    display: grid;
    place-items: center;
    width: 36px;
    height: 36px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: rgb(0 0 0 / 0.55);
    color: #fff;
    opacity: 0;
    transition: opacity 150ms ease;
  }
  figure:hover .pin,
  .pin:focus-visible,
  .pin[aria-pressed='true'] {
    opacity: 1;
  }
  .pin[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  @media (hover: none) {
    .pin {
      opacity: 1;
    }
  }
  @media (pointer: coarse) {
    .pin {
      width: 44px;
      height: 44px;
    }
  }
  @media (forced-colors: active) {
    :host([speaking]) figure {
      outline-color: Highlight;
    }
  }
`;
