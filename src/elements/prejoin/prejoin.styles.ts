import { css } from 'lit';

export const prejoinStyles = css`
  :host {
    display: block;
    color: var(--_on-surface);
    background: var(--rtc-prejoin-background, var(--rtc-room-background, #111418));
    container-type: inline-size;
  }
  .prejoin {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(260px, 2fr);
    align-items: center;
    gap: 32px;
    max-width: var(--rtc-prejoin-max-width, 960px);
    margin: 0 auto;
    padding: 24px;
  }
  @container (max-width: 640px) {
    .prejoin {
      grid-template-columns: minmax(0, 1fr);
      gap: 16px;
      padding: 12px;
    }
  }
  .preview {
    --rtc-local-preview-aspect-ratio: 16 / 9;
  }
  .form {
    display: flex;
    flex-direction: column;
    gap: 16px;
  }
  .heading {
    margin: 0;
    font-size: 24px;
    font-weight: 600;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 6px;
    font-size: 13px;
  }
  input[aria-invalid='true'] {
    border-color: #ffb4b4;
  }
  .devices {
    display: grid;
    gap: 12px;
    --rtc-device-select-max-width: 100%;
  }
  .join {
    align-self: stretch;
    min-height: 48px;
    font-size: 16px;
    font-weight: 600;
  }
  .error {
    margin: 0;
    color: #ffb4b4;
  }
  .error:empty {
    display: none;
  }
`;
