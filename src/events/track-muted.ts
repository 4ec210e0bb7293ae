import type { TrackEventDetail } from '../core/types.js';

/** A participant muted a track (camera off, microphone muted). */
export class RtcTrackMutedEvent extends CustomEvent<TrackEventDetail> {
  static readonly eventName = 'rtc-track-muted';

  constructor(detail: TrackEventDetail) {
    super(RtcTrackMutedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-track-muted': RtcTrackMutedEvent;
  }
}
