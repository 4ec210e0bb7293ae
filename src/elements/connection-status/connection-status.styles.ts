import { css } from 'lit';

export const connectionStatusStyles = css`
  :host {
    --_ok: var(--rtc-connection-status-ok-color, var(--_speaking));
    --_warning: var(--rtc-connection-status-warning-color, #f2b705);
    --_error: var(--rtc-connection-status-error-color, #d32f2f);
    display: block;
    /* The page's own text colour: readable on light and dark pages alike. */
    color: var(--rtc-connection-status-color, inherit);
    font-size: 14px;
  }
  .status {
    display: flex;
    align-items: center;
    justify-content: var(--rtc-connection-status-align, center);
    gap: 6px;
    margin: 0;
  }
  .indicator {
    flex: none;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_muted-text);
  }
  :host([state='connected']) .indicator,
  :host([state='reconnected']) .indicator {
    background: var(--_ok);
  }
  :host([state='connecting']) .indicator,
  :host([state='reconnecting']) .indicator {
    background: var(--_warning);
    animation: pulse 1.2s ease-in-out infinite;
  }
  :host([state='failed']) .indicator,
  :host([state='kicked']) .indicator {
    background: var(--_error);
  }
  :host([state='failed']),
  :host([state='kicked']) {
    color: var(--rtc-connection-status-error-text-color, inherit);
  }
  @keyframes pulse {
    50% {
      opacity: 0.3;
    }
  }
`;
