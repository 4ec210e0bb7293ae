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

export const chatIcon = () => icon(svg`<path d="M4 5h16v11H9l-5 4z"/>`);

export const peopleIcon = () =>
  icon(svg`<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/><path d="M16 4.5a3.5 3.5 0 0 1 0 7M18 14a6.5 6.5 0 0 1 3.5 6"/>`);

export const moreIcon = () => icon(svg`<circle cx="5" cy="12" r="1.2"/><circle cx="12" cy="12" r="1.2"/><circle cx="19" cy="12" r="1.2"/>`);

export const chevronIcon = () => icon(svg`<path d="M6 15l6-6 6 6"/>`);

export const closeIcon = () => icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`);

export const linkIcon = () => icon(svg`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1"/><path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/>`);

export const settingsIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="3"/><path d="M12 2v3M12 19v3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M2 12h3M19 12h3M4.9 19.1L7 17M17 7l2.1-2.1"/>`);

export const statsIcon = () => icon(svg`<path d="M4 20V10M10 20V4M16 20v-7M22 20H2"/>`);

export const broadcastIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="2"/><path d="M8.5 8.5a5 5 0 0 0 0 7M15.5 8.5a5 5 0 0 1 0 7M5.6 5.6a9 9 0 0 0 0 12.8M18.4 5.6a9 9 0 0 1 0 12.8"/>`);

export const languageIcon = () =>
  icon(svg`<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18"/>`);

export const checkIcon = () => icon(svg`<path d="M5 12l5 5 9-10"/>`);
