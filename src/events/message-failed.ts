import type { Message } from '../core/messages.js';

/** One of your messages could not be sent; `code` says why (`not-connected`, `rate-limited`, `message-too-large`…). */
export class RtcMessageFailedEvent extends CustomEvent<Message> {
  static readonly eventName = 'rtc-message-failed';

  constructor(detail: Message) {
    super(RtcMessageFailedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-message-failed': RtcMessageFailedEvent;
  }
}
