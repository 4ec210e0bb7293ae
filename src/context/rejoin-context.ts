import { createContext } from '@lit/context';
import type { Readable } from '../core/readable.js';

/** The room joining again by itself after the connection was lost for good. */
export interface AutoRejoin {
  /** When the next attempt starts (`Date.now()` time), while one is scheduled; otherwise undefined. */
  readonly nextAttemptAt: Readable<number | undefined>;
}

/** What `<rtc-room>` provides so the conference can say when it tries again. Keyed with `Symbol.for`, as the session is. */
export const autoRejoinContext = createContext<AutoRejoin | undefined>(Symbol.for('rtc-elements.auto-rejoin'));
