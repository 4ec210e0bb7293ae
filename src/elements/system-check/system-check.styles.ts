import { css } from 'lit';

export const systemCheckStyles = css`
  :host {
    --_pass: var(--rtc-system-check-pass-color, #2e9e4f);
    --_fail: var(--rtc-system-check-fail-color, #d32f2f);
    --_warn: var(--rtc-system-check-warn-color, #d68a00);
    --_unknown: var(--rtc-system-check-unknown-color, #8a939e);
    display: block;
    /* The page's own text colour: readable on light and dark pages alike. */
    color: var(--rtc-system-check-color, inherit);
    font-size: 14px;
    line-height: 1.4;
  }
  .summary {
    margin: 0 0 8px;
    font-weight: 600;
  }
  .list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .list[aria-busy='true'] {
    opacity: 0.6;
  }
  .item {
    display: grid;
    grid-template-columns: auto 1fr auto;
    column-gap: 8px;
    align-items: baseline;
    padding: 6px 0;
    border-bottom: 1px solid var(--rtc-system-check-divider-color, color-mix(in srgb, currentColor 20%, transparent));
  }
  .icon {
    grid-row: span 3;
    align-self: start;
    display: inline-flex;
    color: var(--_unknown);
  }
  .pass .icon {
    color: var(--_pass);
  }
  .fail .icon {
    color: var(--_fail);
  }
  .warn .icon {
    color: var(--_warn);
  }
  .label {
    font-weight: 600;
  }
  .status {
    justify-self: end;
    font-weight: 600;
  }
  .detail,
  .remedy {
    grid-column: 2 / -1;
    margin: 0;
  }
  .remedy {
    margin-top: 2px;
    padding-left: 8px;
    border-left: 3px solid var(--_warn);
  }
  .fail .remedy {
    border-left-color: var(--_fail);
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    margin-top: 8px;
  }
  .browser {
    margin: 0;
  }
  .rerun {
    min-height: 36px;
    padding: 0 14px;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    background: var(--rtc-system-check-button-background, transparent);
    color: inherit;
  }
  @media (forced-colors: active) {
    .remedy {
      border-left-color: CanvasText;
    }
  }
`;
