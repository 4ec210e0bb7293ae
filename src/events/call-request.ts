import type { CallMedia } from '../core/calls.js';

export interface CallRequestDetail {
  /** Who is to be called. */
  user: string;
  media: CallMedia;
}

/**
 * A call button was pressed to call someone. Cancelable: a page in another call may ask first, then call
 * through the call client itself (`client.invite(user, …)`; the button follows that call too).
 */
export class RtcCallRequestEvent extends CustomEvent<CallRequestDetail> {
  static readonly eventName = 'rtc-call-request';

  constructor(detail: CallRequestDetail) {
    super(RtcCallRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-call-request': RtcCallRequestEvent;
  }
}
