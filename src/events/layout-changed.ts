import type { LayoutState } from '../context/layout-context.js';

/** The room's layout or pinned participant changed: by the page, a toggle, a pin button, or a screen share taking the stage. */
export class RtcLayoutChangedEvent extends CustomEvent<LayoutState> {
  static readonly eventName = 'rtc-layout-changed';

  constructor(detail: LayoutState) {
    super(RtcLayoutChangedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-layout-changed': RtcLayoutChangedEvent;
  }
}
