import { css } from 'lit';

export const layoutToggleStyles = css`
  :host {
    display: inline-block;
  }
`;
