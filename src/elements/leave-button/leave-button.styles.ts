import { css } from 'lit';

export const leaveButtonStyles = css`
  :host {
    display: inline-block;
  }
`;
