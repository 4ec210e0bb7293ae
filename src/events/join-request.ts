export interface JoinRequestDetail {
  /** The name the person gave. */
  name: string;
  /** The microphone is on. */
  audio: boolean;
  /** The camera is on. */
  video: boolean;
}

/** Join was pressed on the pre-join screen. Cancelable: the room it precedes joins only if no listener prevents it. */
export class RtcJoinRequestEvent extends CustomEvent<JoinRequestDetail> {
  static readonly eventName = 'rtc-join-request';

  constructor(detail: JoinRequestDetail) {
    super(RtcJoinRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-join-request': RtcJoinRequestEvent;
  }
}
