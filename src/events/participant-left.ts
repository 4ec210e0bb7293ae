import type { ParticipantEventDetail } from '../core/types.js';

/** A remote participant left the room. */
export class RtcParticipantLeftEvent extends CustomEvent<ParticipantEventDetail> {
  static readonly eventName = 'rtc-participant-left';

  constructor(detail: ParticipantEventDetail) {
    super(RtcParticipantLeftEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-participant-left': RtcParticipantLeftEvent;
  }
}
