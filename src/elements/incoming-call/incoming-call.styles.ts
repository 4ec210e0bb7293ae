import { css } from 'lit';

export const incomingCallStyles = css`
  :host {
    display: block;
  }
  .dialog {
    display: grid;
    gap: var(--_gap);
    padding: calc(var(--_gap) * 2);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_on-surface);
    max-width: 22rem;
  }
  p {
    margin: 0;
  }
  .modal {
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    box-shadow: 0 16px 48px rgb(0 0 0 / 0.5);
  }
  .modal::backdrop {
    background: rgb(0 0 0 / 0.6);
  }
  .modal .dialog {
    min-width: min(20rem, calc(100vw - 32px));
  }
  .caller {
    font-size: 1.25em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .kind,
  .hint {
    display: flex;
    align-items: center;
    gap: 6px;
    color: var(--_muted-text);
  }
  .user-data {
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
  .actions {
    display: flex;
    gap: var(--_gap);
    justify-content: flex-end;
  }
  .control.accept {
    background: var(--rtc-incoming-call-accept-color, #1b7f3b);
    color: #fff;
  }
  @media (prefers-reduced-motion: no-preference) {
    .dialog {
      animation: arrive 200ms ease-out;
    }
  }
  /* Movement only: a fading box would be unreadable (and fail contrast checks) while it fades in. */
  @keyframes arrive {
    from {
      transform: translateY(-8px);
    }
  }
`;
