import type { CallDirection, CallPeer, CallState } from '../core/calls.js';

export interface CallStateChangedDetail {
  callId: string;
  direction: CallDirection;
  state: CallState;
  peer: CallPeer;
  /** The room both sides join once the call is accepted. */
  room: string;
}

/** A call, either way, moved on: ringing, connected, declined, ended… */
export class RtcCallStateChangedEvent extends CustomEvent<CallStateChangedDetail> {
  static readonly eventName = 'rtc-call-state-changed';

  constructor(detail: CallStateChangedDetail) {
    super(RtcCallStateChangedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-call-state-changed': RtcCallStateChangedEvent;
  }
}
