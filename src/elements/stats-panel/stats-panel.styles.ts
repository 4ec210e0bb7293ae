import { css } from 'lit';

export const statsPanelStyles = css`
  :host {
    display: block;
    font-size: 0.8125rem;
  }
  .panel {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
    border-radius: var(--_radius);
    background: var(--rtc-stats-panel-background, rgb(13 16 20 / 0.82));
    color: var(--rtc-stats-panel-color, var(--_on-surface));
    font-variant-numeric: tabular-nums;
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  .title {
    font-size: 1em;
  }
  h3 {
    font-size: 0.9em;
    color: var(--_muted-text);
  }
  dl {
    margin: 4px 0 0;
    display: grid;
    gap: 2px;
  }
  .row {
    display: grid;
    grid-template-columns: 8em 1fr;
    gap: 8px;
    align-items: center;
  }
  dt {
    color: var(--_muted-text);
  }
  dd {
    margin: 0;
    display: grid;
    grid-template-columns: 6.5em auto;
    align-items: center;
    gap: 8px;
    overflow-wrap: anywhere;
  }
  dd > [part='value']:only-child {
    grid-column: 1 / -1;
  }
  .qualities dd {
    display: block;
  }
  .plot {
    width: 100px;
    height: 24px;
    flex: none;
  }
  .plot polyline {
    fill: none;
    stroke: var(--rtc-stats-panel-plot-color, #7fb2ff);
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
  @media (forced-colors: active) {
    .plot polyline {
      stroke: CanvasText;
    }
  }
`;
