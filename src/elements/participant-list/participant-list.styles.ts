import { css } from 'lit';

export const participantListStyles = css`
  :host {
    display: block;
    color: inherit;
    font-size: 14px;
  }
  h2 {
    margin: 0 0 var(--_gap);
    font-size: 14px;
    font-weight: 600;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  li {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    min-height: 32px;
  }
  .name {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .agent {
    flex: none;
    padding: 0 6px;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 12px;
  }
  li[data-speaking] .name {
    font-weight: 600;
  }
  .speaking {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--rtc-participant-list-speaking-color, var(--_speaking));
  }
  .states {
    display: inline-flex;
    gap: 4px;
  }
  .quality {
    display: inline-flex;
    align-items: flex-end;
    gap: 2px;
    height: 14px;
  }
  .quality span {
    width: 3px;
    border-radius: 1px;
    background: currentColor;
    opacity: 0.3;
  }
  .quality span:nth-child(1) {
    height: 5px;
  }
  .quality span:nth-child(2) {
    height: 9px;
  }
  .quality span:nth-child(3) {
    height: 13px;
  }
  .quality[data-bars='1'] span:nth-child(-n + 1),
  .quality[data-bars='2'] span:nth-child(-n + 2),
  .quality[data-bars='3'] span:nth-child(-n + 3) {
    opacity: 1;
  }
`;
