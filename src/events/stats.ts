import type { CallStats } from '../core/stats.js';

/** A sample of the call's statistics, every `stats-interval` ms while `<rtc-room stats-interval>` is set. */
export class RtcStatsEvent extends CustomEvent<CallStats> {
  static readonly eventName = 'rtc-stats';

  constructor(detail: CallStats) {
    super(RtcStatsEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-stats': RtcStatsEvent;
  }
}
