import { createContext } from '@lit/context';
import type { Readable } from '../core/readable.js';

/** The room's playback of everyone's audio, as the elements inside may need it. */
export interface AudioPlayback {
  /** True while the browser refuses to play the room's audio until the person interacts with the page. */
  readonly blocked: Readable<boolean>;
  /** Starts the room's audio; call it from a user gesture (a click). */
  resume(): Promise<void>;
}

/** What `<rtc-room>` provides for `<rtc-audio-unlock>`. Keyed with `Symbol.for`, as the session is. */
export const audioPlaybackContext = createContext<AudioPlayback | undefined>(Symbol.for('rtc-elements.audio-playback'));
