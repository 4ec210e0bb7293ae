import type { CallMedia, CallPeer } from '../core/calls.js';

export interface CallIncomingDetail {
  callId: string;
  from: CallPeer;
  media: CallMedia;
  /** What the caller sent along, as text: never insert it as HTML. */
  userData: string | undefined;
}

/** Someone is calling and this tab rings. `call-center.client.calls` has the call to accept or reject. */
export class RtcCallIncomingEvent extends CustomEvent<CallIncomingDetail> {
  static readonly eventName = 'rtc-call-incoming';

  constructor(detail: CallIncomingDetail) {
    super(RtcCallIncomingEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-call-incoming': RtcCallIncomingEvent;
  }
}
