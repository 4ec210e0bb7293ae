import { createContext } from '@lit/context';
import type { Readable } from '../core/readable.js';

/** What opens beside the stage: the chat, the participants, device settings, call statistics, or the broadcast. */
export type ConferencePanel = 'chat' | 'participants' | 'settings' | 'stats' | 'cast';

export interface ConferenceState {
  /** The panel open now, or `''`. */
  panel: ConferencePanel | '';
  /** The panels the page enabled, in the order their controls show. */
  panels: readonly ConferencePanel[];
  /** Chat messages from others that arrived while the chat was not open. */
  unread: number;
  /** The languages the person may choose from (`en`, `zh-CN`…); empty when the page offers no choice. */
  languages: readonly string[];
}

/** The conference's side panel and language, as the control bar inside `<rtc-conference>` reads and changes them. */
export interface ConferenceControl {
  readonly state: Readable<ConferenceState>;
  /** Opens `panel`, or closes it when it is the one open. */
  togglePanel(panel: ConferencePanel): void;
  /** Asks for the page's language to change (a cancelable `rtc-language-change-request`). */
  chooseLanguage(lang: string): void;
}

/** What `<rtc-conference>` provides to its control bar. Keyed with `Symbol.for`, as the session is. */
export const conferenceContext = createContext<ConferenceControl | undefined>(Symbol.for('rtc-elements.conference'));
