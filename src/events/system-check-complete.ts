import type { SystemReport } from '../core/system-check.js';

/** A system check finished; `detail` is the whole report, plain data that can be logged or sent on. */
export class RtcSystemCheckCompleteEvent extends CustomEvent<SystemReport> {
  static readonly eventName = 'rtc-system-check-complete';

  constructor(detail: SystemReport) {
    super(RtcSystemCheckCompleteEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-system-check-complete': RtcSystemCheckCompleteEvent;
  }
}
