import { createContext } from '@lit/context';
import type { CallClient } from '../core/calls.js';

/** The call client `<rtc-call-center>` provides to the call buttons and ringers inside it. */
export const callClientContext = createContext<CallClient | undefined>(Symbol.for('rtc-elements.calls'));
