export interface CastParticipantDetail {
  /** Identity of the participant to broadcast. */
  participant: string;
}

/** The person asked to start broadcasting a participant. Cancelable. */
export class RtcCastStartRequestEvent extends CustomEvent<CastParticipantDetail> {
  static readonly eventName = 'rtc-cast-start-request';

  constructor(detail: CastParticipantDetail) {
    super(RtcCastStartRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-cast-start-request': RtcCastStartRequestEvent;
  }
}
