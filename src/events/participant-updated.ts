import type { ParticipantUpdatedDetail } from '../core/types.js';

/** Someone's name, metadata or attributes (their user data) changed. */
export class RtcParticipantUpdatedEvent extends CustomEvent<ParticipantUpdatedDetail> {
  static readonly eventName = 'rtc-participant-updated';

  constructor(detail: ParticipantUpdatedDetail) {
    super(RtcParticipantUpdatedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-participant-updated': RtcParticipantUpdatedEvent;
  }
}
