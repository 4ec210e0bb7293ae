import { css } from 'lit';

export const deviceSelectStyles = css`
  :host {
    display: inline-flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
  }
  .label {
    font-size: 13px;
    color: var(--rtc-device-select-label-color, inherit);
  }
  select {
    min-height: 36px;
    max-width: var(--rtc-device-select-max-width, 280px);
    padding: 0 8px;
    border: 1px solid var(--rtc-device-select-border-color, currentColor);
    border-radius: var(--_radius);
    background: var(--rtc-device-select-background, transparent);
    color: inherit;
    font: inherit;
    text-overflow: ellipsis;
  }
  option {
    color: initial;
  }
`;
