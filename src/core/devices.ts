import { lazyReadable, type Readable } from './readable.js';
import { withTimeout } from './timeout.js';

export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

/** Whether this browser can share a screen, window or tab (phones cannot). */
export function canShareScreen(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getDisplayMedia;
}

/**
 * What the browser says of the camera or microphone permission, or `undefined` where it cannot say (Firefox
 * before 131 knows neither name) or does not answer within `timeoutMs`.
 */
export async function queryPermission(
  name: 'camera' | 'microphone',
  permissions: Pick<Permissions, 'query'> | undefined = globalThis.navigator?.permissions,
  timeoutMs = 3000,
): Promise<PermissionState | undefined> {
  if (!permissions?.query) return undefined;
  try {
    return (await withTimeout(permissions.query({ name: name as PermissionName }), timeoutMs)).state;
  } catch {
    return undefined;
  }
}

/** One camera, microphone or speaker, as a plain snapshot of its `MediaDeviceInfo`. */
export interface DeviceOption {
  kind: DeviceKind;
  deviceId: string;
  groupId: string;
  /** Empty until the page has been allowed a camera or microphone (browsers hide labels before that). */
  label: string;
}

const sameList = (a: readonly DeviceOption[], b: readonly DeviceOption[]) =>
  a.length === b.length && a.every((device, i) => device.deviceId === b[i]!.deviceId && device.label === b[i]!.label);

/** The devices of one kind the browser lists now; [] where it cannot list them (no mediaDevices, insecure page). */
export async function listDevices(kind: DeviceKind): Promise<DeviceOption[]> {
  const mediaDevices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!mediaDevices?.enumerateDevices) return [];
  try {
    const devices = await mediaDevices.enumerateDevices();
    // Before permission, browsers list one placeholder per kind with an empty id: nothing to choose from yet.
    return devices
      .filter((device) => device.kind === kind && device.deviceId)
      .map(({ deviceId, groupId, label }) => ({ kind, deviceId, groupId, label }));
  } catch {
    return [];
  }
}

/** A device list that can also be told to look again. */
export interface DeviceList extends Readable<readonly DeviceOption[]> {
  /**
   * Lists the devices again. Call it once a capture starts: only Safari fires `devicechange` when the page
   * is given a camera or microphone, which is when the other browsers start listing devices with names.
   */
  refresh(): void;
}

/** One list per kind for the whole page: the browser's devices are the same for every element and room. */
const lists = new Map<DeviceKind, DeviceList>();

/**
 * The devices of one kind, kept up to date from `devicechange` while anyone listens (plugging in a headset,
 * unplugging a camera), and on `refresh()`. Every caller gets the same list.
 */
export function deviceList(kind: DeviceKind): DeviceList {
  let list = lists.get(kind);
  if (!list) lists.set(kind, (list = createDeviceList(kind)));
  return list;
}

/**
 * Lists every kind's devices again, where anyone listens. A capture that starts calls it: only Safari fires
 * `devicechange` when the page is given a camera or microphone, which is when the others reveal names.
 */
export function refreshDeviceLists(): void {
  for (const list of lists.values()) list.refresh();
}

function createDeviceList(kind: DeviceKind): DeviceList {
  let last: readonly DeviceOption[] = [];
  let refreshNow: (() => void) | undefined;
  const readable = lazyReadable<readonly DeviceOption[]>([], (set) => {
    const mediaDevices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    let stopped = false;
    let generation = 0;
    const refresh = () => {
      const asked = ++generation;
      void listDevices(kind).then((devices) => {
        // Answers can overtake each other: only the latest question's answer counts.
        if (stopped || asked !== generation || sameList(last, devices)) return;
        last = devices;
        set(devices);
      });
    };
    mediaDevices?.addEventListener?.('devicechange', refresh);
    refreshNow = refresh;
    refresh();
    return () => {
      stopped = true;
      refreshNow = undefined;
      mediaDevices?.removeEventListener?.('devicechange', refresh);
    };
  });
  return { ...readable, refresh: () => refreshNow?.() };
}

/** Where chosen devices are remembered between visits. */
export interface DeviceMemory {
  get(kind: DeviceKind): string | undefined;
  set(kind: DeviceKind, deviceId: string | undefined): void;
}

const STORAGE_PREFIX = 'rtc-elements.device.';

/**
 * Remembers chosen devices in `localStorage`, per origin, as other meeting apps do. A page whose storage is
 * blocked (a sandboxed frame, private browsing settings) simply does not remember.
 */
export const localStorageDeviceMemory: DeviceMemory = {
  get(kind) {
    try {
      return globalThis.localStorage?.getItem(STORAGE_PREFIX + kind) || undefined;
    } catch {
      return undefined;
    }
  },
  set(kind, deviceId) {
    try {
      if (deviceId) globalThis.localStorage?.setItem(STORAGE_PREFIX + kind, deviceId);
      else globalThis.localStorage?.removeItem(STORAGE_PREFIX + kind);
    } catch {
      // Storage refused: the choice holds for this session only.
    }
  },
};

/** Remembers nothing: for tests and for pages that keep their own preferences. */
export function memoryDeviceMemory(initial: Partial<Record<DeviceKind, string>> = {}): DeviceMemory {
  const chosen = new Map(Object.entries(initial) as [DeviceKind, string][]);
  return {
    get: (kind) => chosen.get(kind),
    set: (kind, deviceId) => (deviceId ? chosen.set(kind, deviceId) : chosen.delete(kind)),
  };
}
