import type { TrackEventDetail } from '../core/types.js';

/** A remote track started arriving (the seed SDKs' "stream added"). */
export class RtcTrackSubscribedEvent extends CustomEvent<TrackEventDetail> {
  static readonly eventName = 'rtc-track-subscribed';

  constructor(detail: TrackEventDetail) {
    super(RtcTrackSubscribedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-track-subscribed': RtcTrackSubscribedEvent;
  }
}
