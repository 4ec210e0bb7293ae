import { createContext } from '@lit/context';
import type { Readable } from '../core/readable.js';

/** `grid`: everyone alike. `speaker`: one participant large on the stage, the others in a filmstrip. */
export type RoomLayout = 'grid' | 'speaker';

export interface LayoutState {
  layout: RoomLayout;
  /** The identity pinned to the stage (their screen share if they share, else their camera), or `''`. */
  pinned: string;
}

/** The room's layout, as the tiles, layouts and toggles inside it read and change it. */
export interface LayoutControl {
  readonly state: Readable<LayoutState>;
  /** Switches the layout; back to the grid also unpins. */
  setLayout(layout: RoomLayout): void;
  /** Pins a participant to the stage (switching to the speaker layout), or unpins with `''`. */
  pin(identity: string): void;
}

/** What `<rtc-room>` provides to its layouts, tiles and layout toggle. Keyed with `Symbol.for`, as the session is. */
export const layoutContext = createContext<LayoutControl | undefined>(Symbol.for('rtc-elements.layout'));
