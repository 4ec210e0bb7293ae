import { css } from 'lit';

export const chatStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    color: inherit;
  }
  .log {
    flex: 1 1 auto;
    display: flex;
    flex-direction: column;
    min-height: 0;
    max-height: var(--rtc-chat-max-height, 320px);
    overflow-y: auto;
  }
  /* Newest last, next to the box: a short conversation sits at the bottom of a tall chat. */
  ol {
    margin: auto 0 0;
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
    opacity: 0.75;
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
    min-height: 44px;
    max-height: 160px;
    resize: none;
    font: inherit;
    /* 16px: a phone's browser zooms into a smaller text box when it is focused. */
    font-size: 16px;
    padding: 11px 12px;
    border: 1px solid var(--rtc-chat-input-border-color, rgb(127 127 127 / 0.6));
    border-radius: var(--_radius);
    background: var(--rtc-chat-input-background, transparent);
    color: inherit;
  }
  textarea::placeholder {
    color: inherit;
    opacity: 0.65;
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
  /* Send is filled when there is something to send, and plainly greyed out when not. */
  [part='send-button'] {
    min-height: 44px;
    padding: 0 18px;
    border: 0;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  [part='send-button']:disabled {
    background: rgb(127 127 127 / 0.25);
    color: inherit;
    opacity: 0.7;
  }
`;
