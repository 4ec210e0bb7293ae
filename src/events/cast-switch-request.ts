import type { CastParticipantDetail } from './cast-start-request.js';

/** The person asked to switch the broadcast to another participant. Cancelable. */
export class RtcCastSwitchRequestEvent extends CustomEvent<CastParticipantDetail> {
  static readonly eventName = 'rtc-cast-switch-request';

  constructor(detail: CastParticipantDetail) {
    super(RtcCastSwitchRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-cast-switch-request': RtcCastSwitchRequestEvent;
  }
}
