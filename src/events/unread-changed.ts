export interface UnreadChangedDetail {
  /** Messages that arrived while the chat was out of view or scrolled up. */
  count: number;
}

/** The chat's count of unread messages changed: a message arrived unseen, or the person read them. */
export class RtcUnreadChangedEvent extends CustomEvent<UnreadChangedDetail> {
  static readonly eventName = 'rtc-unread-changed';

  constructor(detail: UnreadChangedDetail) {
    super(RtcUnreadChangedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-unread-changed': RtcUnreadChangedEvent;
  }
}
