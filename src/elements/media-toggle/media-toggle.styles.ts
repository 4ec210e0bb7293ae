import { css } from 'lit';

export const mediaToggleStyles = css`
  :host {
    display: inline-block;
  }
`;
