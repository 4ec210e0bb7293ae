import { createContext } from '@lit/context';
import type { RtcSession } from '../core/session.js';

/**
 * The conference session `<rtc-room>` provides to everything inside it. Keyed with `Symbol.for` so that
 * elements from two copies of the package on one page still find their room.
 */
export const sessionContext = createContext<RtcSession | undefined>(Symbol.for('rtc-elements.session'));
