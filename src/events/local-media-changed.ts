import type { LocalMediaStatus } from '../core/local-media.js';

export interface LocalMediaDetail {
  status: LocalMediaStatus;
  camera: boolean;
  microphone: boolean;
}

/** The local capture started, stopped or was toggled. */
export class RtcLocalMediaChangedEvent extends CustomEvent<LocalMediaDetail> {
  static readonly eventName = 'rtc-local-media-changed';

  constructor(detail: LocalMediaDetail) {
    super(RtcLocalMediaChangedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-local-media-changed': RtcLocalMediaChangedEvent;
  }
}
