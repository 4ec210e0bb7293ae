import { css } from 'lit';

export const mediaToggleStyles = css`
  :host {
    display: inline-flex;
    gap: 2px;
  }
  /* The toggle and its device button read as one split button. */
  .split {
    border-start-end-radius: 4px;
    border-end-end-radius: 4px;
  }
  .menu-button {
    width: 40px;
    min-width: 40px;
    padding: 0;
    border-start-start-radius: 4px;
    border-end-start-radius: 4px;
  }
  .menu-button.off {
    background: var(--_control-off);
    border-color: var(--_control-off-border);
  }
  .menu-button.compact {
    width: 36px;
    min-width: 36px;
  }
  .menu {
    min-width: 240px;
  }
  .menu rtc-device-select {
    display: flex;
  }
`;
