import type { TrackEventDetail } from '../core/types.js';

/** A participant unmuted a track. */
export class RtcTrackUnmutedEvent extends CustomEvent<TrackEventDetail> {
  static readonly eventName = 'rtc-track-unmuted';

  constructor(detail: TrackEventDetail) {
    super(RtcTrackUnmutedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-track-unmuted': RtcTrackUnmutedEvent;
  }
}
