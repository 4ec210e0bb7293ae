import { css } from 'lit';

export const callButtonStyles = css`
  :host {
    display: inline-flex;
    align-items: center;
    gap: var(--_gap);
    flex-wrap: wrap;
  }
  .control.call {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: transparent;
  }
  :host([presence='online']) .dot {
    background: var(--rtc-call-button-online-color, var(--_speaking));
  }
  .status:empty {
    display: none;
  }
  .status {
    font-size: 0.875em;
  }
`;
