import type { Message } from '../core/messages.js';

/** A message arrived: chat, barrage, a command for you, or one of the page's own topics. */
export class RtcMessageReceivedEvent extends CustomEvent<Message> {
  static readonly eventName = 'rtc-message-received';

  constructor(detail: Message) {
    super(RtcMessageReceivedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-message-received': RtcMessageReceivedEvent;
  }
}
