import type { PlayStateDetail } from '../core/track-states.js';

/** A remote track's play state changed: requesting, playing, stopped (muted, not received or unpublished) or failed (with `code`). */
export class RtcPlayStateChangedEvent extends CustomEvent<PlayStateDetail> {
  static readonly eventName = 'rtc-play-state-changed';

  constructor(detail: PlayStateDetail) {
    super(RtcPlayStateChangedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-play-state-changed': RtcPlayStateChangedEvent;
  }
}
