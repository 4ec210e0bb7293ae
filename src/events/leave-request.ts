
/** The person asked to leave. Cancelable: the room leaves only if no listener prevents it. */
export class RtcLeaveRequestEvent extends CustomEvent<Record<string, never>> {
  static readonly eventName = 'rtc-leave-request';

  constructor(detail: Record<string, never> = {}) {
    super(RtcLeaveRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-leave-request': RtcLeaveRequestEvent;
  }
}
