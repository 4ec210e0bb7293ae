import type { DeviceKind } from '../core/devices.js';

export interface DeviceChangedDetail {
  kind: DeviceKind;
  deviceId: string;
  label: string;
}

/** The person chose another camera, microphone or speaker, and it is in use. */
export class RtcDeviceChangedEvent extends CustomEvent<DeviceChangedDetail> {
  static readonly eventName = 'rtc-device-changed';

  constructor(detail: DeviceChangedDetail) {
    super(RtcDeviceChangedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rtc-device-changed': RtcDeviceChangedEvent;
  }
}
