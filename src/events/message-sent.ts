import type { Message } from '../core/messages.js';

/** One of your messages went out. */
export class RtcMessageSentEvent extends CustomEvent<Message> {
  static readonly eventName = 'rtc-message-sent';

  constructor(detail: Message) {
    super(RtcMessageSentEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-message-sent': RtcMessageSentEvent;
  }
}
