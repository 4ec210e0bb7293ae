import { svg } from 'lit';

/** Decorative icons: every use sits next to a text label, so they are hidden from assistive technology. */
const icon = (paths: ReturnType<typeof svg>) =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;

export const microphoneIcon = (on: boolean) =>
  icon(svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>${on ? svg`` : svg`<path d="M4 4l16 16"/>`}`);

export const cameraIcon = (on: boolean) =>
  icon(svg`<rect x="3" y="7" width="12" height="10" rx="2"/><path d="M15 11l6-3v8l-6-3z"/>${on ? svg`` : svg`<path d="M3 4l18 16"/>`}`);

export const leaveIcon = () => icon(svg`<path d="M15 12H4M9 7l-5 5 5 5M14 4h5a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-5"/>`);

/** Signal bars, `filled` of three solid: a connection's quality. */
export const qualityIcon = (filled: number) =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">${[0, 1, 2].map(
    (bar) => svg`<rect x=${4 + bar * 6} y=${16 - bar * 5} width="4" height=${4 + bar * 5} rx="1" fill="currentColor" opacity=${bar < filled ? 1 : 0.3}/>`,
  )}</svg>`;

export const screenIcon = (on: boolean) =>
  icon(svg`<rect x="3" y="4" width="18" height="12" rx="2"/><path d="M8 20h8M12 16v4"/>${on ? svg`<path d="M12 13V7M9 10l3-3 3 3"/>` : svg``}`);

export const gridIcon = () => icon(svg`<rect x="3" y="3" width="8" height="8" rx="1"/><rect x="13" y="3" width="8" height="8" rx="1"/><rect x="3" y="13" width="8" height="8" rx="1"/><rect x="13" y="13" width="8" height="8" rx="1"/>`);

export const speakerLayoutIcon = () => icon(svg`<rect x="3" y="3" width="18" height="12" rx="1"/><rect x="3" y="17" width="5" height="4" rx="1"/><rect x="9.5" y="17" width="5" height="4" rx="1"/><rect x="16" y="17" width="5" height="4" rx="1"/>`);

export const pinIcon = () => icon(svg`<path d="M9 4h6l-1 6 3 3H7l3-3zM12 13v7"/>`);

/** A handset: lifted to call, lowered (and crossed) to hang up. */
export const phoneIcon = (call: boolean) =>
  icon(
    call
      ? svg`<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2"/>`
      : svg`<path d="M3 14c5-5 13-5 18 0l-2.5 2.5-3.5-1.5v-3a12 12 0 0 0-6 0v3l-3.5 1.5z"/>`,
  );
