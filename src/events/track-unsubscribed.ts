import type { TrackEventDetail } from '../core/types.js';

/** A remote track stopped arriving (the seed SDKs' "stream removed"). */
export class RtcTrackUnsubscribedEvent extends CustomEvent<TrackEventDetail> {
  static readonly eventName = 'rtc-track-unsubscribed';

  constructor(detail: TrackEventDetail) {
    super(RtcTrackUnsubscribedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-track-unsubscribed': RtcTrackUnsubscribedEvent;
  }
}
