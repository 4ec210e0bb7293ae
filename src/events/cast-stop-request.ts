
/** The person asked to stop the broadcast. Cancelable. */
export class RtcCastStopRequestEvent extends CustomEvent<Record<string, never>> {
  static readonly eventName = 'rtc-cast-stop-request';

  constructor(detail: Record<string, never> = {}) {
    super(RtcCastStopRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-cast-stop-request': RtcCastStopRequestEvent;
  }
}
