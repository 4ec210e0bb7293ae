import type { RtcErrorCode } from '../core/errors.js';

export interface RtcErrorDetail {
  code: RtcErrorCode;
  message: string;
}

/** Something failed; `code` is stable, `message` is for developers. */
export class RtcErrorEvent extends CustomEvent<RtcErrorDetail> {
  static readonly eventName = 'rtc-error';

  constructor(detail: RtcErrorDetail) {
    super(RtcErrorEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-error': RtcErrorEvent;
  }
}
