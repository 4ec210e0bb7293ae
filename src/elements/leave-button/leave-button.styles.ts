import { css } from 'lit';

export const leaveButtonStyles = css`
  :host {
    display: inline-block;
  }
  :host([compact]) .label {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
