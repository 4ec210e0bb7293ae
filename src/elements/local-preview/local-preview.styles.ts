import { css } from 'lit';

export const localPreviewStyles = css`
  :host {
    --_preview-background: var(--rtc-local-preview-background, var(--_surface));
    --_meter-color: var(--rtc-local-preview-meter-color, var(--_speaking));
    display: block;
    color: var(--_on-surface);
  }
  .stage {
    position: relative;
    aspect-ratio: var(--rtc-local-preview-aspect-ratio, 4 / 3);
    overflow: hidden;
    border-radius: var(--_radius);
    background: var(--_preview-background);
  }
  .placeholder {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    padding: 16px;
    text-align: center;
    color: var(--_muted-text);
  }
  .bar {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    padding-top: var(--_gap);
    flex-wrap: wrap;
  }
  .meter {
    flex: 1 1 80px;
    display: flex;
    align-items: center;
    gap: 6px;
    color: var(--_muted-text);
  }
  meter {
    width: 100%;
    height: 8px;
  }
  meter::-webkit-meter-optimum-value {
    background: var(--_meter-color);
    transition: width 60ms linear;
  }
  .message {
    margin: var(--_gap) 0 0;
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--rtc-local-preview-error-background, #4a1f1f);
    color: var(--rtc-local-preview-error-color, #ffd9d9);
  }
  .message:empty {
    display: none;
  }
`;
