import type { ParticipantEventDetail } from '../core/types.js';

/** A remote participant joined the room. */
export class RtcParticipantJoinedEvent extends CustomEvent<ParticipantEventDetail> {
  static readonly eventName = 'rtc-participant-joined';

  constructor(detail: ParticipantEventDetail) {
    super(RtcParticipantJoinedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-participant-joined': RtcParticipantJoinedEvent;
  }
}
