import type { ConnectionStatus } from '../core/types.js';

/** The room's connection state changed: `{ state, previous, reason? }`. */
export class RtcConnectionStateChangedEvent extends CustomEvent<ConnectionStatus> {
  static readonly eventName = 'rtc-connection-state-changed';

  constructor(detail: ConnectionStatus) {
    super(RtcConnectionStateChangedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-connection-state-changed': RtcConnectionStateChangedEvent;
  }
}
