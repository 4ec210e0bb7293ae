import type { CallMedia } from '../core/calls.js';

export interface CallAcceptRequestDetail {
  callId: string;
  /** The caller's user id and name. */
  from: { userId: string; name: string };
  media: CallMedia;
}

/**
 * Accept was pressed on a ringing call. Cancelable: a page in another call may ask first (leave the meeting
 * to answer?), then answer with the call itself (`client.calls`, the call with `callId`: `accept()`); the call
 * keeps ringing meanwhile.
 */
export class RtcCallAcceptRequestEvent extends CustomEvent<CallAcceptRequestDetail> {
  static readonly eventName = 'rtc-call-accept-request';

  constructor(detail: CallAcceptRequestDetail) {
    super(RtcCallAcceptRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-call-accept-request': RtcCallAcceptRequestEvent;
  }
}
