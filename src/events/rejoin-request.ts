/** The person asked to join again, after a failure or after leaving. Cancelable: the room joins only if no listener prevents it. */
export class RtcRejoinRequestEvent extends CustomEvent<Record<string, never>> {
  static readonly eventName = 'rtc-rejoin-request';

  constructor(detail: Record<string, never> = {}) {
    super(RtcRejoinRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-rejoin-request': RtcRejoinRequestEvent;
  }
}
