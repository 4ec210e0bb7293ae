import type { CastState } from '../core/cast.js';

export interface CastStateDetail {
  state: CastState;
}

/** The broadcast state changed (for everyone in the room). */
export class RtcCastStateChangedEvent extends CustomEvent<CastStateDetail> {
  static readonly eventName = 'rtc-cast-state-changed';

  constructor(detail: CastStateDetail) {
    super(RtcCastStateChangedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-cast-state-changed': RtcCastStateChangedEvent;
  }
}
