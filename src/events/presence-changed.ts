import type { PresenceState, PresenceUser } from '../core/calls.js';

export interface PresenceChangedDetail {
  state: PresenceState;
  /** Who else can be called now. */
  users: readonly PresenceUser[];
}

/** This tab's presence connection changed, or someone came online or went offline. */
export class RtcPresenceChangedEvent extends CustomEvent<PresenceChangedDetail> {
  static readonly eventName = 'rtc-presence-changed';

  constructor(detail: PresenceChangedDetail) {
    super(RtcPresenceChangedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-presence-changed': RtcPresenceChangedEvent;
  }
}
