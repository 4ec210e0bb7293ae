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
    min-height: 44px;
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
  .list {
    display: grid;
    gap: 2px;
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 4px 8px;
    font-size: 12px;
    font-weight: 600;
    opacity: 0.8;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 40px;
    padding: 0 8px;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .option:hover {
    background: rgb(255 255 255 / 0.08);
  }
  .option:has(input:focus-visible) {
    outline: var(--_focus-ring);
  }
  .option span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  input {
    flex: none;
    margin: 0;
    accent-color: var(--_accent);
  }
  .none {
    margin: 0;
    padding: 4px 8px;
    opacity: 0.8;
  }
`;
