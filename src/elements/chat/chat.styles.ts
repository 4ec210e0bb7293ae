import { css } from 'lit';

export const chatStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    color: inherit;
  }
  .log {
    max-height: var(--rtc-chat-max-height, 320px);
    overflow-y: auto;
  }
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  li {
    padding: 6px 10px;
    border-radius: var(--_radius);
  }
  li.own {
    align-self: flex-end;
    background: var(--rtc-chat-own-background, rgb(29 100 200 / 0.15));
  }
  /* The chat sits on the page's own background, light or dark: its text keeps the page's colour. */
  .empty {
    font-style: italic;
  }
  .sender {
    font-weight: 600;
    margin-inline-end: 6px;
  }
  .time {
    font-size: 12px;
    opacity: 0.75;
  }
  .text {
    margin: 2px 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .status {
    font-size: 12px;
    margin-inline-end: 6px;
  }
  .form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_gap);
  }
  textarea {
    flex: 1;
    min-width: 0;
    min-height: 36px;
    resize: vertical;
    font: inherit;
    padding: 6px 8px;
    border-radius: var(--_radius);
  }
  .counter {
    font-size: 12px;
  }
  .counter.over {
    color: var(--_danger);
  }
  .error {
    flex-basis: 100%;
    margin: 0;
    font-size: 13px;
    color: var(--_danger);
  }
  .error:empty {
    display: none;
  }
  button {
    min-height: 36px;
    padding: 0 14px;
    border-radius: 999px;
  }
`;
