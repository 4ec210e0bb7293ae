import type { PublishStateDetail } from '../core/track-states.js';

/** Your track's publish state changed: requesting, publishing, stopped (off or unpublished) or failed (with `code`). */
export class RtcPublishStateChangedEvent extends CustomEvent<PublishStateDetail> {
  static readonly eventName = 'rtc-publish-state-changed';

  constructor(detail: PublishStateDetail) {
    super(RtcPublishStateChangedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-publish-state-changed': RtcPublishStateChangedEvent;
  }
}
